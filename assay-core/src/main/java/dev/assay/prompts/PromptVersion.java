package dev.assay.prompts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable snapshot of a prompt (AX's {@code PromptVersion}, with Phoenix's template type).
 *
 * @param commitHash a content hash of the version (hex), stable for equal content
 * @param provider AX's LlmProvider (OPEN_AI, AZURE_OPEN_AI, AWS_BEDROCK, VERTEX_AI, ANTHROPIC, CUSTOM)
 * @param model the model name, or null when the version sets none
 * @param invocationParams temperature, max_tokens, …, {@code response_format} and {@code tool_config} as AX nests
 *     them (empty when none)
 * @param providerParams provider-specific parameters (empty when none)
 * @param labels label names pointing at this version now ({@code production}, {@code staging}, …)
 */
public record PromptVersion(String id, String promptId, int number, String commitHash, String commitMessage,
    TemplateType templateType, TemplateFormat format, List<PromptMessage> messages, String provider, String model,
    Map<String, Object> invocationParams, Map<String, Object> providerParams, List<String> labels,
    Instant createdAt) {
  public PromptVersion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(promptId, "promptId");
    messages = List.copyOf(messages);
    invocationParams = invocationParams == null ? Map.of() : invocationParams;
    providerParams = providerParams == null ? Map.of() : providerParams;
    labels = labels == null ? List.of() : List.copyOf(labels);
  }
}
