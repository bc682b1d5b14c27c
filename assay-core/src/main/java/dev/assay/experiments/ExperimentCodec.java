package dev.assay.experiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.eval.ModelRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored JSON of an experiment's task and evaluators (snake_case, the API's field names), and the small JSON
 * helpers the store and the runner share. Stored JSON is read leniently: a field it lacks takes its default.
 */
public final class ExperimentCodec {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private ExperimentCodec() {}

  public static String taskJson(ExperimentTask task) {
    if (task == null) {
      return null;
    }
    ObjectNode n = JSON.createObjectNode();
    switch (task) {
      case ExperimentTask.PromptTask p -> {
        n.put("type", "PROMPT").put("prompt_version_id", p.promptVersionId());
        ObjectNode m = n.putObject("model");
        m.put("model_config_id", p.model().modelConfigId()).put("model_name", p.model().modelName());
        m.set("invocation_parameters", JSON.valueToTree(p.model().invocationParameters()));
      }
      case ExperimentTask.HttpTask h -> {
        n.put("type", "HTTP").put("url", h.url()).put("output_path", h.outputPath())
            .put("timeout_ms", h.timeout().toMillis());
        n.set("headers", JSON.valueToTree(h.headers()));
      }
      case ExperimentTask.CommandTask c -> {
        n.put("type", "COMMAND").put("output_path", c.outputPath()).put("timeout_ms", c.timeout().toMillis());
        n.set("argv", JSON.valueToTree(c.argv()));
      }
    }
    return n.toString();
  }

  public static ExperimentTask task(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    JsonNode n = tree(json);
    return switch (n.path("type").asText()) {
      case "PROMPT" -> {
        JsonNode m = n.path("model");
        yield new ExperimentTask.PromptTask(n.path("prompt_version_id").asText(), new ModelRef(
            text(m, "model_config_id"), text(m, "model_name"), map(m.get("invocation_parameters"))));
      }
      case "HTTP" -> new ExperimentTask.HttpTask(n.path("url").asText(), strings(n.get("headers")),
          text(n, "output_path"), Duration.ofMillis(n.path("timeout_ms").asLong(30_000)));
      case "COMMAND" -> new ExperimentTask.CommandTask(list(n.get("argv")), text(n, "output_path"),
          Duration.ofMillis(n.path("timeout_ms").asLong(30_000)));
      default -> throw new IllegalStateException("unknown stored task type " + n.path("type"));
    };
  }

  /** What the API shows instead of an HTTP task's header values (they often hold API keys). */
  public static final String MASK = "********";

  /** The task with an HTTP task's header values masked, for API responses: secrets are never returned. */
  public static ExperimentTask masked(ExperimentTask task) {
    if (task instanceof ExperimentTask.HttpTask h && !h.headers().isEmpty()) {
      Map<String, String> headers = new LinkedHashMap<>();
      h.headers().keySet().forEach(k -> headers.put(k, MASK));
      return new ExperimentTask.HttpTask(h.url(), headers, h.outputPath(), h.timeout());
    }
    return task;
  }

  public static String evaluatorsJson(List<ExperimentEvaluator> evaluators) {
    var arr = JSON.createArrayNode();
    for (ExperimentEvaluator e : evaluators) {
      ObjectNode n = arr.addObject();
      n.put("evaluator_id", e.evaluatorId());
      if (e.evaluatorVersion() == null) {
        n.putNull("evaluator_version");
      } else {
        n.put("evaluator_version", e.evaluatorVersion());
      }
      n.set("column_mappings", JSON.valueToTree(e.columnMappings()));
    }
    return arr.toString();
  }

  public static List<ExperimentEvaluator> evaluators(String json) {
    List<ExperimentEvaluator> out = new ArrayList<>();
    for (JsonNode n : tree(json == null ? "[]" : json)) {
      JsonNode v = n.get("evaluator_version");
      out.add(new ExperimentEvaluator(n.path("evaluator_id").asText(), v == null || v.isNull() ? null : v.asLong(),
          strings(n.get("column_mappings"))));
    }
    return out;
  }

  public static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON-serialisable: " + e.getOriginalMessage(), e);
    }
  }

  public static Map<String, Object> readMap(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      Map<String, Object> m = JSON.readValue(json, MAP);
      return m == null ? Map.of() : m;
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }

  public static List<String> readStrings(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      List<String> l = JSON.readValue(json, STRINGS);
      return l == null ? List.of() : l;
    } catch (JsonProcessingException e) {
      return List.of();
    }
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored experiment JSON does not parse: " + e.getOriginalMessage(), e);
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Map<String, Object> map(JsonNode n) {
    return n == null || !n.isObject() ? Map.of() : JSON.convertValue(n, MAP);
  }

  private static Map<String, String> strings(JsonNode n) {
    Map<String, String> out = new LinkedHashMap<>();
    if (n != null && n.isObject()) {
      n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  private static List<String> list(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n != null && n.isArray()) {
      n.forEach(v -> out.add(v.asText()));
    }
    return out;
  }
}
