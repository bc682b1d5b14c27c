package dev.assay.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Request bodies as the audit log keeps them: every value whose key names a secret (key, secret, password, token,
 * authorization, credential, in any case and as part of a longer name such as {@code api_key}) and every value
 * under a {@code headers} object becomes {@code "********"}. A body that is not JSON is not kept at all, since
 * nothing in it could be told apart from a secret.
 */
public final class Redaction {
  public static final String MASK = "********";
  private static final Pattern SECRET_KEY =
      Pattern.compile("key|secret|password|token|authorization|credential", Pattern.CASE_INSENSITIVE);
  private static final int MAX_CHARS = 16_384;

  private Redaction() {}

  /** The redacted body, compact JSON; empty for an empty body, a placeholder for one that is not JSON. */
  public static String redact(ObjectMapper json, byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (java.io.IOException e) {
      return "(" + body.length + " bytes, not JSON: not recorded)";
    }
    if (node == null || node.isMissingNode()) {
      return "";
    }
    String text = redact(node).toString();
    return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "…" : text;
  }

  /** A copy of {@code node} with the secrets masked. */
  public static JsonNode redact(JsonNode node) {
    JsonNode copy = node.deepCopy();
    mask(copy);
    return copy;
  }

  private static void mask(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        if (isSecretKey(field.getKey()) && !field.getValue().isNull()) {
          field.setValue(TextNode.valueOf(MASK));
        } else if (field.getKey().equalsIgnoreCase("headers") && field.getValue() instanceof ObjectNode headers) {
          headers.properties().forEach(header -> header.setValue(TextNode.valueOf(MASK)));
        } else {
          mask(field.getValue());
        }
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(Redaction::mask);
    }
  }

  /** True for a JSON key whose value is treated as a secret. */
  public static boolean isSecretKey(String key) {
    return key != null && SECRET_KEY.matcher(key).find();
  }
}
