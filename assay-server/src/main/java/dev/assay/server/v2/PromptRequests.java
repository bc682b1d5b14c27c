package dev.assay.server.v2;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.prompts.PromptMessage;
import dev.assay.prompts.PromptVersionDraft;
import dev.assay.prompts.TemplateFormat;
import dev.assay.prompts.TemplateType;
import dev.assay.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the prompt request bodies as AX defines them ({@code CreatePromptRequest}, {@code CreatePromptVersionRequest},
 * {@code UpdatePromptRequest}, {@code SetPromptVersionLabelsRequest}) and Assay's render and run bodies. AX's
 * request schemas are strict, so an unknown field is a 400 naming it, as is a field of the wrong type; the content
 * checks (roles, provider, parameters) are {@link dev.assay.prompts.PromptDrafts}'.
 */
final class PromptRequests {
  private static final Set<String> CREATE_FIELDS = Set.of("space_id", "name", "description", "version");
  private static final Set<String> VERSION_FIELDS = Set.of("commit_message", "input_variable_format", "provider",
      "model", "messages", "invocation_params", "provider_params", "template_type");
  private static final Set<String> MESSAGE_FIELDS = Set.of("role", "content", "tool_call_id", "tool_calls");
  private static final Set<String> SYSTEM_FIELDS = Set.of("id", "commit_hash", "created_at", "created_by_user_id",
      "updated_at", "labels", "prompt_id");
  private static final Set<String> RUN_FIELDS = Set.of("variables", "ai_integration_id", "model", "invocation_params");

  private PromptRequests() {}

  record Create(String spaceId, String name, String description, PromptVersionDraft version) {}

  record Run(Map<String, Object> variables, String aiIntegrationId, String model, Map<String, Object> invocationParams) {}

  static Create create(JsonNode body, ObjectMapper json) {
    rejectSystemFields(body, "");
    rejectUnknown(body, CREATE_FIELDS, "");
    String name = text(body, "name", "name");
    if (name == null || name.isBlank()) {
      throw new InvalidInputException("name is required and must not be blank");
    }
    JsonNode version = body.get("version");
    if (version == null || version.isNull()) {
      throw new InvalidInputException("version is required: {commit_message, provider, messages, …}");
    }
    return new Create(ApiIds.decode(SpaceController.TYPE, text(body, "space_id", "space_id")), name,
        text(body, "description", "description"), version(version, "version.", json));
  }

  /** A version body; {@code prefix} is {@code "version."} inside a create. */
  static PromptVersionDraft version(JsonNode body, String prefix, ObjectMapper json) {
    if (!body.isObject()) {
      throw new InvalidInputException(prefix.isEmpty() ? "the request body must be a JSON object"
          : prefix.substring(0, prefix.length() - 1) + " must be an object");
    }
    rejectSystemFields(body, prefix);
    rejectUnknown(body, VERSION_FIELDS, prefix);
    String commitMessage = text(body, "commit_message", prefix + "commit_message");
    if (commitMessage == null || commitMessage.isBlank()) {
      throw new InvalidInputException(prefix + "commit_message is required: a message describing this version");
    }
    JsonNode messages = body.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw new InvalidInputException(prefix + "messages is required: a non-empty array of {role, content}");
    }
    List<PromptMessage> out = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      out.add(message(messages.get(i), prefix + "messages[" + i + "]", json));
    }
    return new PromptVersionDraft(commitMessage,
        enumValue(TemplateType.class, text(body, "template_type", prefix + "template_type"), prefix + "template_type"),
        enumValue(TemplateFormat.class, text(body, "input_variable_format", prefix + "input_variable_format"),
            prefix + "input_variable_format"),
        out, text(body, "provider", prefix + "provider"), text(body, "model", prefix + "model"),
        object(body, "invocation_params", prefix + "invocation_params", json),
        object(body, "provider_params", prefix + "provider_params", json));
  }

  private static PromptMessage message(JsonNode m, String at, ObjectMapper json) {
    if (!m.isObject()) {
      throw new InvalidInputException(at + " must be an object {role, content}");
    }
    rejectUnknown(m, MESSAGE_FIELDS, at + ".");
    String role = text(m, "role", at + ".role");
    if (role == null) {
      throw new InvalidInputException(at + ".role is required: one of SYSTEM, USER, ASSISTANT, TOOL");
    }
    List<Map<String, Object>> calls = null;
    if (m.hasNonNull("tool_calls")) {
      if (!m.get("tool_calls").isArray()) {
        throw new InvalidInputException(at + ".tool_calls must be an array of tool calls");
      }
      calls = new ArrayList<>();
      for (JsonNode call : m.get("tool_calls")) {
        if (!call.isObject() || !call.path("function").isObject() || !call.path("function").path("name").isTextual()) {
          throw new InvalidInputException(at + ".tool_calls entries must be {id?, type: FUNCTION, function: {name,"
              + " arguments}}");
        }
        calls.add(json.convertValue(call, new TypeReference<LinkedHashMap<String, Object>>() {}));
      }
    }
    return new PromptMessage(role, text(m, "content", at + ".content"), text(m, "tool_call_id", at + ".tool_call_id"),
        calls);
  }

  /** {@code {description}}: a null description clears it. */
  static String updateDescription(JsonNode body) {
    rejectSystemFields(body, "");
    rejectUnknown(body, Set.of("description"), "");
    if (!body.has("description")) {
      throw new InvalidInputException("give at least one field to change: description");
    }
    String description = text(body, "description", "description");
    return description == null ? "" : description;
  }

  static List<String> labels(JsonNode body) {
    rejectUnknown(body, Set.of("labels"), "");
    JsonNode labels = body.get("labels");
    if (labels == null || !labels.isArray()) {
      throw new InvalidInputException("labels is required: an array of label names (empty removes all)");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      if (!labels.get(i).isTextual()) {
        throw new InvalidInputException("labels[" + i + "] must be a string, got " + labels.get(i));
      }
      out.add(labels.get(i).asText());
    }
    return out;
  }

  static Map<String, Object> renderVariables(JsonNode body, ObjectMapper json) {
    rejectUnknown(body, Set.of("variables"), "");
    return variables(body, json);
  }

  static Run run(JsonNode body, ObjectMapper json) {
    rejectUnknown(body, RUN_FIELDS, "");
    String integration = text(body, "ai_integration_id", "ai_integration_id");
    if (integration == null || integration.isBlank()) {
      throw new InvalidInputException("ai_integration_id is required: the model config (AI integration) to run the"
          + " prompt on; create one with POST /v2/ai-integrations or `assay models create`");
    }
    return new Run(variables(body, json), ApiIds.decode(AiIntegrationJson.TYPE, integration),
        text(body, "model", "model"), object(body, "invocation_params", "invocation_params", json));
  }

  private static Map<String, Object> variables(JsonNode body, ObjectMapper json) {
    Map<String, Object> vars = object(body, "variables", "variables", json);
    return vars == null ? Map.of() : vars;
  }

  private static Map<String, Object> object(JsonNode body, String field, String label, ObjectMapper json) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      throw new InvalidInputException(label + " must be an object, got " + value);
    }
    return json.convertValue(value, new TypeReference<LinkedHashMap<String, Object>>() {});
  }

  private static void rejectSystemFields(JsonNode body, String prefix) {
    body.fieldNames().forEachRemaining(field -> {
      if (SYSTEM_FIELDS.contains(field)) {
        throw new InvalidInputException(prefix + field + " is system-managed and cannot be set");
      }
    });
  }

  private static void rejectUnknown(JsonNode body, Set<String> allowed, String prefix) {
    body.fieldNames().forEachRemaining(field -> {
      if (!allowed.contains(field)) {
        throw new InvalidInputException("unknown field " + prefix + field + "; allowed: "
            + allowed.stream().sorted().map(f -> prefix + f).toList());
      }
    });
  }

  /** A string field, null when absent or null; any other JSON type is a 400 naming {@code label}. */
  private static String text(JsonNode body, String field, String label) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidInputException(label + " must be a string, got " + value);
    }
    return value.asText();
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) {
    if (value == null) {
      return null;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value.replace('-', '_'))) {
        return constant;
      }
    }
    throw new InvalidInputException(field + " '" + value + "' is invalid: use one of "
        + Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
  }
}
