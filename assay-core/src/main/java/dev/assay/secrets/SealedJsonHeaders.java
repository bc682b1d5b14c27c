package dev.assay.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The re-seal step for stored JSON with a top-level {@code "headers"} object of secret values (HTTP evaluator
 * specs, experiment HTTP tasks): every value sealed with the current key, plaintext ones sealed.
 */
public final class SealedJsonHeaders {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SealedJsonHeaders() {}

  /** The JSON with its header values re-sealed, or null when nothing changed (or it has no headers object). */
  public static String reseal(String json, SealedValues values) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      return null;
    }
    if (!(root instanceof ObjectNode object) || !(object.get("headers") instanceof ObjectNode headers)) {
      return null;
    }
    boolean changed = false;
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
    headers.fields().forEachRemaining(fields::add);
    for (Map.Entry<String, JsonNode> field : fields) {
      if (!field.getValue().isTextual()) {
        continue;
      }
      String again = values.resealed(field.getValue().asText());
      if (again != null) {
        headers.put(field.getKey(), again);
        changed = true;
      }
    }
    return changed ? object.toString() : null;
  }
}
