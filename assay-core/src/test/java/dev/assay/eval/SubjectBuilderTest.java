package dev.assay.eval;

import static dev.assay.eval.Scenario.*;
import static dev.assay.eval.StoredSpans.ALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Times;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Subjects built from spans that went through OTLP ingest into a real DuckDB store. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubjectBuilderTest {
  @TempDir static Path dir;
  private StoredSpans db;
  private SubjectBuilder subjects;

  @BeforeAll
  void ingest() {
    db = new StoredSpans(dir);
    db.ingest(PROJECT, Scenario.spans(Times.micros(Instant.now())));
    subjects = db.subjects;
  }

  @AfterAll
  void close() {
    db.close();
  }

  @Test
  void llmSpan_hasMessagesTokensCostAndItsAttributes() {
    Subject s = subjects.span(ALL, PROJECT, RAG1_LLM);

    assertEquals(SubjectKind.SPAN, s.kind());
    assertEquals(dev.assay.eval.Evaluation.TargetKind.SPAN, s.targetKind());
    assertEquals(RAG1_LLM, s.targetId());
    assertEquals(RAG1, s.traceId());
    assertEquals("LLM", s.spanKind());
    assertEquals(List.of("system", "user", "assistant"), s.messages().stream().map(Subject.Message::role).toList());
    assertEquals(QUESTION, s.messages().get(1).content());
    assertEquals(ANSWER, s.output());
    assertTrue(s.input().startsWith("{\"messages\""), s.input());
    assertEquals(120L, s.promptTokens());
    assertEquals(150L, s.totalTokens());
    assertEquals(0.0004, s.cost(), 1e-12);
    assertEquals("gpt-4o-mini", s.attributes().get("llm.model_name"));
    assertEquals(1799.0, s.latencyMs(), 0.001);
    assertFalse(s.fromEvaluator());
  }

  @Test
  void retrieverSpan_hasItsDocumentsInRankOrder() {
    Subject s = subjects.span(ALL, PROJECT, RAG1_RETRIEVER);

    assertEquals(List.of("kb-12", "kb-3"), s.context().stream().map(Subject.Document::id).toList());
    assertEquals(DOC1, s.context().getFirst().content());
    assertEquals(0.91, s.context().getFirst().score());
    assertEquals("Restore", s.context().getFirst().metadata().get("title"));
  }

  @Test
  void toolCallingLlmSpan_hasTheToolsOfferedAndTheCallMade() {
    Subject s = subjects.span(ALL, PROJECT, AGENT_LLM1);

    assertEquals(List.of("lookup_order", "track_shipment"), s.tools().stream().map(Subject.ToolDefinition::name).toList());
    assertEquals("Find an order by its id.", s.tools().getFirst().description());
    assertTrue(s.tools().getFirst().parametersJson().contains("\"order_id\""), s.tools().getFirst().parametersJson());
    assertEquals(1, s.toolCalls().size());
    assertEquals("lookup_order", s.toolCalls().getFirst().name());
    assertEquals(LOOKUP_ARGS, s.toolCalls().getFirst().argumentsJson());
    assertEquals("call_1", s.toolCalls().getFirst().id());
  }

  @Test
  void failedToolSpan_isACallWithItsError() {
    Subject s = subjects.span(ALL, PROJECT, AGENT_TOOL2);

    assertEquals("ERROR", s.statusCode());
    ToolCallAssert.call(s.toolCalls().getFirst(), "track_shipment", TRACK_ARGS, null,
        "Carrier API DHL did not answer within 10 s");
  }

  @Test
  void judgeSpan_isMarkedAsFromAnEvaluator() {
    assertTrue(subjects.span(ALL, PROJECT, JUDGE_SPAN).fromEvaluator());
  }

  @Test
  void trace_isTheRootsInputAndOutput_withReferenceDocumentsStepsAndUsage() {
    Subject s = subjects.trace(ALL, PROJECT, RAG1);

    assertEquals(SubjectKind.TRACE, s.kind());
    assertEquals(dev.assay.eval.Evaluation.TargetKind.TRACE, s.targetKind());
    assertEquals(RAG1, s.targetId());
    assertEquals(QUESTION, s.input());
    assertEquals(ANSWER, s.output());
    assertEquals(REFERENCE, s.reference());
    assertEquals("harbor-help", s.metadata().get("app"));
    assertEquals(2, s.context().size());
    assertEquals(List.of("RETRIEVER", "LLM"), s.steps().stream().map(Subject.Step::spanKind).toList());
    assertEquals(3, s.messages().size());
    assertEquals(150L, s.totalTokens());
    assertEquals(0.0004, s.cost(), 1e-12);
    assertEquals("CHAIN", s.spanKind());
    assertEquals(2000.0, s.latencyMs(), 0.001);
  }

  @Test
  void trajectory_ordersTheAgentsSteps_andPairsEachToolCallWithItsResult() {
    Subject s = subjects.trajectory(ALL, PROJECT, AGENT);

    assertEquals(SubjectKind.TRAJECTORY, s.kind());
    assertEquals(List.of("LLM", "TOOL", "LLM", "TOOL", "LLM"), s.steps().stream().map(Subject.Step::spanKind).toList());
    assertEquals("lookup_order", s.steps().get(1).toolName());
    assertEquals(LOOKUP_ARGS, s.steps().get(1).toolArgumentsJson());
    assertEquals("Carrier API DHL did not answer within 10 s", s.steps().get(3).error());
    assertEquals(2, s.toolCalls().size());
    ToolCallAssert.call(s.toolCalls().get(0), "lookup_order", LOOKUP_ARGS, ORDER_JSON, null);
    ToolCallAssert.call(s.toolCalls().get(1), "track_shipment", TRACK_ARGS, null,
        "Carrier API DHL did not answer within 10 s");
    assertEquals(List.of("lookup_order", "track_shipment"), s.tools().stream().map(Subject.ToolDefinition::name).toList());
    assertEquals(480L, s.totalTokens());
    assertEquals(ORDER_REQUEST, s.input());
    assertEquals(AGENT_REPLY, s.output());
    assertEquals("support-agent", s.attributes().get("agent.name"));
  }

  @Test
  void session_isItsTracesAsTurnsInTimeOrder() {
    Subject s = subjects.session(ALL, PROJECT, SESSION);

    assertEquals(SubjectKind.SESSION, s.kind());
    assertEquals(dev.assay.eval.Evaluation.TargetKind.SESSION, s.targetKind());
    assertEquals(SESSION, s.targetId());
    assertNull(s.traceId());
    assertEquals(List.of(RAG1, RAG2), s.conversation().stream().map(Subject.Turn::traceId).toList());
    assertEquals(QUESTION, s.input());
    assertEquals(FOLLOW_UP_ANSWER, s.output());
    assertEquals(FOLLOW_UP, s.conversation().get(1).input());
    assertEquals(300L, s.totalTokens());
  }

  @Test
  void sample_returnsTheNewestSubjectsOfEachKind_matchingTheFilter() {
    List<Subject> spans = subjects.sample(ALL, PROJECT, SubjectKind.SPAN, null, null, null, 3);
    assertEquals(List.of(JUDGE_SPAN), spans.stream().limit(1).map(Subject::targetId).toList());
    assertEquals(3, spans.size());

    List<Subject> errors = subjects.sample(ALL, PROJECT, SubjectKind.SPAN, "status_code = 'ERROR'", null, null, 10);
    assertEquals(List.of(AGENT_TOOL2), errors.stream().map(Subject::targetId).toList());

    List<Subject> traces = subjects.sample(ALL, PROJECT, SubjectKind.TRAJECTORY, null, null, null, 10);
    assertEquals(List.of(JUDGE, AGENT, RAG2, RAG1), traces.stream().map(Subject::targetId).toList());
    assertEquals(5, traces.get(1).steps().size());

    List<Subject> sessions = subjects.sample(ALL, PROJECT, SubjectKind.SESSION, null, null, null, 10);
    assertEquals(List.of(SESSION), sessions.stream().map(Subject::targetId).toList());
    assertEquals(2, sessions.getFirst().conversation().size());
  }

  @Test
  void sample_ofExamples_orNone_isInvalidInput_andAMissingSpanIsNotFound() {
    assertThrows(InvalidInputException.class, () -> subjects.sample(ALL, PROJECT, SubjectKind.EXAMPLE, null, null, null, 5));
    assertThrows(InvalidInputException.class, () -> subjects.sample(ALL, PROJECT, SubjectKind.SPAN, null, null, null, 0));
    assertThrows(NotFoundException.class, () -> subjects.span(ALL, PROJECT, "ffffffffffffffff"));
    assertThrows(NotFoundException.class, () -> subjects.trace(ALL, PROJECT, "ffffffffffffffffffffffffffffffff"));
  }

  @Test
  void example_carriesInputExpectedMetadataAndTheTaskOutput() {
    Subject s = SubjectBuilder.ofExample("p1", "ex-1", "{\"question\":\"2+2\"}", "4", java.util.Map.of("level", 1), "4.0");

    assertEquals(dev.assay.eval.Evaluation.TargetKind.DATASET_EXAMPLE, s.targetKind());
    assertEquals("4", s.reference());
    assertEquals("4.0", s.output());
    assertEquals(1, s.metadata().get("level"));
    assertFalse(s.fromEvaluator());
  }

  /** Asserts one tool call's fields. */
  static final class ToolCallAssert {
    static void call(Subject.ToolCall c, String name, String args, String result, String error) {
      assertEquals(name, c.name());
      assertEquals(args, c.argumentsJson());
      assertEquals(result, c.result());
      assertEquals(error, c.error());
    }
  }
}
