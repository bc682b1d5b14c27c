package dev.assay.server.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.eval.CodeCheck;
import dev.assay.eval.CodeSpec;
import dev.assay.eval.Direction;
import dev.assay.eval.EvaluatorSpec;
import dev.assay.eval.EvaluatorSpecJson;
import dev.assay.eval.JudgeSpec;
import dev.assay.eval.ModelRef;
import dev.assay.eval.SubjectKind;
import dev.assay.eval.TemplateMessage;
import dev.assay.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the spec of a version request: Assay's {@code spec}, or AX's {@code template_config} (a judge) or
 * {@code code_config} (a managed check). Exactly one must be given; every problem is a 400 naming the field.
 */
final class EvaluatorRequests {
  /** AX templates write {@code {{var}}} (mustache); Assay's renderer reads {@code {var}}. */
  private static final Pattern MUSTACHE = Pattern.compile("\\{\\{\\s*([A-Za-z_][\\w.$\\[\\]]*)\\s*}}");

  private EvaluatorRequests() {}

  /** The spec in {@code version} (a create's {@code version} object or a create-version body). */
  static EvaluatorSpec spec(JsonNode version, ObjectMapper json) {
    if (version == null || !version.isObject()) {
      throw new InvalidInputException("version is required: an object with spec, template_config or code_config");
    }
    int given = (version.hasNonNull("spec") ? 1 : 0) + (version.hasNonNull("template_config") ? 1 : 0)
        + (version.hasNonNull("code_config") ? 1 : 0);
    if (given != 1) {
      throw new InvalidInputException("give exactly one of spec, template_config and code_config");
    }
    if (version.hasNonNull("spec")) {
      JsonNode spec = version.get("spec").deepCopy();
      // The API shows model config ids as AiIntegration ids (see EvaluatorJson); the store holds raw ids.
      if (spec.path("model").isObject() && spec.get("model").hasNonNull("model_config_id")) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) spec.get("model")).put("model_config_id",
            ApiIds.decode(AiIntegrationJson.TYPE, spec.get("model").get("model_config_id").asText()));
      }
      return EvaluatorSpecJson.read(spec);
    }
    return version.hasNonNull("template_config") ? judge(version.get("template_config"))
        : code(version.get("code_config"));
  }

  /** The commit message of a version request, null when absent. */
  static String commitMessage(JsonNode version) {
    JsonNode m = version == null ? null : version.get("commit_message");
    return m == null || m.isNull() ? null : m.asText();
  }

  private static JudgeSpec judge(JsonNode t) {
    String name = requiredText(t, "template_config.name", "name");
    String template = requiredText(t, "template_config.template", "template");
    JsonNode choices = t.get("classification_choices");
    if (choices == null || !choices.isObject() || choices.isEmpty()) {
      throw new InvalidInputException("template_config.classification_choices is required: a map of label to score");
    }
    Map<String, Double> rails = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> c : choices.properties()) {
      if (!c.getValue().isNumber()) {
        throw new InvalidInputException("template_config.classification_choices." + c.getKey() + " must be a number");
      }
      rails.put(c.getKey(), c.getValue().asDouble());
    }
    JsonNode llm = t.path("llm_config");
    String integration = ApiIds.decode(AiIntegrationJson.TYPE, blankToNull(llm.path("ai_integration_id").asText(null)));
    String modelName = blankToNull(llm.path("model_name").asText(null));
    Map<String, Object> invocation = new LinkedHashMap<>();
    llm.path("invocation_parameters").properties().forEach(p -> invocation.put(p.getKey(), plain(p.getValue())));
    ModelRef model = integration == null && modelName == null ? null : new ModelRef(integration, modelName, invocation);
    String body = MUSTACHE.matcher(template).replaceAll("{$1}");
    return new JudgeSpec(name, enumValue(SubjectKind.class, t, "data_granularity"), Map.of(), null,
        List.of(new TemplateMessage("user", body)), rails, enumValue(Direction.class, t, "direction"),
        t.path("include_explanations").asBoolean(false), t.path("use_structured_output").asBoolean(true),
        t.path("use_function_calling_if_available").asBoolean(false), model);
  }

  private static CodeSpec code(JsonNode c) {
    String type = c.path("type").asText("MANAGED");
    if (!type.equals("MANAGED")) {
      throw new InvalidInputException("code_config.type " + type + " is not supported: Assay runs managed checks"
          + " (type MANAGED) and its own kinds through spec; custom Python code is not run in process: run your script"
          + " as a COMMAND evaluator (spec.kind COMMAND, the subject as JSON on stdin)");
    }
    String name = requiredText(c, "code_config.name", "name");
    CodeCheck check = enumValue(CodeCheck.class, c, "managed_evaluator");
    if (check == null) {
      throw new InvalidInputException("code_config.managed_evaluator is required");
    }
    List<String> variables = new ArrayList<>();
    c.path("variables").forEach(v -> variables.add(v.asText()));
    Map<String, Object> params = new LinkedHashMap<>();
    for (JsonNode p : c.path("static_params")) {
      String paramName = requiredText(p, "code_config.static_params[].name", "name");
      params.put(paramName, plain(p.get("default_value")));
    }
    return new CodeSpec(name, enumValue(SubjectKind.class, c, "data_granularity"), Map.of(), check, variables, params, null);
  }

  private static Object plain(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isArray()) {
      List<Object> list = new ArrayList<>();
      value.forEach(v -> list.add(plain(v)));
      return list;
    }
    if (value.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      value.properties().forEach(p -> map.put(p.getKey(), plain(p.getValue())));
      return map;
    }
    if (value.isIntegralNumber()) {
      return value.asLong();
    }
    return value.isNumber() ? value.asDouble() : value.isBoolean() ? value.asBoolean() : value.asText();
  }

  private static String requiredText(JsonNode node, String label, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new InvalidInputException(label + " is required");
    }
    return value.asText();
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.asText().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(field + " '" + value.asText() + "' is invalid: use one of "
          + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
