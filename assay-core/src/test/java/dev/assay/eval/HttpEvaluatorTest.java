package dev.assay.eval;

import static dev.assay.eval.Scenario.*;
import static dev.assay.eval.StoredSpans.ALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.assay.outbound.OutboundPolicy;
import dev.assay.shared.InvalidInputException;
import dev.assay.testing.TestOutbound;
import dev.assay.shared.Times;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP evaluator against a real (JDK) HTTP server, on subjects built from ingested spans. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpEvaluatorTest {
  @TempDir static Path dir;
  private StoredSpans db;
  private HttpServer server;
  private String base;
  private final ConcurrentLinkedQueue<Map<String, Object>> requests = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> apiKeys = new ConcurrentLinkedQueue<>();

  @BeforeAll
  void start() throws IOException {
    db = new StoredSpans(dir);
    db.ingest(PROJECT, Scenario.spans(Times.micros(Instant.now())));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/verdict", ex -> {
      Map<String, Object> body = EvalJson.objectOrNull(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      requests.add(body);
      apiKeys.add(String.valueOf(ex.getRequestHeaders().getFirst("X-Api-Key")));
      Map<?, ?> subject = (Map<?, ?>) body.get("subject");
      boolean grounded = String.valueOf(subject.get("output")).contains("Restore to point in time");
      reply(ex, 200, "{\"label\":\"" + (grounded ? "grounded" : "ungrounded") + "\",\"score\":" + (grounded ? 1 : 0)
          + ",\"explanation\":\"checked\",\"passed\":" + grounded + ",\"metadata\":{\"checker\":\"v2\",\"n\":null}}");
    });
    server.createContext("/fail", ex -> reply(ex, 500, "boom: the grader's database is down"));
    server.createContext("/html", ex -> reply(ex, 200, "<html>hello</html>"));
    server.createContext("/nolabel", ex -> reply(ex, 200, "{\"explanation\":\"no verdict\"}"));
    server.createContext("/badscore", ex -> reply(ex, 200, "{\"score\":\"high\"}"));
    server.createContext("/slow", ex -> {
      try {
        Thread.sleep(3_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      reply(ex, 200, "{\"score\":1}");
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterAll
  void stop() {
    server.stop(0);
    db.close();
  }

  @Test
  void postsTheBoundVariablesAndSubject_andReadsTheVerdict() throws Exception {
    HttpSpec spec = new HttpSpec("grounded", SubjectKind.TRACE, Map.of("question", "input", "docs", "context"),
        base + "/verdict", Map.of("X-Api-Key", TestOutbound.SEALED.seal("k-123")), 5_000L);
    RunnableEvaluator http = Evaluators.prepare(spec, TestOutbound.environment());

    EvalOutcome o = http.evaluate(db.subjects.trace(ALL, PROJECT, RAG1));

    assertEquals("grounded", o.label());
    assertEquals(1.0, o.score());
    assertTrue(o.passed());
    assertEquals("checked", o.explanation());
    assertEquals(Map.of("checker", "v2"), o.metadata());
    Map<String, Object> sent = requests.peek();
    assertEquals("grounded", sent.get("evaluator"));
    assertEquals(Map.of("question", QUESTION, "docs", "[1] " + DOC1 + "\n\n[2] " + DOC2), sent.get("variables"));
    Map<?, ?> subject = (Map<?, ?>) sent.get("subject");
    assertEquals("TRACE", subject.get("target_kind"));
    assertEquals(RAG1, subject.get("target_id"));
    assertEquals(REFERENCE, subject.get("reference"));
    assertEquals(2, ((List<?>) subject.get("steps")).size());
    assertEquals("k-123", apiKeys.peek());

    EvalOutcome other = http.evaluate(db.subjects.trace(ALL, PROJECT, RAG2));
    assertEquals("ungrounded", other.label());
    assertFalse(other.passed());
  }

  @Test
  void aNon2xxAnswer_failsWithTheStatusAndTheBody() {
    EvaluationException e = assertThrows(EvaluationException.class, () -> run("/fail", 5_000));
    assertEquals("HTTP evaluator " + base + "/fail answered HTTP 500: boom: the grader's database is down", e.getMessage());
    assertEquals("boom: the grader's database is down", e.raw());
  }

  @Test
  void anAnswerThatIsNotAVerdict_failsQuotingIt() {
    assertTrue(assertThrows(EvaluationException.class, () -> run("/html", 5_000)).getMessage()
        .endsWith("did not answer with a JSON object: <html>hello</html>"));
    assertTrue(assertThrows(EvaluationException.class, () -> run("/nolabel", 5_000)).getMessage()
        .contains("the answer needs a label or a score"));
    assertTrue(assertThrows(EvaluationException.class, () -> run("/badscore", 5_000)).getMessage()
        .contains("score must be a number"));
  }

  @Test
  void aSlowEndpoint_timesOut() {
    long start = System.nanoTime();
    EvaluationException e = assertThrows(EvaluationException.class, () -> run("/slow", 300));
    assertTrue(e.getMessage().endsWith("did not answer within 300 ms"), e.getMessage());
    assertTrue(System.nanoTime() - start < 2_500_000_000L, "the timeout did not cut the call short");
  }

  @Test
  void anUnreachableEndpoint_fails_andAnUnboundMappingNamesTheVariable() {
    EvaluationException e = assertThrows(EvaluationException.class, () -> Evaluators.prepare(
        new HttpSpec("x", null, null, "http://127.0.0.1:1/none", null, 2_000L), TestOutbound.environment())
        .evaluate(db.subjects.span(ALL, PROJECT, RAG1_LLM)));
    assertTrue(e.getMessage().startsWith("HTTP evaluator http://127.0.0.1:1/none could not be reached"), e.getMessage());
    UnboundVariableException u = assertThrows(UnboundVariableException.class, () -> Evaluators.prepare(
        new HttpSpec("x", null, Map.of("ref", "reference"), base + "/verdict", null, 2_000L), TestOutbound.environment())
        .evaluate(db.subjects.span(ALL, PROJECT, RAG1_LLM)));
    assertEquals("ref", u.variable());
  }

  @Test
  void badUrlsAndTimeouts_areInvalidInput() {
    assertThrows(InvalidInputException.class, () -> Evaluators.validate(new HttpSpec("x", null, null, "ftp://h/x", null, null)));
    assertThrows(InvalidInputException.class, () -> Evaluators.validate(new HttpSpec("x", null, null, "not a url", null, null)));
    assertThrows(InvalidInputException.class, () -> Evaluators.validate(new HttpSpec("x", null, null, base, null, 0L)));
    assertThrows(InvalidInputException.class,
        () -> Evaluators.validate(new HttpSpec("x", null, Map.of("v", "nofield"), base, null, null)));
  }

  @Test
  void addressesTheServerMayNotReach_failTheEvaluationBeforeAnyRequest() {
    int before = requests.size();
    EvalEnvironment strict = new EvalEnvironment() {
      @Override
      public dev.assay.llm.ChatModel chatModel(ModelRef ref) {
        throw new UnsupportedOperationException();
      }

      @Override
      public dev.assay.llm.Embedder embedder(ModelRef ref) {
        throw new UnsupportedOperationException();
      }

      @Override
      public OutboundPolicy outbound() {
        return OutboundPolicy.of(List.of());
      }

      @Override
      public dev.assay.secrets.SealedValues sealedValues() {
        return TestOutbound.SEALED;
      }
    };
    for (String url : List.of(base + "/verdict", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.5/x")) {
      EvaluationException e = assertThrows(EvaluationException.class, () -> Evaluators.prepare(
          new HttpSpec("x", null, null, url, null, 2_000L), strict).evaluate(db.subjects.span(ALL, PROJECT, RAG1_LLM)));
      assertTrue(e.getMessage().contains("refused") && e.getMessage().contains("ASSAY_ALLOWED_HOSTS="), e.getMessage());
    }
    assertEquals(before, requests.size(), "nothing reached the local endpoint");
  }

  private EvalOutcome run(String path, long timeoutMs) throws EvaluationException {
    return Evaluators.prepare(new HttpSpec("x", null, null, base + path, null, timeoutMs), TestOutbound.environment())
        .evaluate(db.subjects.span(ALL, PROJECT, RAG1_LLM));
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (var out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
