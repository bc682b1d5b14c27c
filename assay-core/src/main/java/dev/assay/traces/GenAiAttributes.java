package dev.assay.traces;

import java.util.Map;

/**
 * Maps OpenTelemetry GenAI semantic-convention attributes ({@code gen_ai.*}) to the OpenInference keys
 * Assay reads, so an app instrumented with either convention is stored alike. A key the span already
 * carries in OpenInference form is never overwritten: OpenInference wins, as in Phoenix.
 */
final class GenAiAttributes {
  private GenAiAttributes() {}

  /** Adds the OpenInference keys derivable from {@code gen_ai.*} keys to the (mutable) flat map. */
  static void addOpenInferenceKeys(Map<String, Object> attributes) {
    copy(attributes, "llm.model_name", "gen_ai.response.model", "gen_ai.request.model");
    copy(attributes, "llm.provider", "gen_ai.provider.name", "gen_ai.system");
    copy(attributes, "llm.system", "gen_ai.system");
    copy(attributes, "llm.token_count.prompt", "gen_ai.usage.input_tokens");
    copy(attributes, "llm.token_count.completion", "gen_ai.usage.output_tokens");
    copy(attributes, "session.id", "gen_ai.conversation.id");
    copy(attributes, "tool.name", "gen_ai.tool.name");
    copy(attributes, "agent.name", "gen_ai.agent.name");
    // Cache and reasoning token details: the current semantic conventions' names first, then the older
    // spellings instrumentations still emit (OpenLLMetry). No gen_ai key for audio tokens or cost exists.
    copy(attributes, "llm.token_count.prompt_details.cache_read",
        "gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_read_input_tokens");
    copy(attributes, "llm.token_count.prompt_details.cache_write",
        "gen_ai.usage.cache_creation.input_tokens", "gen_ai.usage.cache_creation_input_tokens");
    copy(attributes, "llm.token_count.completion_details.reasoning",
        "gen_ai.usage.reasoning.output_tokens", "gen_ai.usage.reasoning_tokens");
    if (!attributes.containsKey("llm.token_count.total") && attributes.containsKey("gen_ai.usage.input_tokens")
        && attributes.containsKey("gen_ai.usage.output_tokens")) {
      Long prompt = OtlpSpanMapper.asLong(attributes.get("llm.token_count.prompt"));
      Long completion = OtlpSpanMapper.asLong(attributes.get("llm.token_count.completion"));
      if (prompt != null && completion != null) {
        attributes.put("llm.token_count.total", prompt + completion);
      }
    }
    if (!attributes.containsKey(OtlpSpanMapper.SPAN_KIND) && attributes.get("gen_ai.operation.name") instanceof String op) {
      String kind = kindOf(op);
      if (kind != null) {
        attributes.put(OtlpSpanMapper.SPAN_KIND, kind);
      }
    }
  }

  /** The OpenInference span kind of a GenAI operation name, or null when there is none. */
  private static String kindOf(String operation) {
    return switch (operation) {
      case "chat", "text_completion", "generate_content" -> "LLM";
      case "embeddings" -> "EMBEDDING";
      case "execute_tool" -> "TOOL";
      case "invoke_agent", "create_agent" -> "AGENT";
      default -> null;
    };
  }

  private static void copy(Map<String, Object> attributes, String target, String... sources) {
    if (attributes.containsKey(target)) {
      return;
    }
    for (String source : sources) {
      Object value = attributes.get(source);
      if (value != null) {
        attributes.put(target, value);
        return;
      }
    }
  }
}
