package dev.assay.prompts;

import dev.assay.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a version draft before anything is stored and normalises it (upper-case roles and provider, defaults for the
 * template type and format). Every problem is an {@link InvalidInputException} naming the field.
 */
public final class PromptDrafts {
  /** AX's LlmProvider. */
  public static final List<String> PROVIDERS = List.of("OPEN_AI", "AZURE_OPEN_AI", "AWS_BEDROCK", "VERTEX_AI",
      "ANTHROPIC", "CUSTOM");
  /** AX's MessageRole. */
  public static final List<String> ROLES = List.of("SYSTEM", "USER", "ASSISTANT", "TOOL");
  /** AX's InvocationParamsRequest (strict). */
  public static final Set<String> INVOCATION_KEYS = Set.of("temperature", "max_tokens", "max_completion_tokens",
      "top_p", "frequency_penalty", "presence_penalty", "stop", "response_format", "tool_config", "top_k",
      "thinking_level", "thinking_budget", "reasoning_effort", "verbosity");
  /** AX's ProviderParamsRequest (strict). */
  public static final Set<String> PROVIDER_KEYS = Set.of("azure_params", "anthropic_headers", "anthropic_version",
      "bedrock_options", "region");
  static final int MAX_MESSAGES = 500;
  static final int MAX_CONTENT_CHARS = 1_000_000;

  private static final Set<String> NUMBERS = Set.of("temperature", "top_p", "frequency_penalty", "presence_penalty");
  private static final Set<String> INTEGERS = Set.of("max_tokens", "max_completion_tokens", "top_k", "thinking_budget");
  private static final Set<String> STRINGS = Set.of("thinking_level", "reasoning_effort", "verbosity");
  private static final List<String> RESPONSE_TYPES = List.of("TEXT", "JSON_OBJECT", "JSON_SCHEMA");

  private PromptDrafts() {}

  public static PromptVersionDraft validate(PromptVersionDraft draft) {
    if (draft == null) {
      throw new InvalidInputException("version is required");
    }
    TemplateType type = draft.templateType() == null ? TemplateType.CHAT : draft.templateType();
    TemplateFormat format = draft.format() == null ? TemplateFormat.F_STRING : draft.format();
    List<PromptMessage> messages = messages(draft.messages());
    if (type == TemplateType.STR && (messages.size() != 1 || !messages.get(0).role().equals("USER"))) {
      throw new InvalidInputException("a STR (text) template has exactly one USER message; got " + messages.size()
          + " message(s)");
    }
    String provider = draft.provider() == null || draft.provider().isBlank() ? null
        : draft.provider().strip().toUpperCase(Locale.ROOT);
    if (provider == null) {
      throw new InvalidInputException("provider is required: one of " + PROVIDERS);
    }
    if (!PROVIDERS.contains(provider)) {
      throw new InvalidInputException("provider '" + draft.provider() + "' is invalid: use one of " + PROVIDERS);
    }
    String model = draft.model() == null || draft.model().isBlank() ? null : draft.model().strip();
    Map<String, Object> invocation = invocationParams(draft.invocationParams());
    Map<String, Object> providerParams = new LinkedHashMap<>(draft.providerParams());
    for (Map.Entry<String, Object> e : providerParams.entrySet()) {
      if (!PROVIDER_KEYS.contains(e.getKey())) {
        throw new InvalidInputException("unknown field provider_params." + e.getKey() + "; allowed: "
            + PROVIDER_KEYS.stream().sorted().toList());
      }
      if (e.getKey().equals("anthropic_version") || e.getKey().equals("region")) {
        requireType(e.getValue() instanceof String, "provider_params." + e.getKey(), "a string");
      } else {
        requireType(e.getValue() instanceof Map, "provider_params." + e.getKey(), "an object");
      }
    }
    String commitMessage = draft.commitMessage() == null || draft.commitMessage().isBlank() ? null
        : draft.commitMessage().strip();
    return new PromptVersionDraft(commitMessage, type, format, messages, provider, model, invocation, providerParams);
  }

  private static List<PromptMessage> messages(List<PromptMessage> messages) {
    if (messages.isEmpty()) {
      throw new InvalidInputException("messages must hold at least one message");
    }
    if (messages.size() > MAX_MESSAGES) {
      throw new InvalidInputException("messages holds " + messages.size() + " messages; at most " + MAX_MESSAGES);
    }
    List<PromptMessage> out = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      PromptMessage m = messages.get(i);
      String at = "messages[" + i + "]";
      if (m == null) {
        throw new InvalidInputException(at + " must be an object {role, content}");
      }
      String role = m.role().strip().toUpperCase(Locale.ROOT);
      if (!ROLES.contains(role)) {
        throw new InvalidInputException(at + ".role '" + m.role() + "' is invalid: use one of " + ROLES);
      }
      if (m.content() == null && !(role.equals("ASSISTANT") && !m.toolCalls().isEmpty())) {
        throw new InvalidInputException(at + ".content is required (only an ASSISTANT message with tool_calls may"
            + " omit it)");
      }
      if (m.content() != null && m.content().length() > MAX_CONTENT_CHARS) {
        throw new InvalidInputException(at + ".content is longer than " + MAX_CONTENT_CHARS + " characters");
      }
      if (!m.toolCalls().isEmpty() && !role.equals("ASSISTANT")) {
        throw new InvalidInputException(at + ".tool_calls is only allowed on an ASSISTANT message");
      }
      if (m.toolCallId() != null && !role.equals("TOOL")) {
        throw new InvalidInputException(at + ".tool_call_id is only allowed on a TOOL message");
      }
      out.add(new PromptMessage(role, m.content(), m.toolCallId(), m.toolCalls()));
    }
    return out;
  }

  private static Map<String, Object> invocationParams(Map<String, Object> params) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : params.entrySet()) {
      String key = e.getKey();
      Object value = e.getValue();
      String at = "invocation_params." + key;
      if (!INVOCATION_KEYS.contains(key)) {
        throw new InvalidInputException("unknown field " + at + "; allowed: " + INVOCATION_KEYS.stream().sorted().toList());
      }
      if (value == null) {
        continue;
      }
      if (NUMBERS.contains(key)) {
        requireType(value instanceof Number, at, "a number");
      } else if (INTEGERS.contains(key)) {
        requireType(value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= 0,
            at, "a non-negative integer");
        value = ((Number) value).longValue();
      } else if (STRINGS.contains(key)) {
        requireType(value instanceof String, at, "a string");
      } else if (key.equals("stop")) {
        requireType(value instanceof List<?> list && list.stream().allMatch(s -> s instanceof String), at,
            "an array of strings");
      } else if (key.equals("response_format")) {
        responseFormat(value);
      } else if (key.equals("tool_config")) {
        toolConfig(value);
      }
      out.put(key, value);
    }
    if (out.get("temperature") instanceof Number t && (t.doubleValue() < 0 || t.doubleValue() > 2)) {
      throw new InvalidInputException("invocation_params.temperature must be from 0 to 2, got " + t);
    }
    if (out.get("top_p") instanceof Number p && (p.doubleValue() < 0 || p.doubleValue() > 1)) {
      throw new InvalidInputException("invocation_params.top_p must be from 0 to 1, got " + p);
    }
    return out;
  }

  private static void responseFormat(Object value) {
    requireType(value instanceof Map, "invocation_params.response_format", "an object {type, json_schema?}");
    Map<?, ?> format = (Map<?, ?>) value;
    for (Object key : format.keySet()) {
      if (!key.equals("type") && !key.equals("json_schema")) {
        throw new InvalidInputException("unknown field invocation_params.response_format." + key
            + "; allowed: [json_schema, type]");
      }
    }
    Object type = format.get("type") == null ? "TEXT" : format.get("type");
    if (!RESPONSE_TYPES.contains(type)) {
      throw new InvalidInputException("invocation_params.response_format.type '" + type + "' is invalid: use one of "
          + RESPONSE_TYPES);
    }
    Object schema = format.get("json_schema");
    if (type.equals("JSON_SCHEMA")) {
      if (!(schema instanceof Map<?, ?> s) || !(s.get("schema") instanceof Map)) {
        throw new InvalidInputException("invocation_params.response_format.json_schema.schema is required (a JSON"
            + " schema object) when type is JSON_SCHEMA");
      }
    } else if (schema != null) {
      requireType(schema instanceof Map, "invocation_params.response_format.json_schema", "an object");
    }
  }

  private static void toolConfig(Object value) {
    requireType(value instanceof Map, "invocation_params.tool_config", "an object {tools, tool_choice?}");
    Object tools = ((Map<?, ?>) value).get("tools");
    if (tools != null) {
      requireType(tools instanceof List<?> list && list.stream().allMatch(t -> t instanceof Map),
          "invocation_params.tool_config.tools", "an array of tool definition objects");
      List<?> list = (List<?>) tools;
      for (int i = 0; i < list.size(); i++) {
        if (PromptRequests.toolName((Map<?, ?>) list.get(i)) == null) {
          throw new InvalidInputException("invocation_params.tool_config.tools[" + i + "] has no name: give"
              + " {type: function, function: {name, description?, parameters?}} or {name, description?, parameters?}");
        }
      }
    }
  }

  private static void requireType(boolean ok, String field, String what) {
    if (!ok) {
      throw new InvalidInputException(field + " must be " + what);
    }
  }
}
