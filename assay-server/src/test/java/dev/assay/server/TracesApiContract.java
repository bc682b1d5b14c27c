package dev.assay.server;

import static dev.assay.server.V2TestClient.expect;
import static dev.assay.server.V2TestClient.problem;
import static dev.assay.server.V2TestClient.q;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.server.v2.ApiIds;
import dev.assay.store.BatchingWriter;
import dev.assay.store.JdbcSpanSink;
import dev.assay.store.JdbcStore;
import dev.assay.store.WriterSettings;
import dev.assay.traces.Span;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v2/traces}, {@code GET}/{@code DELETE /v2/traces/{trace_id}}, {@code GET /v2/spans/{span_id}}
 * and {@code DELETE /v2/spans} over HTTP; one short subclass per database. Trace {@code TA} has a root and an
 * LLM child that failed; trace {@code TB}, a second later, is a single root span.
 */
abstract class TracesApiContract extends LiveServerContract {
  /** 2026-01-01T00:00:00Z in epoch microseconds. */
  private static final long T0 = 1_767_225_600_000_000L;
  private static final String TA = "0af7651916cd43dd8448eb211c80319c";
  private static final String TB = "1af7651916cd43dd8448eb211c80319c";
  private static final String WIDE = ", \"start_time\": \"2000-01-01T00:00:00Z\", \"end_time\": \"2100-01-01T00:00:00Z\"";

  private String projectId;
  private final String name = "traces-" + UUID.randomUUID();

  @BeforeEach
  void seedSpans() throws Exception {
    projectId = ApiIds.decode("Project", v2.createProject(name, null).get("id").asText());
    String big = "x".repeat(10_000);
    write(List.of(
        span(TA, "aa01", null, "agent", "CHAIN", T0, 2_000_000, "OK", "question " + big, "answer", null, null),
        span(TA, "aa02", "aa01", "llm", "LLM", T0 + 500_000, 1_000_000, "ERROR", null, null, 12L, 0.25),
        span(TB, "bb01", null, "second", "CHAIN", T0 + 1_000_000, 100_000, "OK", "q2", "a2", null, null)));
  }

  private Span span(String trace, String id, String parent, String spanName, String kind, long start, long micros,
      String status, String input, String output, Long tokens, Double cost) {
    return new Span(projectId, trace, id, parent, spanName, kind, start, start + micros, status, null, input, null, output,
        null, null, null, tokens == null ? null : tokens - 2, tokens == null ? null : 2L, tokens, cost, "sess-1", "user-1",
        "{\"llm.model_name\":\"gpt-4o\"}", "[]");
  }

  private void write(List<Span> spans) throws Exception {
    JdbcStore store = (JdbcStore) server.server.store();
    try (var writer = new BatchingWriter<>("spans", store.database().jdbi(), new JdbcSpanSink(store.dialect(), Clock.systemUTC()),
        WriterSettings.DEFAULTS, Clock.systemUTC())) {
      writer.submit(new ArrayList<>(spans)).get(20, SECONDS);
    }
  }

  private HttpTestClient.Reply list(String query, String body) {
    return server.client.post("/v2/traces" + query, body);
  }

  private String request(String extra) {
    return "{\"project_id\": \"" + ApiIds.encode("Project", projectId) + "\"" + WIDE + extra + "}";
  }

  private static List<String> traceIds(JsonNode reply) {
    return StreamSupport.stream(reply.get("traces").spliterator(), false).map(t -> t.get("trace_id").asText()).toList();
  }

  @Test
  void listTraces_answersAxsTraceShape_withRollUps_newestFirst() {
    JsonNode reply = expect(200, list("", request("")));
    assertEquals(List.of(TB, TA), traceIds(reply));
    assertFalse(reply.at("/pagination/has_more").asBoolean());

    JsonNode a = reply.get("traces").get(1);
    assertEquals("aa01", a.get("root_span_id").asText());
    assertEquals("2026-01-01T00:00:00Z", a.get("start_time").asText());
    assertEquals("2026-01-01T00:00:02Z", a.get("end_time").asText());
    assertFalse(a.get("spans_truncated").asBoolean());
    assertEquals("agent", a.get("name").asText());
    assertEquals(2, a.get("span_count").asInt());
    assertEquals(1, a.get("error_count").asInt());
    assertEquals("ERROR", a.get("status_code").asText());
    assertEquals(2000.0, a.get("latency_ms").asDouble());
    assertEquals(10, a.get("prompt_tokens").asInt());
    assertEquals(2, a.get("completion_tokens").asInt());
    assertEquals(12, a.get("total_tokens").asInt());
    assertEquals(0.25, a.get("cost_total").asDouble());
    assertEquals("sess-1", a.get("session_id").asText());
    assertTrue(a.get("input").asText().startsWith("question x"));
    assertEquals("answer", a.get("output").asText());
    assertTrue(a.get("evaluations").isArray());
    JsonNode spans = a.get("spans");
    assertEquals(List.of("aa01", "aa02"), StreamSupport.stream(spans.spliterator(), false)
        .map(s -> s.at("/context/span_id").asText()).toList(), "spans in start order");
    assertEquals(TA, spans.get(1).at("/context/trace_id").asText());
    assertEquals("aa01", spans.get(1).get("parent_id").asText());
    assertEquals("LLM", spans.get(1).get("kind").asText());
    assertEquals("gpt-4o", spans.get(1).at("/attributes/llm.model_name").asText());
    assertEquals("OK", reply.at("/traces/0/status_code").asText());
  }

  @Test
  void listTraces_filtersByAnySpan_pages_andLeavesSpansOutWhenAsked() {
    assertEquals(List.of(TA), traceIds(expect(200, list("", request(", \"filter\": \"span_kind = 'LLM'\"")))));
    assertEquals(List.of(TA), traceIds(expect(200, list("", "{\"project_id\": \"" + name + "\","
        + " \"start_time\": \"2026-01-01T00:00:00Z\", \"end_time\": \"2026-01-01T00:00:01Z\"}"))));
    assertEquals(List.of(), traceIds(expect(200, list("", "{\"project_id\": \"" + projectId + "\"}"))),
        "the default window is the last week");

    JsonNode first = expect(200, list("?limit=1", request("")));
    assertEquals(List.of(TB), traceIds(first));
    assertTrue(first.at("/pagination/has_more").asBoolean());
    JsonNode second = expect(200, list("?limit=1&cursor=" + q(first.at("/pagination/next_cursor").asText()), request("")));
    assertEquals(List.of(TA), traceIds(second));
    assertFalse(second.at("/pagination/has_more").asBoolean());

    JsonNode bare = expect(200, list("", request(", \"include_spans\": false")));
    assertEquals(0, bare.at("/traces/1/spans").size());
    assertEquals(2, bare.at("/traces/1/span_count").asInt());
  }

  @Test
  void listTraces_rejectsBadInput() {
    assertTrue(problem(list("", request(", \"filter\": \"span_kind = \"")), 400).get("detail").asText().contains("column"));
    assertTrue(problem(list("", request(", \"filter\": \" \"")), 400).get("detail").asText().contains("filter"));
    problem(list("?limit=0", request("")), 400);
    problem(list("?limit=51", request("")), 400);
    problem(list("?cursor=bad!", request("")), 400);
    problem(list("", "{}"), 400);
    problem(list("", "{\"project_id\": \"no-such-project\"}"), 404);
  }

  @Test
  void getTrace_returnsAllSpans_or404() {
    JsonNode trace = expect(200, server.client.get("/v2/traces/" + TA + "?project_id=" + q(name)));
    assertEquals(TA, trace.get("trace_id").asText());
    assertEquals(2, trace.get("spans").size());
    assertEquals(2, trace.get("span_count").asInt());
    problem(server.client.get("/v2/traces/ffff?project_id=" + q(name)), 404);
    problem(server.client.get("/v2/traces/" + TA + "?project_id=no-such-project"), 404);
    problem(server.client.get("/v2/traces/" + TA), 400);
  }

  @Test
  void getSpan_returnsTheWholeSpan_byIdAlone_orWithItsTrace() {
    JsonNode span = expect(200, server.client.get("/v2/spans/aa01?project_id=" + q(projectId)));
    assertEquals("agent", span.get("name").asText());
    assertEquals(TA, span.at("/context/trace_id").asText());
    assertFalse(span.has("parent_id"));
    assertEquals("llm", expect(200, server.client.get("/v2/spans/aa02?project_id=" + q(name) + "&trace_id=" + TA)).get("name").asText());
    problem(server.client.get("/v2/spans/aa02?project_id=" + q(name) + "&trace_id=" + TB), 404);
    problem(server.client.get("/v2/spans/zz99?project_id=" + q(name)), 404);
    problem(server.client.get("/v2/spans/aa01"), 400);
  }

  @Test
  void deleteSpans_answersAxsShape_andRecomputesTheTrace() {
    JsonNode reply = expect(200, server.client.delete("/v2/spans",
        "{\"project_id\": \"" + name + "\", \"span_ids\": [\"aa02\", \"nope\"]" + WIDE + "}"));
    assertTrue(reply.get("completed").asBoolean());
    assertEquals("[\"aa02\"]", reply.get("deleted_span_ids").toString());
    assertEquals("[\"nope\"]", reply.get("not_deleted_span_ids").toString());
    JsonNode trace = expect(200, server.client.get("/v2/traces/" + TA + "?project_id=" + q(name)));
    assertEquals(1, trace.get("span_count").asInt());
    assertEquals(0, trace.get("error_count").asInt());
    assertEquals("OK", trace.get("status_code").asText());
    assertEquals(0, trace.get("total_tokens").asInt());

    JsonNode outside = expect(200, server.client.delete("/v2/spans", "{\"project_id\": \"" + name + "\","
        + " \"span_ids\": [\"aa01\"], \"start_time\": \"2026-01-01T00:00:00.000001Z\"}"));
    assertEquals("[\"aa01\"]", outside.get("not_deleted_span_ids").toString(), "aa01 starts before the window");
  }

  @Test
  void deleteSpans_withoutTimes_reachesTwoYearsBack_andRemovesATraceLeftEmpty() throws Exception {
    long now = System.currentTimeMillis() * 1000;
    String tc = "2af7651916cd43dd8448eb211c80319c";
    write(List.of(span(tc, "cc01", null, "recent", "CHAIN", now - 3_600_000_000L, 1000, "OK", null, null, null, null),
        span(tc, "cc02", null, "ancient", "CHAIN", now - 800L * 86_400_000_000L, 1000, "OK", null, null, null, null)));
    JsonNode reply = expect(200, server.client.delete("/v2/spans",
        "{\"project_id\": \"" + name + "\", \"span_ids\": [\"cc01\", \"cc02\"]}"));
    assertEquals("[\"cc01\"]", reply.get("deleted_span_ids").toString());
    assertEquals("[\"cc02\"]", reply.get("not_deleted_span_ids").toString(), "older than two years");
    JsonNode left = expect(200, server.client.get("/v2/traces/" + tc + "?project_id=" + q(name)));
    assertEquals(1, left.get("span_count").asInt());
    assertEquals("cc02", left.get("root_span_id").asText());

    expect(200, server.client.delete("/v2/spans", "{\"project_id\": \"" + name + "\", \"span_ids\": [\"cc02\"]"
        + WIDE + "}"));
    problem(server.client.get("/v2/traces/" + tc + "?project_id=" + q(name)), 404);
  }

  @Test
  void deleteSpans_ofTheRoot_leavesATraceWhoseRootFieldsAreNull() {
    expect(200, server.client.delete("/v2/spans", "{\"project_id\": \"" + name + "\", \"span_ids\": [\"aa01\"]" + WIDE + "}"));
    JsonNode trace = expect(200, server.client.get("/v2/traces/" + TA + "?project_id=" + q(name)));
    assertTrue(trace.has("root_span_id") && trace.get("root_span_id").isNull(), trace.toString());
    assertTrue(trace.has("name") && trace.get("name").isNull(), trace.toString());
    assertFalse(trace.has("input"));
    assertEquals("2026-01-01T00:00:00.500Z", trace.get("start_time").asText(), "the earliest remaining span");
    assertEquals(1, trace.get("error_count").asInt());
  }

  @Test
  void deleteSpans_rejectsBadInput() {
    problem(server.client.delete("/v2/spans", "{\"project_id\": \"" + name + "\", \"span_ids\": []}"), 400);
    problem(server.client.delete("/v2/spans", "{\"project_id\": \"" + name + "\"}"), 400);
    List<String> many = new ArrayList<>();
    for (int i = 0; i <= 5000; i++) {
      many.add("\"" + Integer.toHexString(i) + "\"");
    }
    assertTrue(problem(server.client.delete("/v2/spans", "{\"project_id\": \"" + name + "\", \"span_ids\": [" + String.join(",", many)
        + "]}"), 400).get("detail").asText().contains("5000"));
    problem(server.client.delete("/v2/spans", "{\"project_id\": \"no-such-project\", \"span_ids\": [\"aa01\"]}"), 404);
  }

  @Test
  void deleteTrace_answers204_thenTheTraceIsGone() {
    assertEquals(204, server.client.delete("/v2/traces/" + TA + "?project_id=" + q(name)).status());
    problem(server.client.get("/v2/traces/" + TA + "?project_id=" + q(name)), 404);
    problem(server.client.get("/v2/spans/aa01?project_id=" + q(name)), 404);
    assertEquals(List.of(TB), traceIds(expect(200, list("", request("")))));
    problem(server.client.delete("/v2/traces/" + TA + "?project_id=" + q(name)), 404);
  }
}
