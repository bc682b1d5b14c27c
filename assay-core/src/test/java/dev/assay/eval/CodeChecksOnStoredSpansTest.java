package dev.assay.eval;

import static dev.assay.eval.Scenario.*;
import static dev.assay.eval.StoredSpans.ALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.shared.Times;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Code checks on subjects built from spans ingested into DuckDB: what a user's first evaluators would run. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CodeChecksOnStoredSpansTest {
  @TempDir static Path dir;
  private StoredSpans db;

  @BeforeAll
  void ingest() {
    db = new StoredSpans(dir);
    db.ingest(PROJECT, Scenario.spans(Times.micros(Instant.now())));
  }

  @AfterAll
  void close() {
    db.close();
  }

  @Test
  void agentTrajectory_toolChecks() throws Exception {
    Subject run = db.subjects.trajectory(ALL, PROJECT, AGENT);

    assertTrue(check(CodeCheck.TOOL_CALLED, null, Map.of("tool", "track_shipment"), run).passed());
    assertFalse(check(CodeCheck.TOOL_CALLED, null, Map.of("tool", "refund_order"), run).passed());
    assertTrue(check(CodeCheck.TOOL_ARGS_MATCH, null, Map.of("tool", "lookup_order", "args", Map.of("order_id", "A-1001")),
        run).passed());
    assertFalse(check(CodeCheck.TOOL_ARGS_MATCH, null, Map.of("tool", "lookup_order", "args", "{\"order_id\":\"A-9\"}"),
        run).passed());
    assertFalse(check(CodeCheck.TOKEN_THRESHOLD, null, Map.of("max", 400), run).passed()); // 480 tokens in all
    assertTrue(check(CodeCheck.LATENCY_THRESHOLD, null, Map.of("max", 15_000), run).passed());
  }

  @Test
  void ragTrace_textAndReferenceChecks() throws Exception {
    Subject rag = db.subjects.trace(ALL, PROJECT, RAG1);

    EvalOutcome rouge = check(CodeCheck.ROUGE, null, Map.of(), rag);
    assertTrue(rouge.score() > 0.6 && rouge.score() < 1, rouge.toString());
    assertTrue(check(CodeCheck.CONTAINS_ALL_KEYWORDS, List.of("context"), Map.of("keywords", List.of("backups", "retention")),
        rag).passed());
    assertFalse(check(CodeCheck.EXACT_MATCH, null, Map.of(), rag).passed());
    assertTrue(check(CodeCheck.MATCHES_REGEX, List.of("model"), Map.of("pattern", "^gpt-4o"),
        db.subjects.span(ALL, PROJECT, RAG1_LLM), Map.of("model", "attributes.llm.model_name")).passed());
  }

  @Test
  void toolSpan_outputSchemaAndLatency() throws Exception {
    Subject tool = db.subjects.span(ALL, PROJECT, AGENT_TOOL1);
    Map<String, Object> schema = Map.of("type", "object", "required", List.of("order_id", "carrier"));

    assertTrue(check(CodeCheck.JSON_SCHEMA, List.of("tool_result"), Map.of("schema", schema), tool).passed());
    assertTrue(check(CodeCheck.JSON_PARSEABLE, List.of("input"), Map.of(), tool).passed());
    EvalOutcome slow = check(CodeCheck.LATENCY_THRESHOLD, null, Map.of("max", 5_000), db.subjects.span(ALL, PROJECT, AGENT_TOOL2));
    assertFalse(slow.passed());
    assertEquals(10_000.0, slow.metadata().get("value"));
  }

  private static EvalOutcome check(CodeCheck check, List<String> variables, Map<String, Object> params, Subject s)
      throws EvaluationException {
    return check(check, variables, params, s, Map.of());
  }

  private static EvalOutcome check(CodeCheck check, List<String> variables, Map<String, Object> params, Subject s,
      Map<String, String> mappings) throws EvaluationException {
    return Evaluators.prepare(new CodeSpec("c", s.kind(), mappings, check, variables, params, null), null).evaluate(s);
  }
}
