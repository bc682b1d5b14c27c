package dev.assay.cli.ci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.ci.EvalConfig.DatasetSource;
import dev.assay.cli.ci.EvalConfig.EvaluatorDef;
import dev.assay.cli.ci.EvalConfig.PromptDef;
import dev.assay.cli.ci.EvalConfig.ProviderDef;
import dev.assay.cli.ci.EvalConfig.StoredBaseline;
import dev.assay.cli.ci.EvalConfig.Variant;
import dev.assay.experiments.ExperimentTask;
import dev.assay.experiments.GateRules;
import dev.assay.prompts.PromptMessage;
import dev.assay.prompts.TemplateFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates an {@code assay.yaml} (docs/assay-yaml.md). Every problem is reported with the line and
 * column it is on, all of them at once, as a {@link EvalConfigException}; nothing is run for a bad file. Relative
 * paths (dataset and prompt files, task commands) are resolved against the file's directory.
 */
public final class EvalConfigLoader {
  static final Set<String> TOP = YamlTree.keys("name", "description", "dataset", "tests", "prompts", "providers",
      "task", "evaluators", "baseline", "gate", "repetitions", "concurrency");
  private static final Set<String> ROLES = Set.of("SYSTEM", "USER", "ASSISTANT");

  private final YamlTree yaml;
  private final Path dir;
  private final Path file;

  private EvalConfigLoader(YamlTree yaml, Path file) {
    this.yaml = yaml;
    this.file = file;
    this.dir = file.toAbsolutePath().getParent();
  }

  /** Loads {@code file}; a missing or unreadable file is an {@link EvalConfigException} too. */
  public static EvalConfig load(Path file) {
    return load(file, file);
  }

  /** Loads {@code file}, naming it {@code shownAs} in messages (the path as the person wrote it). */
  public static EvalConfig load(Path shownAs, Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EvalConfigException(List.of(shownAs + ": cannot read: " + e.getMessage()));
    }
    return parse(shownAs, file, text);
  }

  /** Parses {@code text} as if read from {@code file}. */
  public static EvalConfig parse(Path file, String text) {
    return parse(file, file, text);
  }

  static EvalConfig parse(Path shownAs, Path file, String text) {
    YamlTree yaml = YamlTree.parse(shownAs.toString(), text);
    EvalConfig config = new EvalConfigLoader(yaml, file).read();
    if (yaml.hasErrors()) {
      throw new EvalConfigException(yaml.errors());
    }
    return config;
  }

  private EvalConfig read() {
    JsonNode root = yaml.root();
    if (root == null || !root.isObject()) {
      yaml.error("", "assay.yaml must be a mapping with at least 'evaluators' and a 'dataset' or 'tests'");
      return null;
    }
    yaml.onlyKeys(root, "", TOP);
    String name = yaml.text(root, "", "name", false);
    if (name == null) {
      Path parent = dir.getFileName();
      name = parent == null ? "assay-eval" : parent.toString();
    }
    String description = yaml.text(root, "", "description", false);
    DatasetSource dataset = new DatasetDefs(yaml, dir).read(root);
    List<ProviderDef> providers = providers(root);
    List<Variant> variants = variants(root, providers);
    List<EvaluatorDef> evaluators = new EvaluatorDefs(yaml, dir, providers).read(root);
    Integer repetitions = yaml.integer(root, "", "repetitions", 1, 100);
    Integer concurrency = yaml.integer(root, "", "concurrency", 1, 256);
    Baseline baseline = baseline(root, variants);
    if (baseline.variantIndex() > 0) {
      List<Variant> reordered = new ArrayList<>(variants);
      reordered.addFirst(reordered.remove(baseline.variantIndex()));
      variants = reordered;
    }
    boolean baselineVariant = variants.size() > 1;
    GateRules gate = gate(root, evaluators, baselineVariant || baseline.stored() != null);
    if (yaml.hasErrors()) {
      return null;
    }
    return new EvalConfig(file, name, description, dataset, variants, baselineVariant, providers, evaluators,
        baseline.stored(),
        gate, repetitions == null ? 1 : repetitions, concurrency == null ? 4 : concurrency);
  }

  // --- prompts, providers, task ---

  private List<ProviderDef> providers(JsonNode root) {
    JsonNode node = root.get("providers");
    List<ProviderDef> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    if (!node.isArray() || node.isEmpty()) {
      yaml.error("/providers", "providers must be a non-empty list, got " + YamlTree.kind(node));
      return out;
    }
    Set<String> labels = new java.util.HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      String at = "/providers/" + i;
      JsonNode p = node.get(i);
      ProviderDef def = p.isTextual() ? Providers.shorthand(yaml, at, p.asText()) : Providers.read(yaml, at, p);
      if (def != null) {
        if (!labels.add(def.label())) {
          yaml.error(at, "providers[" + i + "]: another provider is labelled '" + def.label()
              + "'; give each a distinct 'label'");
        }
        out.add(def);
      }
    }
    return out;
  }

  private List<Variant> variants(JsonNode root, List<ProviderDef> providers) {
    JsonNode prompts = root.get("prompts");
    JsonNode task = root.get("task");
    List<Variant> out = new ArrayList<>();
    if (task != null && prompts != null) {
      yaml.error("/task", "use either 'task' (your app) or 'prompts' (with 'providers'), not both; with a task, "
          + "'providers' are only the models of judges");
      return out;
    }
    if (task != null) {
      ExperimentTask t = task(task);
      if (t != null) {
        out.add(new Variant("task", null, null, t));
      }
      return out;
    }
    if (prompts == null) {
      yaml.error("", "assay.yaml needs what to test: 'task' (a command or HTTP endpoint) or 'prompts' with "
          + "'providers'");
      return out;
    }
    List<PromptDef> defs = new Prompts(yaml, dir).read(prompts);
    if (providers.isEmpty() && !root.has("providers")) {
      yaml.error("/prompts", "prompts need 'providers' to run on (OpenAI-compatible base_url, model, api_key_env)");
    }
    for (PromptDef prompt : defs) {
      for (ProviderDef provider : providers) {
        String label = defs.size() == 1 ? provider.label()
            : providers.size() == 1 ? prompt.label() : prompt.label() + "@" + provider.label();
        out.add(new Variant(label, prompt, provider, null));
      }
    }
    return out;
  }

  private ExperimentTask task(JsonNode task) {
    if (!task.isObject()) {
      yaml.error("/task", "task must be a mapping with 'command' or 'http', got " + YamlTree.kind(task));
      return null;
    }
    yaml.onlyKeys(task, "/task", YamlTree.keys("command", "http", "output_path", "timeout_ms"));
    String outputPath = yaml.text(task, "/task", "output_path", false);
    Integer timeout = yaml.integer(task, "/task", "timeout_ms", 1, 3_600_000);
    Duration timeoutDuration = timeout == null ? null : Duration.ofMillis(timeout);
    if (task.has("command") == task.has("http")) {
      yaml.error("/task", "task needs exactly one of 'command' (a program and its arguments) and 'http' (a URL)");
      return null;
    }
    if (task.has("command")) {
      JsonNode command = task.get("command");
      List<String> argv = command.isTextual() ? List.of(command.asText().strip().split("\\s+"))
          : yaml.texts(task, "/task", "command");
      if (argv.isEmpty() || argv.getFirst().isBlank()) {
        yaml.error("/task/command", "task.command must name a program, e.g. [python3, app.py]");
        return null;
      }
      return new ExperimentTask.CommandTask(resolveArgs(argv), outputPath, timeoutDuration);
    }
    JsonNode http = task.get("http");
    String url;
    Map<String, String> headers = Map.of();
    if (http.isTextual()) {
      url = http.asText();
    } else if (http.isObject()) {
      yaml.onlyKeys(http, "/task/http", YamlTree.keys("url", "headers"));
      url = yaml.text(http, "/task/http", "url", true);
      headers = Env.expand(yaml, "/task/http/headers", yaml.textMap(http, "/task/http", "headers"));
    } else {
      yaml.error("/task/http", "task.http must be a URL or a mapping with 'url' and 'headers'");
      return null;
    }
    if (url == null) {
      return null;
    }
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      yaml.error("/task/http", "task.http url must start with http:// or https://, got '" + url + "'");
      return null;
    }
    return new ExperimentTask.HttpTask(url, headers, outputPath, timeoutDuration);
  }

  /**
   * Arguments naming a file next to assay.yaml become absolute paths, so {@code assay eval -c examples/assay.yaml}
   * works from any directory (the task runs in the caller's working directory).
   */
  private List<String> resolveArgs(List<String> argv) {
    List<String> out = new ArrayList<>(argv.size());
    for (int i = 0; i < argv.size(); i++) {
      String arg = argv.get(i);
      boolean pathLike = i > 0 || arg.contains("/");
      if (pathLike && !arg.startsWith("-") && !Path.of(arg).isAbsolute() && looksLikeFile(arg)) {
        out.add(dir.resolve(arg).normalize().toString());
      } else {
        out.add(arg);
      }
    }
    return out;
  }

  private boolean looksLikeFile(String arg) {
    try {
      return Files.exists(dir.resolve(arg));
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }

  Path existing(String pointer, String name) {
    return DatasetDefs.existing(yaml, dir, pointer, name);
  }

  // --- baseline and gate ---

  private record Baseline(int variantIndex, StoredBaseline stored) {}

  private Baseline baseline(JsonNode root, List<Variant> variants) {
    JsonNode node = root.get("baseline");
    if (node == null || node.isNull()) {
      return new Baseline(0, null);
    }
    if (node.isTextual()) {
      for (int i = 0; i < variants.size(); i++) {
        Variant v = variants.get(i);
        if (v.label().equals(node.asText()) || v.prompt() != null && v.prompt().label().equals(node.asText())
            && variants.stream().filter(o -> o.prompt() == v.prompt()).count() == 1) {
          return new Baseline(i, null);
        }
      }
      if (variants.size() > 1) {
        yaml.error("/baseline", "baseline '" + node.asText() + "' is none of the prompts or providers: "
            + String.join(", ", variants.stream().map(Variant::label).toList()));
      } else {
        yaml.error("/baseline", "with a single prompt or task, baseline must be {experiment: …}, {label: …} "
            + "(with --url) or {file: previous.json}");
      }
      return new Baseline(0, null);
    }
    if (!node.isObject()) {
      yaml.error("/baseline", "baseline must be a prompt or provider label, or a mapping with 'experiment', "
          + "'label' or 'file'");
      return new Baseline(0, null);
    }
    yaml.onlyKeys(node, "/baseline", YamlTree.keys("experiment", "label", "file"));
    if (node.size() != 1) {
      yaml.error("/baseline", "baseline needs exactly one of 'experiment', 'label' and 'file'");
      return new Baseline(0, null);
    }
    if (variants.size() > 1) {
      yaml.error("/baseline", "with several prompts or providers the baseline is one of them (the first, or the "
          + "one 'baseline:' names); a stored baseline needs a single prompt or task");
    }
    String fileName = yaml.text(node, "/baseline", "file", false);
    if (fileName != null) {
      Path path = existing("/baseline/file", fileName);
      return new Baseline(0, path == null ? null : new StoredBaseline.File(path));
    }
    String ref = node.has("experiment") ? yaml.text(node, "/baseline", "experiment", true)
        : yaml.text(node, "/baseline", "label", true);
    return new Baseline(0, ref == null ? null : new StoredBaseline.Ref(ref));
  }

  private GateRules gate(JsonNode root, List<EvaluatorDef> evaluators, boolean hasBaseline) {
    Map<String, Double> failUnder = new HashMap<>();
    Map<String, Double> minPassRate = new HashMap<>();
    Map<String, Double> maxRegression = new HashMap<>();
    Map<String, String> where = new HashMap<>();
    for (int i = 0; i < evaluators.size(); i++) {
      EvaluatorDef e = evaluators.get(i);
      if (e == null) {
        continue;
      }
      where.put(e.name(), "/evaluators/" + i);
      put(failUnder, e.name(), e.gate().failUnder());
      put(minPassRate, e.name(), e.gate().minPassRate());
      put(maxRegression, e.name(), e.gate().maxRegression());
    }
    JsonNode gate = root.get("gate");
    if (gate != null && !gate.isNull()) {
      if (!gate.isObject()) {
        yaml.error("/gate", "gate must be a mapping of rules (fail_under, min_pass_rate, max_regression)");
      } else {
        yaml.onlyKeys(gate, "/gate", YamlTree.keys("fail_under", "min_pass_rate", "max_regression"));
        rule(gate, "fail_under", failUnder, where, -1e9, 1e9);
        rule(gate, "min_pass_rate", minPassRate, where, 0, 1);
        rule(gate, "max_regression", maxRegression, where, 0, 1e9);
      }
    }
    if (!maxRegression.isEmpty() && !hasBaseline) {
      String pointer = gate != null && gate.has("max_regression") ? "/gate/max_regression"
          : where.getOrDefault(maxRegression.keySet().iterator().next(), "");
      yaml.error(pointer, "max_regression compares with a baseline, and there is none: list two prompts or "
          + "providers, or set 'baseline'");
    }
    return new GateRules(failUnder, maxRegression, minPassRate);
  }

  private static void put(Map<String, Double> rules, String name, Double value) {
    if (value != null) {
      rules.put(name, value);
    }
  }

  private void rule(JsonNode gate, String key, Map<String, Double> rules, Map<String, String> evaluators, double min,
      double max) {
    JsonNode node = gate.get(key);
    String at = "/gate/" + key;
    if (node == null || node.isNull()) {
      return;
    }
    if (!node.isObject()) {
      yaml.error(at, "gate." + key + " must map evaluator names to thresholds, e.g. {exact: 0.9}");
      return;
    }
    for (var it = node.fields(); it.hasNext(); ) {
      var entry = it.next();
      String name = entry.getKey();
      if (!evaluators.containsKey(name)) {
        yaml.error(at + "/" + YamlTree.escape(name), "gate." + key + " names '" + name + "', which is none of the "
            + "evaluators: " + String.join(", ", evaluators.keySet().stream().sorted().toList()));
        continue;
      }
      if (rules.containsKey(name)) {
        yaml.error(at + "/" + YamlTree.escape(name), key + " of '" + name + "' is also set on the evaluator");
        continue;
      }
      Double value = yaml.number(node, at, name, min, max);
      if (value != null) {
        rules.put(name, value);
      }
    }
  }

  /** Messages from a prompt's role/content list. */
  static List<PromptMessage> messages(YamlTree yaml, String pointer, JsonNode list) {
    List<PromptMessage> out = new ArrayList<>();
    if (list == null || !list.isArray() || list.isEmpty()) {
      yaml.error(pointer, YamlTree.path(pointer) + " must be a non-empty list of {role, content}");
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      String at = pointer + "/" + i;
      JsonNode m = list.get(i);
      if (!m.isObject()) {
        yaml.error(at, YamlTree.path(at) + " must be a mapping {role, content}, got " + YamlTree.kind(m));
        continue;
      }
      yaml.onlyKeys(m, at, YamlTree.keys("role", "content"));
      String role = yaml.text(m, at, "role", true);
      String content = yaml.text(m, at, "content", true);
      if (role != null && !ROLES.contains(role.toUpperCase(Locale.ROOT))) {
        yaml.error(at + "/role", YamlTree.path(at) + ".role must be system, user or assistant, got '" + role + "'");
      } else if (role != null && content != null) {
        out.add(PromptMessage.of(role.toUpperCase(Locale.ROOT), content));
      }
    }
    return out;
  }

  static TemplateFormat format(YamlTree yaml, String pointer, JsonNode node) {
    String text = yaml.text(node, pointer, "format", false);
    if (text == null) {
      return TemplateFormat.MUSTACHE;
    }
    return switch (text.toLowerCase(Locale.ROOT).replace('-', '_')) {
      case "mustache" -> TemplateFormat.MUSTACHE;
      case "f_string", "fstring" -> TemplateFormat.F_STRING;
      default -> {
        yaml.error(pointer + "/format", YamlTree.path(pointer) + ".format must be mustache or f_string, got '"
            + text + "'");
        yield TemplateFormat.MUSTACHE;
      }
    };
  }
}
