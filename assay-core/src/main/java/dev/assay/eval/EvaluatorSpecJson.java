package dev.assay.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.assay.shared.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one JSON form of an {@link EvaluatorSpec}: snake_case properties (as in the HTTP API), {@code kind} naming
 * the record, nulls left out. Map entries keep their order (a judge's rails are ordered); the commit hash is taken
 * over a canonical form with every other object's keys sorted, so equal specs hash equally.
 */
public final class EvaluatorSpecJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private EvaluatorSpecJson() {}

  /** The JSON text of a spec, as stored. */
  public static String write(EvaluatorSpec spec) {
    try {
      return MAPPER.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an evaluator spec did not serialise", e);
    }
  }

  /** The spec as a JSON tree (what the API shows as {@code spec}). */
  public static JsonNode tree(EvaluatorSpec spec) {
    return MAPPER.valueToTree(spec);
  }

  /**
   * Reads a spec from JSON text.
   *
   * @throws InvalidInputException naming what is wrong (no or an unknown kind, a missing field, a wrong type)
   */
  public static EvaluatorSpec read(String json) {
    try {
      return read(MAPPER.readTree(json));
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("spec is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** Reads a spec from a JSON tree; see {@link #read(String)}. */
  public static EvaluatorSpec read(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new InvalidInputException("spec must be a JSON object");
    }
    if (!node.hasNonNull("kind")) {
      throw new InvalidInputException("spec.kind is required: one of LLM_JUDGE, CODE, EMBEDDING, HTTP, COMMAND");
    }
    try {
      return MAPPER.treeToValue(node, EvaluatorSpec.class);
    } catch (InvalidTypeIdException e) {
      throw new InvalidInputException("spec.kind '" + e.getTypeId() + "' is unknown: use LLM_JUDGE, CODE, EMBEDDING, HTTP or COMMAND");
    } catch (JsonProcessingException | IllegalArgumentException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      String message = root instanceof NullPointerException npe ? "spec." + snake(npe.getMessage()) + " is required"
          : "invalid spec: " + (root instanceof JsonProcessingException j ? j.getOriginalMessage() : root.getMessage());
      throw new InvalidInputException(message.lines().findFirst().orElse(message)
          .replaceAll("`(?:[\\w$]+\\.)+([\\w$]+)`", "`$1`"));
    }
  }

  /** The commit hash of a version: SHA-256 over the canonical spec and the parent's hash, first 40 hex digits. */
  public static String commitHash(EvaluatorSpec spec, String parentHash) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(canonical(tree(spec), false).toString().getBytes(StandardCharsets.UTF_8));
      sha.update(parentHash == null ? new byte[0] : parentHash.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest()).substring(0, 40);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The tree with object keys sorted, except inside {@code rails}, whose order is part of the meaning. */
  private static JsonNode canonical(JsonNode node, boolean keepOrder) {
    if (node.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode out = MAPPER.createArrayNode();
      node.forEach(n -> out.add(canonical(n, false)));
      return out;
    }
    if (!node.isObject()) {
      return node;
    }
    com.fasterxml.jackson.databind.node.ObjectNode out = MAPPER.createObjectNode();
    java.util.List<String> keys = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    if (!keepOrder) {
      java.util.Collections.sort(keys);
    }
    keys.forEach(k -> out.set(k, canonical(node.get(k), k.equals("rails"))));
    return out;
  }

  private static String snake(String camel) {
    return camel == null ? "field" : camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
