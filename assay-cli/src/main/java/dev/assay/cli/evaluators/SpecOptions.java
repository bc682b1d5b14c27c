package dev.assay.cli.evaluators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.CliEnvironment;
import dev.assay.cli.CliException;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.client.ApiException;
import dev.assay.cli.models.ModelsCommand;
import dev.assay.eval.CodeCheck;
import dev.assay.eval.SubjectKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options that describe an evaluator version's spec ({@code EvaluatorSpec} JSON), shared by
 * {@code evaluators create}, {@code create-version} and {@code test}: a judge from a built-in template, a code
 * check, an embedding similarity, an HTTP endpoint, a command, or a whole spec from a JSON file. Options that
 * do not belong to the chosen kind are refused rather than ignored, so a typo never saves a different evaluator.
 */
public final class SpecOptions {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What kind of evaluator the options describe; {@code --template} implies JUDGE. */
  enum Kind { JUDGE, CODE, EMBEDDING, HTTP, COMMAND }

  @Option(names = "--template", paramLabel = "ID",
      description = "Built-in judge template (see `assay evaluators templates`), e.g. hallucination, qa_correctness.")
  String template;

  @Option(names = "--kind", paramLabel = "KIND", description = "${COMPLETION-CANDIDATES} (default: judge with --template).")
  Kind kind;

  @Option(names = "--model", paramLabel = "CONFIG[/MODEL]",
      description = "Model config (name or id, see `assay models list`) and model name; the config's first model when "
          + "MODEL is left out. For judges and provider embeddings.")
  String model;

  @Option(names = "--map", paramLabel = "VAR=PATH",
      description = "Bind variable VAR to a subject field or path (repeatable): output, reference, context, "
          + "attributes.llm.model_name, metadata.key, input.$.question … Unmapped variables bind to the field of their own name.")
  Map<String, String> mappings = new LinkedHashMap<>();

  @Option(names = "--explain", negatable = true, paramLabel = "",
      description = "Ask the judge for an explanation before its label (default: the template's choice).")
  Boolean explain;

  @Option(names = "--result-name", paramLabel = "NAME",
      description = "Name written on each result (evals.<NAME>.label in filters; default: the evaluator's name).")
  String resultName;

  @Option(names = "--granularity", paramLabel = "LEVEL",
      description = "What one result is about: SPAN, TRACE, TRAJECTORY or SESSION (default: the template's, else SPAN).")
  SubjectKind granularity;

  @Option(names = "--check", paramLabel = "CHECK", description = "Code check (--kind code): ${COMPLETION-CANDIDATES}.")
  CodeCheck check;

  @Option(names = "--var", paramLabel = "FIELD", description = "A field the code check reads, in its order (repeatable), e.g. --var output --var reference.")
  List<String> variables = new ArrayList<>();

  @Option(names = "--param", paramLabel = "KEY=VALUE",
      description = "A code check parameter (repeatable): pattern=…, keywords='[\"a\",\"b\"]', tolerance=0.1 (JSON "
          + "arrays, objects, numbers and booleans are read as JSON, anything else as text).")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--threshold", paramLabel = "X", description = "Score at or above which a result passes (code, embedding).")
  Double threshold;

  @Option(names = "--left", paramLabel = "FIELD", description = "Embedding: first text (default: output).")
  String left;

  @Option(names = "--right", paramLabel = "FIELD", description = "Embedding: second text (default: reference).")
  String right;

  @Option(names = "--endpoint", paramLabel = "URL", description = "HTTP: the URL that receives each subject as JSON.")
  String url;

  @Option(names = "--header-env", paramLabel = "NAME=VAR",
      description = "HTTP: send header NAME with the value of environment variable VAR (repeatable; never shown again).")
  Map<String, String> headerEnv = new LinkedHashMap<>();

  @Option(names = "--command", paramLabel = "ARG",
      description = "Command: the program and each of its arguments, one per --command (no shell), e.g. --command python3 --command score.py.")
  List<String> command = new ArrayList<>();

  @Option(names = "--timeout-ms", paramLabel = "MS", description = "HTTP and command: time limit per subject.")
  Long timeoutMs;

  @Option(names = "--spec-file", paramLabel = "FILE",
      description = "The whole spec as JSON (an EvaluatorSpec with its `kind`; `-` for stdin); no other spec option with it.")
  String specFile;

  /** Whether any option describing a spec was given. */
  boolean given() {
    return template != null || kind != null || specFile != null || model != null || !mappings.isEmpty() || explain != null
        || resultName != null || granularity != null || check != null || !variables.isEmpty() || !params.isEmpty()
        || threshold != null || left != null || right != null || url != null || !headerEnv.isEmpty() || !command.isEmpty()
        || timeoutMs != null;
  }

  /**
   * The spec JSON these options describe.
   *
   * @param defaultName the result name when {@code --result-name} is not given
   * @param space the space model configs are looked up in (null: the default)
   */
  ObjectNode spec(ApiClient api, CliEnvironment env, String defaultName, String space) {
    if (specFile != null) {
      if (template != null || kind != null || model != null || !mappings.isEmpty() || explain != null || granularity != null
          || check != null || !variables.isEmpty() || !params.isEmpty() || threshold != null || left != null || right != null
          || url != null || !headerEnv.isEmpty() || !command.isEmpty() || timeoutMs != null) {
        throw CliException.usage("--spec-file holds the whole spec: give no other spec option with it (only --result-name)");
      }
      ObjectNode spec = readSpecFile(env);
      if (resultName != null || !spec.hasNonNull("name")) {
        spec.put("name", resultName != null ? resultName : defaultName);
      }
      return spec;
    }
    Kind chosen = kind != null ? kind : template != null ? Kind.JUDGE : null;
    if (chosen == null) {
      throw CliException.usage("say what to evaluate with: --template ID (an LLM judge), --kind code|embedding|http|command, "
          + "or --spec-file FILE");
    }
    refuseOthers(chosen);
    ObjectNode spec = ApiClient.object();
    spec.put("name", resultName != null ? resultName : defaultName);
    switch (chosen) {
      case JUDGE -> judge(spec, api, space);
      case CODE -> code(spec);
      case EMBEDDING -> embedding(spec, api, space);
      case HTTP -> http(spec, env);
      case COMMAND -> command(spec);
    }
    if (granularity != null) {
      spec.put("granularity", granularity.name());
    } else if (!spec.has("granularity")) {
      spec.put("granularity", SubjectKind.SPAN.name());
    }
    ObjectNode map = spec.putObject("mappings");
    mappings.forEach(map::put);
    return spec;
  }

  /** The AX evaluator {@code type} for a spec's {@code kind}: LLM judges are AX's TEMPLATE evaluators. */
  static String type(JsonNode spec) {
    String specKind = spec.path("kind").asText();
    return specKind.equals("LLM_JUDGE") ? "TEMPLATE" : specKind;
  }

  /** A default result name for a spec that is only tried, never saved. */
  String trialName() {
    if (template != null) {
      return template;
    }
    if (check != null) {
      return check.name().toLowerCase(Locale.ROOT);
    }
    return kind == null ? "test" : kind.name().toLowerCase(Locale.ROOT);
  }

  private void refuseOthers(Kind chosen) {
    Map<String, Boolean> given = new LinkedHashMap<>();
    given.put("--template", template != null);
    given.put("--explain", explain != null);
    given.put("--model", model != null);
    given.put("--check", check != null);
    given.put("--var", !variables.isEmpty());
    given.put("--param", !params.isEmpty());
    given.put("--threshold", threshold != null);
    given.put("--left", left != null);
    given.put("--right", right != null);
    given.put("--endpoint", url != null);
    given.put("--header-env", !headerEnv.isEmpty());
    given.put("--command", !command.isEmpty());
    given.put("--timeout-ms", timeoutMs != null);
    List<String> allowed = switch (chosen) {
      case JUDGE -> List.of("--template", "--explain", "--model");
      case CODE -> List.of("--check", "--var", "--param", "--threshold");
      case EMBEDDING -> List.of("--left", "--right", "--threshold", "--model");
      case HTTP -> List.of("--endpoint", "--header-env", "--timeout-ms");
      case COMMAND -> List.of("--command", "--timeout-ms");
    };
    given.forEach((option, present) -> {
      if (present && !allowed.contains(option)) {
        throw CliException.usage(option + " does not apply to --kind " + chosen.name().toLowerCase(Locale.ROOT)
            + " (its options: " + String.join(", ", allowed) + ")");
      }
    });
  }

  private void judge(ObjectNode spec, ApiClient api, String space) {
    if (template == null) {
      throw CliException.usage("--kind judge needs --template ID (see `assay evaluators templates`), or a custom "
          + "template in --spec-file");
    }
    JsonNode found = EvaluatorsCommand.template(api, template);
    List<String> variables = new ArrayList<>();
    found.path("variables").forEach(v -> variables.add(v.asText()));
    for (String variable : mappings.keySet()) {
      if (!variables.contains(variable)) {
        throw CliException.usage("--map " + variable + "=…: template " + template + " has no variable '" + variable
            + "' (its variables: " + String.join(", ", variables) + ")");
      }
    }
    spec.put("kind", "LLM_JUDGE");
    spec.put("granularity", found.path("granularity").asText(SubjectKind.SPAN.name()));
    spec.put("template_id", found.path("id").asText(template));
    spec.set("messages", found.path("messages").deepCopy());
    spec.set("rails", found.path("rails").deepCopy());
    spec.put("direction", found.path("direction").asText("MAXIMIZE"));
    spec.put("include_explanation", explain != null ? explain : found.path("explanation_by_default").asBoolean(true));
    spec.put("use_structured_output", true);
    spec.put("use_function_calling", true);
    if (model != null) {
      spec.set("model", modelRef(api, space));
    }
  }

  private void code(ObjectNode spec) {
    if (check == null) {
      throw CliException.usage("--kind code needs --check CHECK (one of: " + String.join(", ",
          java.util.Arrays.stream(CodeCheck.values()).map(Enum::name).toList()) + ")");
    }
    spec.put("kind", "CODE");
    spec.put("check", check.name());
    ArrayNode vars = spec.putArray("variables");
    variables.forEach(vars::add);
    ObjectNode p = spec.putObject("params");
    params.forEach((k, v) -> p.set(k, paramValue(v)));
    if (threshold != null) {
      spec.put("threshold", threshold);
    }
  }

  private void embedding(ObjectNode spec, ApiClient api, String space) {
    spec.put("kind", "EMBEDDING");
    spec.put("left", left == null ? "output" : left);
    spec.put("right", right == null ? "reference" : right);
    if (threshold != null) {
      spec.put("threshold", threshold);
    }
    if (model != null) {
      spec.set("model", modelRef(api, space));
    }
  }

  private void http(ObjectNode spec, CliEnvironment env) {
    if (url == null) {
      throw CliException.usage("--kind http needs --endpoint URL");
    }
    spec.put("kind", "HTTP");
    spec.put("url", url);
    ObjectNode headers = spec.putObject("headers");
    headerEnv.forEach((name, variable) -> {
      String value = env.get(variable);
      if (value == null) {
        throw CliException.usage("--header-env " + name + ": environment variable " + variable + " is not set");
      }
      headers.put(name, value);
    });
    putTimeout(spec);
  }

  private void command(ObjectNode spec) {
    if (command.isEmpty()) {
      throw CliException.usage("--kind command needs --command PROGRAM (and one --command per argument)");
    }
    spec.put("kind", "COMMAND");
    ArrayNode argv = spec.putArray("command");
    command.forEach(argv::add);
    spec.putObject("env");
    putTimeout(spec);
  }

  private void putTimeout(ObjectNode spec) {
    if (timeoutMs != null) {
      if (timeoutMs < 1) {
        throw CliException.usage("--timeout-ms must be at least 1, got " + timeoutMs);
      }
      spec.put("timeout_ms", timeoutMs);
    }
  }

  /** {@code {model_config_id, model_name}} for {@code --model CONFIG[/MODEL]}; the config is looked up by name or id. */
  private ObjectNode modelRef(ApiClient api, String space) {
    int slash = model.indexOf('/');
    String configRef = slash < 0 ? model : model.substring(0, slash);
    String modelName = slash < 0 ? null : model.substring(slash + 1);
    if (configRef.isBlank() || (modelName != null && modelName.isBlank())) {
      throw CliException.usage("--model takes CONFIG or CONFIG/MODEL, got '" + model + "'");
    }
    JsonNode config = ModelsCommand.resolve(api, configRef, space);
    if (modelName == null) {
      JsonNode first = config.path("model_names").path(0);
      if (!first.isTextual()) {
        throw CliException.usage("model config '" + configRef + "' lists no models: name one with --model " + configRef + "/MODEL");
      }
      modelName = first.asText();
    }
    ObjectNode ref = ApiClient.object().put("model_config_id", config.path("id").asText()).put("model_name", modelName);
    ref.putObject("invocation_parameters");
    return ref;
  }

  private static JsonNode paramValue(String text) {
    String t = text.strip();
    if (t.startsWith("[") || t.startsWith("{") || t.equals("true") || t.equals("false")
        || t.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?")) {
      try {
        return JSON.readTree(t);
      } catch (IOException notJson) {
        throw CliException.usage("--param value is not valid JSON: " + text);
      }
    }
    return JSON.getNodeFactory().textNode(text);
  }

  private ObjectNode readSpecFile(CliEnvironment env) {
    byte[] bytes;
    try {
      bytes = specFile.equals("-") ? env.stdin().readAllBytes() : Files.readAllBytes(env.resolve(specFile));
    } catch (NoSuchFileException e) {
      throw CliException.usage("--spec-file " + specFile + ": no such file");
    } catch (IOException e) {
      throw CliException.failure("--spec-file " + specFile + ": cannot read it: " + e.getMessage());
    }
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw CliException.usage("--spec-file " + specFile + " is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw CliException.failure("--spec-file " + specFile + ": cannot read it: " + e.getMessage());
    }
    if (node == null || !node.isObject() || !node.path("kind").isTextual()) {
      throw CliException.usage("--spec-file " + specFile + " must be a JSON object with a `kind` (LLM_JUDGE, CODE, "
          + "EMBEDDING, HTTP or COMMAND)");
    }
    return (ObjectNode) node;
  }

  /** Exit 3 with a hint when a template id is unknown. */
  static CliException unknownTemplate(String id, ApiException e) {
    return e.status() == 404 ? CliException.notFound("judge template '" + id + "' not found (see `assay evaluators templates`)") : e;
  }
}
