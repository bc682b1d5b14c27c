package dev.assay.server;

import static dev.assay.server.V2TestClient.BEARER;
import static dev.assay.server.V2TestClient.expect;
import static dev.assay.server.V2TestClient.problem;
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
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v2/spans} (AX {@code list_spans}) over HTTP; one short subclass per database. */
abstract class SpansApiContract extends LiveServerContract {
  /** 2026-01-01T00:00:00Z in epoch microseconds. */
  private static final long T0 = 1_767_225_600_000_000L;
  private static final String WIDE = ", \"start_time\": \"2000-01-01T00:00:00Z\", \"end_time\": \"2100-01-01T00:00:00Z\"";

  private String projectId;
  private final String name = "spans-" + UUID.randomUUID();

  @BeforeEach
  void seedSpans() throws Exception {
    JsonNode project = v2.createProject(name, null);
    projectId = ApiIds.decode("Project", project.get("id").asText());
    write(List.of(
        span("aa01", null, "root", "CHAIN", T0, "OK", null),
        span("aa02", "aa01", "llm", "LLM", T0 + 1_000_000, "ERROR", "rate limited"),
        span("aa03", "aa01", "custom", "WORKFLOW", T0 + 2_000_000, "UNSET", null)));
  }

  private Span span(String id, String parent, String spanName, String kind, long start, String status, String message) {
    return new Span(projectId, "0af7651916cd43dd8448eb211c80319c", id, parent, spanName, kind, start, start + 250_000, status,
        message, null, null, null, null, null, null, null, null, null, null, null, null,
        "{\"llm.model_name\":\"gpt-4o\",\"metadata.n\":3}",
        "[{\"name\":\"exception\",\"timestamp\":" + (start + 1) + ",\"attributes\":{\"exception.type\":\"E\"}}]");
  }

  private void write(List<Span> spans) throws Exception {
    JdbcStore store = (JdbcStore) server.server.store();
    try (var writer = new BatchingWriter<>("spans", store.database().jdbi(), new JdbcSpanSink(store.dialect(), Clock.systemUTC()),
        WriterSettings.DEFAULTS, Clock.systemUTC())) {
      writer.submit(new ArrayList<>(spans)).get(20, SECONDS);
    }
  }

  private HttpTestClient.Reply list(String query, String body) {
    return server.client.post("/v2/spans" + query, "application/json", HttpRequest.BodyPublishers.ofString(body), BEARER);
  }

  private static List<String> spanIds(JsonNode reply) {
    return StreamSupport.stream(reply.get("spans").spliterator(), false).map(s -> s.at("/context/span_id").asText()).toList();
  }

  @Test
  void list_answersAxsSpanShape_newestFirst() {
    JsonNode reply = expect(200, list("", "{\"project_id\": \"" + ApiIds.encode("Project", projectId) + "\"" + WIDE + "}"));

    assertEquals(List.of("aa03", "aa02", "aa01"), spanIds(reply));
    assertFalse(reply.at("/pagination/has_more").asBoolean());
    JsonNode llm = reply.get("spans").get(1);
    assertEquals("llm", llm.get("name").asText());
    assertEquals("0af7651916cd43dd8448eb211c80319c", llm.at("/context/trace_id").asText());
    assertEquals("LLM", llm.get("kind").asText());
    assertEquals("aa01", llm.get("parent_id").asText());
    assertEquals("2026-01-01T00:00:01Z", llm.get("start_time").asText());
    assertEquals("2026-01-01T00:00:01.250Z", llm.get("end_time").asText());
    assertEquals("ERROR", llm.get("status_code").asText());
    assertEquals("rate limited", llm.get("status_message").asText());
    assertEquals("gpt-4o", llm.at("/attributes/llm.model_name").asText());
    assertEquals(3, llm.at("/attributes/metadata.n").asInt());
    assertEquals("2026-01-01T00:00:01.000001Z", llm.at("/events/0/timestamp").asText());
    assertEquals("E", llm.at("/events/0/attributes/exception.type").asText());
    assertTrue(llm.get("annotations").isEmpty() && llm.get("trace_annotations").isEmpty() && llm.get("evaluations").isEmpty());
    assertEquals("UNKNOWN", reply.at("/spans/0/kind").asText(), "a kind outside AX's enum");
    assertFalse(reply.get("spans").get(2).has("parent_id"), "a root span has no parent_id");
    assertFalse(reply.get("spans").get(2).has("status_message"));
  }

  @Test
  void list_acceptsARawIdOrAName_appliesWindowAndFilter_andPages() {
    assertEquals(List.of("aa02"), spanIds(expect(200, list("", "{\"project_id\": \"" + projectId + "\"" + WIDE
        + ", \"filter\": \"span_kind = 'LLM'\"}"))));
    assertEquals(List.of("aa02"), spanIds(expect(200, list("", "{\"project_id\": \"" + name + "\""
        + ", \"start_time\": \"2026-01-01T00:00:01Z\", \"end_time\": \"2026-01-01T00:00:02Z\"}"))));
    assertEquals(List.of(), spanIds(expect(200, list("", "{\"project_id\": \"" + name + "\"}"))),
        "the default window is the last week, and these spans are older");

    JsonNode first = expect(200, list("?limit=2", "{\"project_id\": \"" + name + "\"" + WIDE + "}"));
    assertEquals(List.of("aa03", "aa02"), spanIds(first));
    assertTrue(first.at("/pagination/has_more").asBoolean());
    JsonNode second = expect(200, list("?limit=2&cursor=" + first.at("/pagination/next_cursor").asText(),
        "{\"project_id\": \"" + name + "\"" + WIDE + "}"));
    assertEquals(List.of("aa01"), spanIds(second));
  }

  @Test
  void list_rejectsBadInput_withProblemsNamingTheCause() {
    String base = "{\"project_id\": \"" + name + "\"" + WIDE;
    assertTrue(problem(list("", base + ", \"filter\": \"status_code = \"}"), 400).get("detail").asText().contains("column"));
    assertTrue(problem(list("", base + ", \"filter\": \"  \"}"), 400).get("detail").asText().contains("filter"));
    problem(list("?limit=501", base + "}"), 400);
    problem(list("?cursor=bad!", base + "}"), 400);
    problem(list("", "{\"project_id\": \"" + name + "\", \"start_time\": \"2026-01-02T00:00:00Z\", \"end_time\": \"2026-01-01T00:00:00Z\"}"), 400);
    problem(list("", "{\"project_id\": \"no-such-project\"}"), 404);
    problem(list("", "{}"), 400);
  }
}
