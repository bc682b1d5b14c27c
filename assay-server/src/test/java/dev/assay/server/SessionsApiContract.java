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
 * {@code POST /v2/sessions}, {@code GET}/{@code DELETE /v2/sessions/{session_id}} over HTTP; one short subclass
 * per database. Session {@code chat-1} has two turns (traces), the second with a failing tool span; session
 * {@code chat-2}, later, has one.
 */
abstract class SessionsApiContract extends LiveServerContract {
  private static final long T0 = 1_767_225_600_000_000L;
  private static final String WIDE = ", \"start_time\": \"2000-01-01T00:00:00Z\", \"end_time\": \"2100-01-01T00:00:00Z\"";

  private String projectId;
  private final String name = "sessions-" + UUID.randomUUID();

  @BeforeEach
  void seedSpans() throws Exception {
    projectId = ApiIds.decode("Project", v2.createProject(name, null).get("id").asText());
    write(List.of(
        span("a1", "s1", null, "chat-1", T0, "OK", "hello", "hi there", 10L),
        span("a2", "s2", null, "chat-1", T0 + 60_000_000, "OK", "book a flight", "done", 20L),
        span("a2", "s3", "s2", "chat-1", T0 + 61_000_000, "ERROR", null, null, null),
        span("b1", "s4", null, "chat-2", T0 + 120_000_000, "OK", "bye", "goodbye", 5L)));
  }

  private Span span(String trace, String id, String parent, String session, long start, String status, String input,
      String output, Long tokens) {
    String kind = parent == null ? "AGENT" : "TOOL";
    return new Span(projectId, trace, id, parent, "turn", kind, start, start + 1_000_000, status, null, input, null, output,
        null, null, null, null, null, tokens, tokens == null ? null : 0.01, session, "alice", "{}", "[]");
  }

  private void write(List<Span> spans) throws Exception {
    JdbcStore store = (JdbcStore) server.server.store();
    try (var writer = new BatchingWriter<>("spans", store.database().jdbi(), new JdbcSpanSink(store.dialect(), Clock.systemUTC()),
        WriterSettings.DEFAULTS, Clock.systemUTC())) {
      writer.submit(new ArrayList<>(spans)).get(20, SECONDS);
    }
  }

  private HttpTestClient.Reply list(String query, String extra) {
    return server.client.post("/v2/sessions" + query, "{\"project_id\": \"" + name + "\"" + WIDE + extra + "}");
  }

  private static List<String> sessionIds(JsonNode reply) {
    return StreamSupport.stream(reply.get("sessions").spliterator(), false).map(t -> t.get("session_id").asText()).toList();
  }

  @Test
  void listSessions_newestFirst_withRollUps() {
    JsonNode reply = expect(200, list("", ""));
    assertEquals(List.of("chat-2", "chat-1"), sessionIds(reply));
    JsonNode chat = reply.get("sessions").get(1);
    assertEquals("alice", chat.get("user_id").asText());
    assertEquals("2026-01-01T00:00:00Z", chat.get("start_time").asText());
    assertEquals("2026-01-01T00:01:02Z", chat.get("end_time").asText());
    assertEquals("hello", chat.get("first_input").asText());
    assertEquals("done", chat.get("last_output").asText());
    assertEquals(2, chat.get("trace_count").asInt());
    assertEquals(3, chat.get("span_count").asInt());
    assertEquals(1, chat.get("error_count").asInt());
    assertEquals(30, chat.get("total_tokens").asInt());
    assertEquals(0.02, chat.get("cost_total").asDouble(), 1e-9);
    assertTrue(chat.get("evaluations").isArray());
    assertFalse(reply.at("/pagination/has_more").asBoolean());
  }

  @Test
  void listSessions_filtersByAnySpan_andPages() {
    assertEquals(List.of("chat-1"), sessionIds(expect(200, list("", ", \"filter\": \"span_kind = 'TOOL'\""))));
    JsonNode first = expect(200, list("?limit=1", ""));
    assertEquals(List.of("chat-2"), sessionIds(first));
    JsonNode second = expect(200, list("?limit=1&cursor=" + q(first.at("/pagination/next_cursor").asText()), ""));
    assertEquals(List.of("chat-1"), sessionIds(second));
    assertEquals(List.of(), sessionIds(expect(200, server.client.post("/v2/sessions", "{\"project_id\": \"" + projectId + "\"}"))),
        "the default window is the last week");
  }

  @Test
  void listSessions_rejectsBadInput() {
    assertTrue(problem(list("", ", \"filter\": \"name ==\""), 400).get("detail").asText().contains("column"));
    problem(list("", ", \"filter\": \"\""), 400);
    problem(list("?limit=101", ""), 400);
    problem(list("?cursor=bad!", ""), 400);
    problem(server.client.post("/v2/sessions", "{\"project_id\": \"no-such-project\"}"), 404);
  }

  @Test
  void getSession_listsItsTurnsOldestFirst_withoutSpans() {
    JsonNode session = expect(200, server.client.get("/v2/sessions/chat-1?project_id=" + q(name)));
    assertEquals("chat-1", session.get("session_id").asText());
    assertEquals(2, session.get("trace_count").asInt());
    JsonNode traces = session.get("traces");
    assertEquals(List.of("a1", "a2"), StreamSupport.stream(traces.spliterator(), false).map(t -> t.get("trace_id").asText()).toList());
    assertEquals("hello", traces.get(0).get("input").asText());
    assertEquals("hi there", traces.get(0).get("output").asText());
    assertEquals("ERROR", traces.get(1).get("status_code").asText());
    assertEquals(0, traces.get(1).get("spans").size());
    problem(server.client.get("/v2/sessions/nope?project_id=" + q(name)), 404);
    problem(server.client.get("/v2/sessions/chat-1"), 400);
  }

  @Test
  void deleteSession_removesItsTraces() {
    assertEquals(204, server.client.delete("/v2/sessions/chat-1?project_id=" + q(name)).status());
    problem(server.client.get("/v2/sessions/chat-1?project_id=" + q(name)), 404);
    problem(server.client.get("/v2/traces/a1?project_id=" + q(name)), 404);
    problem(server.client.get("/v2/traces/a2?project_id=" + q(name)), 404);
    assertEquals(List.of("chat-2"), sessionIds(expect(200, list("", ""))));
    problem(server.client.delete("/v2/sessions/chat-1?project_id=" + q(name)), 404);
  }
}
