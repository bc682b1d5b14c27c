package dev.assay.eval;

import dev.assay.shared.InvalidInputException;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/** Validates evaluator specs and builds the runnable evaluator of each kind. */
public final class Evaluators {
  /** Longest timeout an HTTP or command evaluator may ask for. */
  static final long MAX_TIMEOUT_MS = 10 * 60_000L;
  private static final Set<String> ROLES = Set.of("system", "user", "assistant", "developer");

  private Evaluators() {}

  /**
   * Validates the spec and builds it.
   *
   * @throws InvalidInputException with a message naming the field when the spec is not valid
   */
  public static RunnableEvaluator prepare(EvaluatorSpec spec, EvalEnvironment env) {
    validate(spec);
    return switch (spec) {
      case JudgeSpec j -> new JudgeEvaluator(j, env);
      case CodeSpec c -> new CodeEvaluator(c);
      case EmbeddingSpec e -> new EmbeddingEvaluator(e, env);
      case HttpSpec h -> new HttpEvaluator(h, requireEnvironment(env).outbound(), env.sealedValues());
      case CommandSpec c -> new CommandEvaluator(c);
    };
  }

  private static EvalEnvironment requireEnvironment(EvalEnvironment env) {
    if (env == null) {
      throw new IllegalArgumentException("an HTTP evaluator needs an environment: its outbound policy and secrets");
    }
    return env;
  }

  /**
   * The spec with {@code overrides} (a task's column mappings: variable → subject field or path) laid over its own
   * mappings; variables the overrides do not name keep the spec's mapping.
   *
   * @throws InvalidInputException naming the variable when an override's target is not a field or a valid path
   */
  public static EvaluatorSpec withMappings(EvaluatorSpec spec, Map<String, String> overrides) {
    if (overrides == null || overrides.isEmpty()) {
      return spec;
    }
    checkMappings(overrides, "column_mappings");
    Map<String, String> m = new java.util.LinkedHashMap<>(spec.mappings());
    m.putAll(overrides);
    return switch (spec) {
      case JudgeSpec j -> new JudgeSpec(j.name(), j.granularity(), m, j.templateId(), j.messages(), j.rails(),
          j.direction(), j.includeExplanation(), j.useStructuredOutput(), j.useFunctionCalling(), j.model());
      case CodeSpec c -> new CodeSpec(c.name(), c.granularity(), m, c.check(), c.variables(), c.params(), c.threshold());
      case EmbeddingSpec e -> new EmbeddingSpec(e.name(), e.granularity(), m, e.left(), e.right(), e.threshold(),
          e.model());
      case HttpSpec h -> new HttpSpec(h.name(), h.granularity(), m, h.url(), h.headers(), h.timeoutMs());
      case CommandSpec c -> new CommandSpec(c.name(), c.granularity(), m, c.command(), c.env(), c.timeoutMs());
    };
  }

  /**
   * Checks mappings (variable → subject field or path) without a spec.
   *
   * @param where the field name errors start with, e.g. {@code evaluators[0].column_mappings}
   * @throws InvalidInputException naming the variable of the first bad mapping
   */
  public static void checkMappings(Map<String, String> mappings, String where) {
    for (Map.Entry<String, String> m : mappings.entrySet()) {
      if (m.getKey() == null || m.getKey().isBlank()) {
        throw new InvalidInputException(where + " has an empty variable name");
      }
      String why = VariableBinder.checkTarget(m.getValue());
      if (why != null) {
        throw new InvalidInputException(where + "." + m.getKey() + ": " + why);
      }
    }
  }

  /**
   * Only validates (on create and on each new version); never calls out.
   *
   * @throws InvalidInputException with a message naming the field when the spec is not valid
   */
  public static void validate(EvaluatorSpec spec) {
    if (spec == null) {
      throw new InvalidInputException("spec is required");
    }
    if (spec.name() == null || spec.name().isBlank()) {
      throw new InvalidInputException("spec.name must not be empty");
    }
    for (Map.Entry<String, String> m : spec.mappings().entrySet()) {
      if (m.getKey() == null || m.getKey().isBlank()) {
        throw new InvalidInputException("spec.mappings has an empty variable name");
      }
      String why = VariableBinder.checkTarget(m.getValue());
      if (why != null) {
        throw new InvalidInputException("spec.mappings." + m.getKey() + ": " + why);
      }
    }
    switch (spec) {
      case JudgeSpec j -> validateJudge(j);
      case CodeSpec c -> CodeEvaluator.compile(c);
      case EmbeddingSpec e -> validateEmbedding(e);
      case HttpSpec h -> validateHttp(h);
      case CommandSpec c -> validateCommand(c);
    }
  }

  private static void validateJudge(JudgeSpec j) {
    if (j.messages().isEmpty()) {
      throw new InvalidInputException("an LLM judge needs at least one template message (spec.messages)");
    }
    for (int i = 0; i < j.messages().size(); i++) {
      TemplateMessage m = j.messages().get(i);
      if (!ROLES.contains(m.role())) {
        throw new InvalidInputException("spec.messages[" + i + "].role must be one of " + ROLES + ", got '" + m.role() + "'");
      }
      if (m.content().isBlank()) {
        throw new InvalidInputException("spec.messages[" + i + "].content must not be empty");
      }
    }
    if (j.rails().size() < 2) {
      throw new InvalidInputException("an LLM judge needs at least two rails (labels with scores), e.g. "
          + "{\"correct\": 1, \"incorrect\": 0}; got " + j.rails().size());
    }
    for (Map.Entry<String, Double> r : j.rails().entrySet()) {
      if (r.getKey() == null || r.getKey().isBlank()) {
        throw new InvalidInputException("spec.rails has an empty label");
      }
      if (r.getValue() == null || !Double.isFinite(r.getValue())) {
        throw new InvalidInputException("spec.rails." + r.getKey() + " needs a finite score");
      }
    }
    // The judge's own checks (placeholder syntax such as an unclosed '{input', a user message, rail rules), so a
    // bad template is refused when the evaluator is saved, not when it first runs.
    JudgeEvaluator.validate(j);
  }

  private static void validateEmbedding(EmbeddingSpec e) {
    String[][] sides = {{"left", e.left()}, {"right", e.right()}};
    for (String[] side : sides) {
      String why = VariableBinder.checkTarget(e.mappings().getOrDefault(side[1], side[1]));
      if (why != null) {
        throw new InvalidInputException("spec." + side[0] + ": " + why);
      }
    }
    if (!Double.isFinite(e.threshold()) || e.threshold() < -1 || e.threshold() > 1) {
      throw new InvalidInputException("spec.threshold is a cosine similarity between -1 and 1, got " + e.threshold());
    }
    if (e.model() != null && (e.model().modelConfigId() == null || e.model().modelConfigId().isBlank())) {
      throw new InvalidInputException("spec.model.model_config_id is required when spec.model is set "
          + "(omit spec.model for the built-in all-MiniLM-L6-v2)");
    }
  }

  private static void validateHttp(HttpSpec h) {
    URI uri;
    try {
      uri = URI.create(h.url().strip());
    } catch (IllegalArgumentException ex) {
      throw new InvalidInputException("spec.url is not a valid URL: " + ex.getMessage());
    }
    if (uri.getScheme() == null || !Set.of("http", "https").contains(uri.getScheme().toLowerCase())
        || uri.getHost() == null) {
      throw new InvalidInputException("spec.url must be an absolute http:// or https:// URL, got '" + h.url() + "'");
    }
    requireTimeout(h.timeoutMs());
    for (String header : h.headers().keySet()) {
      if (header == null || !header.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
        throw new InvalidInputException("spec.headers has an invalid header name '" + header + "'");
      }
    }
  }

  private static void validateCommand(CommandSpec c) {
    if (c.command().isEmpty() || c.command().getFirst() == null || c.command().getFirst().isBlank()) {
      throw new InvalidInputException("spec.command must name a program (a list: program then arguments; no shell)");
    }
    for (int i = 0; i < c.command().size(); i++) {
      if (c.command().get(i) == null || c.command().get(i).indexOf('\0') >= 0) {
        throw new InvalidInputException("spec.command[" + i + "] is null or holds a NUL character");
      }
    }
    requireTimeout(c.timeoutMs());
    for (String key : c.env().keySet()) {
      if (key == null || key.isBlank() || key.contains("=") || key.indexOf('\0') >= 0) {
        throw new InvalidInputException("spec.env has an invalid variable name '" + key + "'");
      }
    }
  }

  private static void requireTimeout(long timeoutMs) {
    if (timeoutMs <= 0 || timeoutMs > MAX_TIMEOUT_MS) {
      throw new InvalidInputException("spec.timeout_ms must be between 1 and " + MAX_TIMEOUT_MS + ", got " + timeoutMs);
    }
  }
}
