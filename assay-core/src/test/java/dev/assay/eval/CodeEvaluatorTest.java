package dev.assay.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.shared.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every code check on hand-made subjects, with scores computed by hand. */
class CodeEvaluatorTest {
  private static final String CAT = "the cat sat on the mat";
  private static final String CAT_REF = "The cat is on the mat.";

  @Test
  void matchesRegex_findsThePatternAnywhere() throws Exception {
    assertPass(run(CodeCheck.MATCHES_REGEX, Map.of("pattern", "\\d{3}-\\d{4}"), Subjects.io("q", "call 555-1234", null)));
    assertFail(run(CodeCheck.MATCHES_REGEX, Map.of("pattern", "^\\d+$"), Subjects.io("q", "12a", null)));
  }

  @Test
  void matchesRegex_aBacktrackingPatternIsStopped_notAWorkerHeldForever() {
    Subject evil = Subjects.io("q", "a".repeat(30) + "!", null);
    long start = System.nanoTime();
    EvaluationException e = assertThrows(EvaluationException.class,
        () -> run(CodeCheck.MATCHES_REGEX, Map.of("pattern", "(.*a){20}$"), evil));
    assertTrue(e.getMessage().contains("ran for more than 1000 ms"), e.getMessage());
    assertTrue(System.nanoTime() - start < 5_000_000_000L);
  }

  @Test
  void jsonParseable() throws Exception {
    assertPass(run(CodeCheck.JSON_PARSEABLE, Map.of(), Subjects.io("q", "{\"a\": [1, 2]}", null)));
    assertFail(run(CodeCheck.JSON_PARSEABLE, Map.of(), Subjects.io("q", "{\"a\": [1, 2}", null)));
  }

  @Test
  void keywords_anyAndAll_caseInsensitiveByDefault() throws Exception {
    Subject s = Subjects.io("q", "Refunds take 5 business DAYS.", null);
    assertPass(run(CodeCheck.CONTAINS_ANY_KEYWORD, Map.of("keywords", List.of("weeks", "days")), s));
    assertFail(run(CodeCheck.CONTAINS_ANY_KEYWORD, Map.of("keywords", "weeks, months"), s));
    assertFail(run(CodeCheck.CONTAINS_ANY_KEYWORD, Map.of("keywords", List.of("days"), "case_sensitive", true), s));
    EvalOutcome all = run(CodeCheck.CONTAINS_ALL_KEYWORDS, Map.of("keywords", List.of("refunds", "days", "cash")), s);
    assertFail(all);
    assertEquals(2.0 / 3, all.score(), 1e-9);
    assertEquals(List.of("refunds", "days"), all.metadata().get("found"));
    assertPass(run(CodeCheck.CONTAINS_ALL_KEYWORDS, Map.of("keywords", List.of("refunds", "days")), s));
  }

  @Test
  void exactMatch_trimsByDefault_andCaseIsAParameter() throws Exception {
    Subject s = Subjects.io("q", " Paris\n", "paris");
    assertFail(run(CodeCheck.EXACT_MATCH, Map.of(), s));
    assertPass(run(CodeCheck.EXACT_MATCH, Map.of("case_sensitive", false), s));
    assertFail(run(CodeCheck.EXACT_MATCH, Map.of("case_sensitive", false, "trim", false), s));
  }

  @Test
  void exactMatch_readsTheVariablesGiven_throughMappings() throws Exception {
    CodeSpec spec = new CodeSpec("m", null, Map.of("answer", "output.$.answer"), CodeCheck.EXACT_MATCH,
        List.of("answer", "reference"), Map.of(), null);
    assertPass(new CodeEvaluator(spec).evaluate(Subjects.rich()));
  }

  @Test
  void jsonSchema_validatesTheOutput_andListsViolations() throws Exception {
    Map<String, Object> schema = Map.of("type", "object", "required", List.of("answer"),
        "properties", Map.of("answer", Map.of("type", "string")));
    assertPass(run(CodeCheck.JSON_SCHEMA, Map.of("schema", schema), Subjects.rich()));
    EvalOutcome bad = run(CodeCheck.JSON_SCHEMA, Map.of("schema", EvalJson.write(schema)),
        Subjects.io("q", "{\"answer\": 42}", null));
    assertFail(bad);
    assertTrue(bad.explanation().contains("1 schema violation"), bad.explanation());
    assertFail(run(CodeCheck.JSON_SCHEMA, Map.of("schema", schema), Subjects.io("q", "not json", null)));
  }

  @Test
  void jsonDistance_countsDifferingLeafPaths() throws Exception {
    EvalOutcome o = run(CodeCheck.JSON_DISTANCE, Map.of(), Subjects.io("q",
        "{\"a\":1,\"b\":{\"c\":2,\"d\":[1,2]}}", "{\"a\":1.0,\"b\":{\"c\":3,\"d\":[1,2]},\"e\":true}"));
    assertEquals(0.6, o.score(), 1e-9);
    assertNull(o.passed());
    assertNull(o.label());
    assertEquals(List.of("$.b.c", "$.e"), o.metadata().get("differing_paths"));
    EvalOutcome withThreshold = new CodeEvaluator(new CodeSpec("d", null, null, CodeCheck.JSON_DISTANCE, null, null, 0.5))
        .evaluate(Subjects.io("q", "{\"a\":1,\"b\":2}", "{\"a\":1,\"b\":3}"));
    assertPass(withThreshold);
  }

  @Test
  void levenshtein_isNormalisedSimilarity() throws Exception {
    EvalOutcome o = run(CodeCheck.LEVENSHTEIN, Map.of(), Subjects.io("q", "kitten", "sitting"));
    assertEquals(1 - 3.0 / 7, o.score(), 1e-9);
    assertEquals(1.0, run(CodeCheck.LEVENSHTEIN, Map.of(), Subjects.io("q", "", "")).score());
  }

  @Test
  void numericTolerance_absoluteOrRelative_readingTheFirstNumberOfAText() throws Exception {
    Subject s = Subjects.io("q", "The total is 41.5 EUR", "42");
    assertPass(run(CodeCheck.NUMERIC_TOLERANCE, Map.of("tolerance", 0.5), s));
    assertFail(run(CodeCheck.NUMERIC_TOLERANCE, Map.of("tolerance", 0.01, "relative", true), s));
    assertFail(run(CodeCheck.NUMERIC_TOLERANCE, Map.of(), s));
    assertFail(run(CodeCheck.NUMERIC_TOLERANCE, Map.of("tolerance", 1), Subjects.io("q", "no idea", "42")));
  }

  @Test
  void bleu_isSmoothedSentenceBleu4() throws Exception {
    EvalOutcome o = run(CodeCheck.BLEU, Map.of(), Subjects.io("q", CAT, CAT_REF));
    // p1 = 5/6, p2 = (3+1)/(5+1), p3 = (1+1)/(4+1), p4 = (0+1)/(3+1), same length: no brevity penalty.
    assertEquals(Math.pow(5.0 / 6 * 4.0 / 6 * 2.0 / 5 * 1.0 / 4, 0.25), o.score(), 1e-9);
    assertEquals(1.0, run(CodeCheck.BLEU, Map.of(), Subjects.io("q", CAT_REF, CAT_REF)).score(), 1e-12);
    assertEquals(0.0, run(CodeCheck.BLEU, Map.of(), Subjects.io("q", "dog", CAT_REF)).score());
    // Shorter than the reference: brevity penalty exp(1 - 6/3).
    double shortOne = run(CodeCheck.BLEU, Map.of(), Subjects.io("q", "the cat is", CAT_REF)).score();
    assertEquals(Math.exp(1 - 2.0), shortOne, 1e-9);
  }

  @Test
  void rouge_LByDefault_and1and2ByParameter() throws Exception {
    Subject s = Subjects.io("q", CAT, CAT_REF);
    assertEquals(5.0 / 6, run(CodeCheck.ROUGE, Map.of(), s).score(), 1e-9);
    assertEquals(5.0 / 6, run(CodeCheck.ROUGE, Map.of("variant", "rouge1"), s).score(), 1e-9);
    assertEquals(3.0 / 5, run(CodeCheck.ROUGE, Map.of("variant", "rouge2"), s).score(), 1e-9);
    // LCS of "a b c d" and "a c b d" is 3 (a b d / a c d); unigram overlap is 4.
    Subject swapped = Subjects.io("q", "a b c d", "a c b d");
    assertEquals(0.75, run(CodeCheck.ROUGE, Map.of("variant", "rougeL"), swapped).score(), 1e-9);
    assertEquals(1.0, run(CodeCheck.ROUGE, Map.of("variant", "rouge1"), swapped).score(), 1e-9);
  }

  @Test
  void thresholdChecks_passAtOrBelowMax() throws Exception {
    Subject s = Subjects.io("q", "a", null); // 250 ms, 120 tokens, $0.002
    assertPass(run(CodeCheck.LATENCY_THRESHOLD, Map.of("max", 300), s));
    assertFail(run(CodeCheck.LATENCY_THRESHOLD, Map.of("max", 200), s));
    assertPass(run(CodeCheck.TOKEN_THRESHOLD, Map.of("max", 120), s));
    EvalOutcome cost = run(CodeCheck.COST_THRESHOLD, Map.of("max", "0.001"), s);
    assertFail(cost);
    assertEquals(0.002, cost.metadata().get("value"));
    assertThrows(UnboundVariableException.class, () -> run(CodeCheck.COST_THRESHOLD, Map.of("max", 1), Subjects.rich()));
  }

  @Test
  void toolCalled_looksAtCallsAndTrajectorySteps() throws Exception {
    assertPass(run(CodeCheck.TOOL_CALLED, Map.of("tool", "search"), Subjects.rich()));
    EvalOutcome missing = run(CodeCheck.TOOL_CALLED, Map.of("tool", "lookup"), Subjects.rich());
    assertFail(missing);
    assertEquals("lookup was not called; called search", missing.explanation());
    Subject steps = Subjects.trajectory(List.of(Subjects.toolStep("lookup_order", "{\"order_id\":\"A-1\"}", "{}", null)),
        List.of());
    assertPass(run(CodeCheck.TOOL_CALLED, Map.of("tool", "lookup_order"), steps));
  }

  @Test
  void toolArgsMatch_expectsASubsetOfSomeCallsArguments() throws Exception {
    Subject steps = Subjects.trajectory(List.of(
        Subjects.toolStep("track", "{\"carrier\":\"DHL\",\"n\":1}", null, "timeout"),
        Subjects.toolStep("track", "{\"carrier\":\"UPS\",\"n\":2.0,\"opts\":{\"fast\":true}}", "{}", null)), List.of());
    assertPass(run(CodeCheck.TOOL_ARGS_MATCH, Map.of("tool", "track", "args", Map.of("carrier", "UPS", "n", 2)), steps));
    assertPass(run(CodeCheck.TOOL_ARGS_MATCH, Map.of("tool", "track", "args", "{\"opts\":{\"fast\":true}}"), steps));
    EvalOutcome no = run(CodeCheck.TOOL_ARGS_MATCH, Map.of("tool", "track", "args", Map.of("carrier", "FedEx")), steps);
    assertFail(no);
    assertEquals("none of the 2 call(s) of track had the expected arguments", no.explanation());
    assertFail(run(CodeCheck.TOOL_ARGS_MATCH, Map.of("tool", "other", "args", Map.of()), steps));
  }

  @Test
  void badSpecs_areInvalidInput_namingTheParameter() {
    assertInvalid(CodeCheck.MATCHES_REGEX, Map.of(), "MATCHES_REGEX needs spec.params.pattern");
    assertInvalid(CodeCheck.MATCHES_REGEX, Map.of("pattern", "(a"), "not a valid regex");
    assertInvalid(CodeCheck.CONTAINS_ANY_KEYWORD, Map.of("keywords", List.of()), "spec.params.keywords");
    assertInvalid(CodeCheck.JSON_SCHEMA, Map.of("schema", Map.of("$ref", "http://evil.example/s.json")),
        "only local $ref");
    assertInvalid(CodeCheck.JSON_SCHEMA, Map.of("schema", "{not json"), "spec.params.schema must be JSON");
    assertInvalid(CodeCheck.ROUGE, Map.of("variant", "rouge9"), "rougeL, rouge1 or rouge2");
    assertInvalid(CodeCheck.LATENCY_THRESHOLD, Map.of(), "spec.params.max");
    assertInvalid(CodeCheck.TOOL_ARGS_MATCH, Map.of("tool", "t", "args", List.of(1)), "a JSON object");
    assertInvalid(CodeCheck.NUMERIC_TOLERANCE, Map.of("tolerance", -1), "zero or more");
    InvalidInputException vars = assertThrows(InvalidInputException.class, () -> Evaluators.validate(
        new CodeSpec("x", null, null, CodeCheck.JSON_PARSEABLE, List.of("output", "input"), null, null)));
    assertTrue(vars.getMessage().contains("reads 1 variable(s) [output], got 2"), vars.getMessage());
    InvalidInputException threshold = assertThrows(InvalidInputException.class, () -> Evaluators.validate(
        new CodeSpec("x", null, null, CodeCheck.BLEU, null, null, 2.0)));
    assertTrue(threshold.getMessage().contains("between 0 and 1"), threshold.getMessage());
  }

  @Test
  void aMissingReference_isAnUnboundVariable() {
    UnboundVariableException e = assertThrows(UnboundVariableException.class,
        () -> run(CodeCheck.EXACT_MATCH, Map.of(), Subjects.io("q", "a", null)));
    assertEquals("reference", e.variable());
  }

  static EvalOutcome run(CodeCheck check, Map<String, Object> params, Subject s) throws EvaluationException {
    CodeSpec spec = new CodeSpec("c", null, null, check, null, params, null);
    return Evaluators.prepare(spec, null).evaluate(s);
  }

  private static void assertPass(EvalOutcome o) {
    assertEquals("pass", o.label(), o.explanation());
    assertTrue(o.passed(), o.explanation());
    assertTrue(o.score() >= 0 && o.score() <= 1);
  }

  private static void assertFail(EvalOutcome o) {
    assertEquals("fail", o.label(), o.explanation());
    assertFalse(o.passed(), o.explanation());
  }

  private static void assertInvalid(CodeCheck check, Map<String, Object> params, String expected) {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Evaluators.validate(new CodeSpec("c", null, null, check, null, params, null)));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
