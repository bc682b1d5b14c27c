package dev.assay.server.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.assay.prompts.Prompt;
import dev.assay.prompts.PromptCall;
import dev.assay.prompts.PromptMessage;
import dev.assay.prompts.PromptVersion;
import dev.assay.prompts.PromptWithVersion;
import dev.assay.prompts.RenderedPrompt;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The prompt shapes of the API: AX's {@code Prompt}, {@code PromptWithVersion}, {@code PromptVersion} and
 * {@code LLMMessage}, plus Assay's {@code version_number} and {@code template_type} on versions and the render and run
 * results of the playground.
 */
final class PromptJson {
  static final String TYPE = "Prompt";
  static final String VERSION_TYPE = "PromptVersion";

  private PromptJson() {}

  /** AX's {@code Prompt}; {@code created_by_user_id} is null until users exist. */
  record PromptView(String id, String name, String description, String spaceId, Instant createdAt, Instant updatedAt,
      String createdByUserId) {}

  /** AX's {@code PromptWithVersion}. */
  record WithVersion(String id, String name, String description, String spaceId, Instant createdAt, Instant updatedAt,
      String createdByUserId, Version version) {}

  /** AX's {@code PromptVersion} with Assay's {@code version_number} and {@code template_type}. */
  record Version(String id, String promptId, String commitHash, String commitMessage, List<Message> messages,
      String inputVariableFormat, String provider, String model, Map<String, Object> invocationParams,
      Map<String, Object> providerParams, Instant createdAt, String createdByUserId, List<String> labels,
      int versionNumber, String templateType) {}

  /** AX's {@code LLMMessage}. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record Message(@JsonInclude(JsonInclude.Include.ALWAYS) String role,
      @JsonInclude(JsonInclude.Include.ALWAYS) String content, String toolCallId,
      List<Map<String, Object>> toolCalls) {}

  /** Assay's render result. */
  record Rendered(List<Message> messages, List<String> variables, List<String> missing) {}

  /** Assay's run result: {@code output} is the text, or the tool call's arguments when the model only called it. */
  record RunResult(List<Message> messages, String output, String toolArguments, String model, long inputTokens,
      long outputTokens, long latencyMs, List<String> missing) {}

  static PromptView of(Prompt p) {
    return new PromptView(ApiIds.encode(TYPE, p.id()), p.name(), p.description(),
        ApiIds.encode(SpaceController.TYPE, p.spaceId()), p.createdAt(), p.updatedAt(), null);
  }

  static WithVersion of(PromptWithVersion pv) {
    PromptView p = of(pv.prompt());
    return new WithVersion(p.id(), p.name(), p.description(), p.spaceId(), p.createdAt(), p.updatedAt(), null,
        of(pv.version()));
  }

  static Version of(PromptVersion v) {
    return new Version(ApiIds.encode(VERSION_TYPE, v.id()), ApiIds.encode(TYPE, v.promptId()), v.commitHash(),
        v.commitMessage(), messages(v.messages()), v.format().name(), v.provider(), v.model(), v.invocationParams(),
        v.providerParams(), v.createdAt(), null, v.labels(), v.number(), v.templateType().name());
  }

  static List<Message> messages(List<PromptMessage> messages) {
    return messages.stream().map(m -> new Message(m.role(), m.content(), m.toolCallId(), m.toolCalls())).toList();
  }

  static Rendered of(RenderedPrompt r) {
    return new Rendered(messages(r.messages()), List.copyOf(r.variables()), List.copyOf(r.missing()));
  }

  static RunResult of(PromptCall call) {
    String text = call.response().text();
    String args = call.response().toolArgumentsJson();
    return new RunResult(messages(call.rendered().messages()), text != null ? text : args, args, call.model(),
        call.response().inputTokens(), call.response().outputTokens(), call.latencyNanos() / 1_000_000, List.of());
  }
}
