package dev.assay.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import dev.assay.eval.Subject.Step;
import dev.assay.eval.Subject.ToolCall;
import dev.assay.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Runs one built-in {@link CodeCheck}. Everything the check needs from its parameters (the regex, the keywords,
 * the JSON schema, the expected arguments) is compiled once here, so evaluating is cheap.
 *
 * <p>Variables (defaults in brackets; {@code spec.variables} replace them in order, mappings apply):
 * MATCHES_REGEX, JSON_PARSEABLE, CONTAINS_ANY_KEYWORD, CONTAINS_ALL_KEYWORDS, JSON_SCHEMA [output];
 * EXACT_MATCH, JSON_DISTANCE, LEVENSHTEIN, NUMERIC_TOLERANCE, BLEU, ROUGE [output, reference];
 * LATENCY_THRESHOLD [latency_ms], COST_THRESHOLD [cost], TOKEN_THRESHOLD [total_tokens]; TOOL_CALLED and
 * TOOL_ARGS_MATCH read the subject's tool calls and its trajectory's TOOL steps.
 *
 * <p>Parameters: MATCHES_REGEX {@code pattern} (found anywhere; anchor it for a whole match); CONTAINS_*
 * {@code keywords} (list or comma-separated), {@code case_sensitive} (false); EXACT_MATCH and LEVENSHTEIN
 * {@code trim} (true), {@code case_sensitive} (true); JSON_SCHEMA {@code schema} (local {@code $ref}s only);
 * NUMERIC_TOLERANCE {@code tolerance} (0), {@code relative} (false: absolute); BLEU and ROUGE
 * {@code case_sensitive} (false), ROUGE {@code variant} ({@code rougeL} | {@code rouge1} | {@code rouge2});
 * *_THRESHOLD {@code max}; TOOL_CALLED {@code tool}; TOOL_ARGS_MATCH {@code tool}, {@code args} (expected
 * arguments, matched as a subset of the call's).
 *
 * <p>Result: score in [0, 1]; passed = score ≥ {@code threshold} (1.0 when null for the pass/fail checks; the
 * metrics JSON_DISTANCE, LEVENSHTEIN, BLEU, ROUGE have no pass without a threshold); the *_THRESHOLD checks pass
 * when the value ≤ {@code max} (score 1 or 0). Label {@code pass} / {@code fail}, none when passed is null.
 */
public final class CodeEvaluator implements RunnableEvaluator {
  private static final Set<CodeCheck> METRICS = Set.of(CodeCheck.JSON_DISTANCE, CodeCheck.LEVENSHTEIN, CodeCheck.BLEU,
      CodeCheck.ROUGE);
  private static final Pattern NUMBER = Pattern.compile("[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?");
  /** How long one regex match may run (see {@link BoundedText}). */
  static final long REGEX_BUDGET_NANOS = 1_000_000_000L;
  /** Levenshtein is O(n·m): beyond this many cells a check would stall a worker. */
  private static final long MAX_LEVENSHTEIN_CELLS = 100_000_000L;

  private final CodeSpec spec;
  private final Double threshold;
  private final List<String> vars;
  private final Check check;

  @FunctionalInterface
  private interface Check {
    EvalOutcome run(Subject s) throws EvaluationException;
  }

  public CodeEvaluator(CodeSpec spec) {
    this.spec = spec;
    this.vars = variables(spec);
    this.threshold = spec.threshold() != null ? spec.threshold() : METRICS.contains(spec.check()) ? null : 1.0;
    if (threshold != null && (!Double.isFinite(threshold) || threshold < 0 || threshold > 1)) {
      throw new InvalidInputException("spec.threshold must be between 0 and 1, got " + threshold);
    }
    this.check = build(new CodeParams(spec.check(), spec.params()));
  }

  /** Validates a code spec (its variables, parameters and threshold) by compiling it. */
  static void compile(CodeSpec spec) {
    new CodeEvaluator(spec);
  }

  @Override
  public EvaluatorSpec spec() {
    return spec;
  }

  @Override
  public EvalOutcome evaluate(Subject subject) throws EvaluationException {
    return check.run(subject);
  }

  private static List<String> defaults(CodeCheck check) {
    return switch (check) {
      case MATCHES_REGEX, JSON_PARSEABLE, CONTAINS_ANY_KEYWORD, CONTAINS_ALL_KEYWORDS, JSON_SCHEMA -> List.of("output");
      case EXACT_MATCH, JSON_DISTANCE, LEVENSHTEIN, NUMERIC_TOLERANCE, BLEU, ROUGE -> List.of("output", "reference");
      case LATENCY_THRESHOLD -> List.of("latency_ms");
      case COST_THRESHOLD -> List.of("cost");
      case TOKEN_THRESHOLD -> List.of("total_tokens");
      case TOOL_CALLED, TOOL_ARGS_MATCH -> List.of();
    };
  }

  private static List<String> variables(CodeSpec spec) {
    List<String> defaults = defaults(spec.check());
    List<String> given = spec.variables();
    if (given.size() > defaults.size()) {
      throw new InvalidInputException(spec.check() + " reads " + defaults.size() + " variable(s)"
          + (defaults.isEmpty() ? "" : " " + defaults) + ", got " + given.size() + ": " + given);
    }
    List<String> out = new ArrayList<>(defaults);
    for (int i = 0; i < given.size(); i++) {
      String v = given.get(i);
      if (v == null || v.isBlank()) {
        throw new InvalidInputException("spec.variables[" + i + "] must not be empty");
      }
      String target = spec.mappings().getOrDefault(v, v);
      String why = VariableBinder.checkTarget(target);
      if (why != null) {
        throw new InvalidInputException(spec.check() + ": variable '" + v + "': " + why);
      }
      out.set(i, v);
    }
    return List.copyOf(out);
  }

  private Check build(CodeParams p) {
    return switch (spec.check()) {
      case MATCHES_REGEX -> regex(p);
      case JSON_PARSEABLE -> s -> {
        boolean ok = EvalJson.parseOrNull(text(s, 0)) != null || text(s, 0).strip().equals("null");
        return outcome(ok ? 1 : 0, ok ? "output is valid JSON" : "output is not valid JSON", Map.of());
      };
      case CONTAINS_ANY_KEYWORD, CONTAINS_ALL_KEYWORDS -> keywords(p, spec.check() == CodeCheck.CONTAINS_ALL_KEYWORDS);
      case EXACT_MATCH -> exactMatch(p);
      case JSON_SCHEMA -> jsonSchema(p);
      case JSON_DISTANCE -> s -> {
        Object expected = EvalJson.parseOrNull(text(s, 1));
        if (expected == null) {
          throw new EvaluationException("JSON_DISTANCE: variable '" + vars.get(1) + "' is not valid JSON");
        }
        Object actual = EvalJson.parseOrNull(text(s, 0));
        if (actual == null) {
          return outcome(0, "output is not valid JSON", Map.of());
        }
        JsonCompare.Distance d = JsonCompare.distance(actual, expected);
        return outcome(d.similarity(), d.differing().size() + " of " + d.total() + " leaf paths differ",
            Map.of("differing_paths", d.differing().subList(0, Math.min(20, d.differing().size())),
                "leaf_paths", d.total()));
      };
      case LEVENSHTEIN -> levenshtein(p);
      case NUMERIC_TOLERANCE -> numericTolerance(p);
      case BLEU -> {
        boolean cs = p.bool("case_sensitive", false);
        yield s -> {
          double score = TextSimilarity.bleu(TextSimilarity.tokens(text(s, 0), cs), TextSimilarity.tokens(text(s, 1), cs));
          return outcome(score, String.format(Locale.ROOT, "BLEU-4 %.4f", score), Map.of());
        };
      }
      case ROUGE -> rouge(p);
      case LATENCY_THRESHOLD, COST_THRESHOLD, TOKEN_THRESHOLD -> limit(p);
      case TOOL_CALLED -> toolCalled(p);
      case TOOL_ARGS_MATCH -> toolArgsMatch(p);
    };
  }

  private Check regex(CodeParams p) {
    String source = p.string("pattern", true);
    Pattern pattern;
    try {
      pattern = Pattern.compile(source);
    } catch (PatternSyntaxException e) {
      throw new InvalidInputException("MATCHES_REGEX: spec.params.pattern is not a valid regex: " + e.getDescription()
          + " near index " + e.getIndex());
    }
    return s -> {
      boolean found;
      try {
        found = pattern.matcher(new BoundedText(text(s, 0), REGEX_BUDGET_NANOS)).find();
      } catch (BoundedText.OutOfTime e) {
        throw new EvaluationException("MATCHES_REGEX: /" + source + "/ ran for more than "
            + REGEX_BUDGET_NANOS / 1_000_000 + " ms on this subject's text (catastrophic backtracking?); simplify the pattern");
      }
      return outcome(found ? 1 : 0, (found ? "matches /" : "does not match /") + source + "/", Map.of());
    };
  }

  /**
   * Text that stops a regex match after a time budget. The pattern is the user's and the text is untrusted span
   * content, so a backtracking pattern must not hold an executor worker forever; the clock is read once every
   * 4,096 character reads, which costs little.
   */
  static final class BoundedText implements CharSequence {
    static final class OutOfTime extends RuntimeException {
      OutOfTime() {
        super(null, null, false, false);
      }
    }

    private final String text;
    private final long deadline;
    private int reads;

    BoundedText(String text, long budgetNanos) {
      this.text = text;
      this.deadline = System.nanoTime() + budgetNanos;
    }

    @Override
    public char charAt(int index) {
      if ((++reads & 4095) == 0 && System.nanoTime() > deadline) {
        throw new OutOfTime();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private Check keywords(CodeParams p, boolean all) {
    boolean cs = p.bool("case_sensitive", false);
    List<String> words = p.strings("keywords").stream().map(k -> cs ? k : k.toLowerCase(Locale.ROOT)).toList();
    return s -> {
      String t = text(s, 0);
      String hay = cs ? t : t.toLowerCase(Locale.ROOT);
      List<String> found = new ArrayList<>(words.size());
      for (String w : words) {
        if (hay.contains(w)) {
          found.add(w);
        }
      }
      double score = all ? (double) found.size() / words.size() : found.isEmpty() ? 0 : 1;
      return outcome(score, found.size() + " of " + words.size() + " keywords found", Map.of("found", found));
    };
  }

  private Check exactMatch(CodeParams p) {
    boolean trim = p.bool("trim", true);
    boolean cs = p.bool("case_sensitive", true);
    return s -> {
      String a = normalise(text(s, 0), trim, cs);
      String b = normalise(text(s, 1), trim, cs);
      boolean same = a.equals(b);
      return outcome(same ? 1 : 0, same ? "exact match" : "differs from " + vars.get(1), Map.of());
    };
  }

  private Check levenshtein(CodeParams p) {
    boolean trim = p.bool("trim", true);
    boolean cs = p.bool("case_sensitive", true);
    return s -> {
      String a = normalise(text(s, 0), trim, cs);
      String b = normalise(text(s, 1), trim, cs);
      if ((long) a.length() * b.length() > MAX_LEVENSHTEIN_CELLS) {
        throw new EvaluationException("LEVENSHTEIN: texts of " + a.length() + " and " + b.length()
            + " characters are too long to compare; use ROUGE or an embedding evaluator");
      }
      double score = TextSimilarity.levenshteinSimilarity(a, b);
      return outcome(score, String.format(Locale.ROOT, "similarity %.4f", score), Map.of());
    };
  }

  private Check rouge(CodeParams p) {
    boolean cs = p.bool("case_sensitive", false);
    String variant = p.string("variant", false);
    String v = variant == null ? "rougel" : variant.toLowerCase(Locale.ROOT).replace("-", "");
    int n = switch (v) {
      case "rougel", "l" -> 0;
      case "rouge1", "1" -> 1;
      case "rouge2", "2" -> 2;
      default -> throw p.bad("variant", "rougeL, rouge1 or rouge2", variant);
    };
    String name = n == 0 ? "ROUGE-L" : "ROUGE-" + n;
    return s -> {
      List<String> c = TextSimilarity.tokens(text(s, 0), cs);
      List<String> r = TextSimilarity.tokens(text(s, 1), cs);
      double score = n == 0 ? TextSimilarity.rougeL(c, r) : TextSimilarity.rougeN(c, r, n);
      return outcome(score, String.format(Locale.ROOT, "%s F1 %.4f", name, score), Map.of());
    };
  }

  private Check numericTolerance(CodeParams p) {
    Double tol = p.number("tolerance", false);
    double tolerance = tol == null ? 0 : tol;
    if (tolerance < 0) {
      throw p.bad("tolerance", "zero or more", tol);
    }
    boolean relative = p.bool("relative", false);
    return s -> {
      Double actual = number(s, 0, false);
      double expected = number(s, 1, true);
      if (actual == null) {
        return outcome(0, "output holds no number", Map.of());
      }
      double diff = Math.abs(actual - expected);
      double allowed = relative ? tolerance * Math.abs(expected) : tolerance;
      boolean ok = diff <= allowed + 1e-12 * Math.max(1, Math.abs(expected));
      return outcome(ok ? 1 : 0, "|" + actual + " - " + expected + "| = " + diff + (ok ? " ≤ " : " > ") + allowed,
          Map.of("actual", actual, "expected", expected, "difference", diff));
    };
  }

  private Check limit(CodeParams p) {
    double max = p.number("max", true);
    return s -> {
      double value = number(s, 0, true);
      boolean ok = value <= max;
      return new EvalOutcome(ok ? "pass" : "fail", ok ? 1.0 : 0.0,
          vars.get(0) + " " + EvalJson.text(value) + (ok ? " ≤ " : " > ") + EvalJson.text(max), ok,
          Map.of("value", value, "max", max));
    };
  }

  private Check jsonSchema(CodeParams p) {
    JsonNode node = EvalJson.MAPPER.valueToTree(p.json("schema"));
    if (!node.isObject() && !node.isBoolean()) {
      throw p.bad("schema", "a JSON schema object", node);
    }
    requireLocalRefs(node);
    SpecVersion.VersionFlag version;
    try {
      version = SpecVersionDetector.detectOptionalVersion(node, false).orElse(SpecVersion.VersionFlag.V202012);
    } catch (RuntimeException e) {
      throw new InvalidInputException("JSON_SCHEMA: unsupported $schema: " + e.getMessage());
    }
    JsonSchema schema;
    try {
      schema = JsonSchemaFactory.getInstance(version).getSchema(node);
      schema.initializeValidators();
    } catch (RuntimeException e) {
      throw new InvalidInputException("JSON_SCHEMA: spec.params.schema is not a valid JSON schema: " + e.getMessage());
    }
    return s -> {
      JsonNode value;
      try {
        value = EvalJson.MAPPER.readTree(text(s, 0));
      } catch (Exception e) {
        value = null;
      }
      if (value == null || value.isMissingNode()) {
        return outcome(0, "output is not valid JSON", Map.of());
      }
      Set<ValidationMessage> errors = schema.validate(value);
      List<String> messages = errors.stream().limit(10).map(ValidationMessage::getMessage).toList();
      return outcome(errors.isEmpty() ? 1 : 0, errors.isEmpty() ? "valid against the schema"
          : errors.size() + " schema violation(s): " + String.join("; ", messages), Map.of("errors", messages));
    };
  }

  /** Remote {@code $ref}s would make the validator fetch URLs chosen by whoever wrote the spec. */
  private static void requireLocalRefs(JsonNode node) {
    if (node.isObject()) {
      for (var it = node.properties().iterator(); it.hasNext(); ) {
        var e = it.next();
        if ((e.getKey().equals("$ref") || e.getKey().equals("$dynamicRef")) && e.getValue().isTextual()
            && !e.getValue().asText().startsWith("#")) {
          throw new InvalidInputException("JSON_SCHEMA: only local $ref values (\"#/...\") are allowed, got '"
              + e.getValue().asText() + "'");
        }
        requireLocalRefs(e.getValue());
      }
    } else if (node.isArray()) {
      node.forEach(CodeEvaluator::requireLocalRefs);
    }
  }

  private Check toolCalled(CodeParams p) {
    String tool = p.string("tool", true);
    return s -> {
      Set<String> called = calledTools(s);
      boolean ok = called.contains(tool);
      return outcome(ok ? 1 : 0, ok ? "called " + tool : tool + " was not called" + (called.isEmpty() ? " (no tool calls)"
          : "; called " + String.join(", ", called)), Map.of("called", List.copyOf(called)));
    };
  }

  private Check toolArgsMatch(CodeParams p) {
    String tool = p.string("tool", true);
    Object expected = p.json("args");
    if (!(expected instanceof Map<?, ?>)) {
      throw p.bad("args", "a JSON object of expected arguments", expected);
    }
    return s -> {
      int calls = 0;
      for (ToolCall c : allCalls(s)) {
        if (!tool.equals(c.name())) {
          continue;
        }
        calls++;
        Object args = EvalJson.parseOrNull(c.argumentsJson());
        if (JsonCompare.contains(args, expected)) {
          return outcome(1, tool + " was called with the expected arguments", Map.of("calls", calls));
        }
      }
      return outcome(0, calls == 0 ? tool + " was not called"
          : "none of the " + calls + " call(s) of " + tool + " had the expected arguments", Map.of("calls", calls));
    };
  }

  /** The subject's tool calls plus its TOOL steps that no call stands for (a trajectory may hold only steps). */
  private static List<ToolCall> allCalls(Subject s) {
    List<ToolCall> out = new ArrayList<>(s.toolCalls());
    for (Step st : s.steps()) {
      if (st.toolName() != null) {
        out.add(new ToolCall(null, st.toolName(), st.toolArgumentsJson(), st.output(), st.error()));
      }
    }
    return out;
  }

  private static Set<String> calledTools(Subject s) {
    Set<String> out = new LinkedHashSet<>();
    for (ToolCall c : s.toolCalls()) {
      if (c.name() != null) {
        out.add(c.name());
      }
    }
    for (Step st : s.steps()) {
      if (st.toolName() != null) {
        out.add(st.toolName());
      }
    }
    return out;
  }

  // --- helpers ---------------------------------------------------------------------------------------------

  private String text(Subject s, int i) throws UnboundVariableException {
    return EvalJson.text(VariableBinder.value(s, vars.get(i), spec.mappings()));
  }

  /** A number from a numeric field, or the first number in a text; null (or an error when required) if none. */
  private Double number(Subject s, int i, boolean required) throws EvaluationException {
    Object v = VariableBinder.value(s, vars.get(i), spec.mappings());
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    String t = EvalJson.text(v).strip();
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      Matcher m = NUMBER.matcher(t);
      if (m.find()) {
        return Double.parseDouble(m.group());
      }
    }
    if (required) {
      throw new EvaluationException(spec.check() + ": variable '" + vars.get(i) + "' holds no number");
    }
    return null;
  }

  private static String normalise(String t, boolean trim, boolean caseSensitive) {
    String out = trim ? t.strip() : t;
    return caseSensitive ? out : out.toLowerCase(Locale.ROOT);
  }

  private EvalOutcome outcome(double score, String explanation, Map<String, Object> metadata) {
    Boolean passed = threshold == null ? null : score >= threshold;
    String label = passed == null ? null : passed ? "pass" : "fail";
    Map<String, Object> meta = metadata;
    if (threshold != null && !metadata.containsKey("threshold")) {
      meta = new LinkedHashMap<>(metadata);
      meta.put("threshold", threshold);
    }
    return new EvalOutcome(label, score, explanation, passed, meta);
  }
}
