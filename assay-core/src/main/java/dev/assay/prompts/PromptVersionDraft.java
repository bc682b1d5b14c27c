package dev.assay.prompts;

import java.util.List;
import java.util.Map;

/**
 * The content of a version to create (AX's {@code PromptVersionCreateRequest}); {@link PromptService} validates and
 * normalises it before anything is stored.
 *
 * @param templateType CHAT, or STR (one USER message); null means CHAT
 * @param format MUSTACHE or F_STRING (NONE is kept and read as F_STRING); null means F_STRING
 * @param provider AX's LlmProvider; required
 */
public record PromptVersionDraft(String commitMessage, TemplateType templateType, TemplateFormat format,
    List<PromptMessage> messages, String provider, String model, Map<String, Object> invocationParams,
    Map<String, Object> providerParams) {
  public PromptVersionDraft {
    messages = messages == null ? List.of() : List.copyOf(messages);
    invocationParams = invocationParams == null ? Map.of() : invocationParams;
    providerParams = providerParams == null ? Map.of() : providerParams;
  }
}
