package dev.assay.prompts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How a version's messages and parameters are stored (JSON columns) and hashed. */
public final class PromptJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper CANONICAL = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private PromptJson() {}

  /** Messages as a JSON array of {@code {role, content, tool_call_id?, tool_calls?}}. */
  public static String writeMessages(List<PromptMessage> messages) {
    return write(JSON, messages.stream().map(PromptJson::messageMap).toList());
  }

  public static List<PromptMessage> readMessages(String json) {
    try {
      List<Map<String, Object>> rows = JSON.readValue(json, new TypeReference<>() {});
      List<PromptMessage> out = new ArrayList<>(rows.size());
      for (Map<String, Object> row : rows) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> calls = (List<Map<String, Object>>) row.get("tool_calls");
        out.add(new PromptMessage((String) row.get("role"), (String) row.get("content"), (String) row.get("tool_call_id"),
            calls));
      }
      return out;
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalStateException("stored prompt messages are not valid JSON: " + e.getMessage(), e);
    }
  }

  public static String writeMap(Map<String, Object> map) {
    return write(JSON, map == null ? Map.of() : map);
  }

  public static Map<String, Object> readMap(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored prompt parameters are not valid JSON: " + e.getMessage(), e);
    }
  }

  /**
   * The hex SHA-256 of the version's content (keys sorted), so equal content always has the same hash; the commit
   * message is not content.
   */
  public static String commitHash(PromptVersionDraft draft) {
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("template_type", draft.templateType().name());
    content.put("input_variable_format", draft.format().name());
    content.put("messages", draft.messages().stream().map(PromptJson::messageMap).toList());
    content.put("provider", draft.provider());
    content.put("model", draft.model());
    content.put("invocation_params", draft.invocationParams());
    content.put("provider_params", draft.providerParams());
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(write(CANONICAL, content).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> messageMap(PromptMessage m) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("role", m.role());
    row.put("content", m.content());
    if (m.toolCallId() != null) {
      row.put("tool_call_id", m.toolCallId());
    }
    if (!m.toolCalls().isEmpty()) {
      row.put("tool_calls", m.toolCalls());
    }
    return row;
  }

  static String write(ObjectMapper mapper, Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serialisable as JSON: " + e.getMessage(), e);
    }
  }
}
