package dev.assay.prompts;

import dev.assay.eval.ModelRef;
import dev.assay.llm.ChatRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns a rendered version into the gateway's {@link ChatRequest}. */
final class PromptRequests {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
  private static final String EMPTY_OBJECT_SCHEMA = "{\"type\":\"object\",\"properties\":{}}";

  private PromptRequests() {}

  /**
   * The request: roles lower-cased as the gateway reads them, the version's invocation parameters overlaid with the
   * ref's (without {@code response_format} and {@code tool_config}, which become the schema and the tool).
   */
  static ChatRequest request(String model, RenderedPrompt rendered, PromptVersion version, ModelRef ref) {
    List<ChatRequest.Message> messages = new ArrayList<>(rendered.messages().size());
    for (PromptMessage m : rendered.messages()) {
      messages.add(new ChatRequest.Message(m.role().toLowerCase(Locale.ROOT), m.content() == null ? "" : m.content()));
    }
    Map<String, Object> parameters = new LinkedHashMap<>();
    putPlain(parameters, version.invocationParams());
    if (ref != null) {
      putPlain(parameters, ref.invocationParameters());
    }
    return new ChatRequest(model, messages, parameters, responseSchema(version.invocationParams()),
        tool(version.invocationParams()));
  }

  private static void putPlain(Map<String, Object> into, Map<String, Object> from) {
    from.forEach((k, v) -> {
      if (v != null && !k.equals("response_format") && !k.equals("tool_config")) {
        into.put(k, v);
      }
    });
  }

  /** The JSON schema of a JSON_SCHEMA response format, else null (free text). */
  static String responseSchema(Map<String, Object> params) {
    if (params.get("response_format") instanceof Map<?, ?> format && "JSON_SCHEMA".equals(format.get("type"))
        && format.get("json_schema") instanceof Map<?, ?> config && config.get("schema") instanceof Map<?, ?> schema) {
      return PromptJson.write(JSON, schema);
    }
    return null;
  }

  /**
   * The first tool of {@code tool_config.tools} (the gateway offers one tool), unless {@code tool_choice} is
   * {@code none}. OpenAI's {@code {type, function: {name, description, parameters}}}, the flat form and Anthropic's
   * {@code input_schema} are read.
   */
  static ChatRequest.Tool tool(Map<String, Object> params) {
    if (!(params.get("tool_config") instanceof Map<?, ?> config) || "none".equals(config.get("tool_choice"))
        || !(config.get("tools") instanceof List<?> tools) || tools.isEmpty()
        || !(tools.get(0) instanceof Map<?, ?> first)) {
      return null;
    }
    Map<?, ?> function = first.get("function") instanceof Map<?, ?> f ? f : first;
    Object schema = function.get("parameters") != null ? function.get("parameters") : function.get("input_schema");
    String schemaJson = schema instanceof Map<?, ?> s ? PromptJson.write(JSON, s)
        : EMPTY_OBJECT_SCHEMA;
    Object description = function.get("description");
    return new ChatRequest.Tool(toolName(first), description == null ? "" : description.toString(), schemaJson);
  }

  /** A tool definition's name in either form, null when it has none. */
  static String toolName(Map<?, ?> tool) {
    Object name = tool.get("function") instanceof Map<?, ?> f ? f.get("name") : tool.get("name");
    return name instanceof String s && !s.isBlank() ? s : null;
  }
}
