package dev.assay.server;

import static dev.assay.server.V2TestClient.expect;
import static dev.assay.server.V2TestClient.problem;
import static dev.assay.server.V2TestClient.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v2/spans/export} and {@code GET /v2/traces/export} over HTTP: each format read back (JSONL against
 * {@code POST /v2/spans}, CSV with the CSV library, OTLP/JSON by posting it into another project), request errors
 * as problems before any byte, and a 20,000-span export read as a stream while the server's heap stays flat.
 */
abstract class ExportApiContract extends LiveServerContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WINDOW = "start_time=2000-01-01T00:00:00Z&end_time=2100-01-01T00:00:00Z";
  private static final String WIDE = ", \"start_time\": \"2000-01-01T00:00:00Z\", \"end_time\": \"2100-01-01T00:00:00Z\"";
  private static final String TRACE_A = "0af7651916cd43dd8448eb211c80319c";
  private static final String TRACE_B = "1bf7651916cd43dd8448eb211c80319d";
  /** 2026-01-01T00:00:00Z in nanoseconds. */
  private static final long T0 = 1_767_225_600_000_000_000L;

  private final String project = "export-" + UUID.randomUUID();

  @BeforeEach
  void ingest() {
    ArrayNode spans = JSON.createArrayNode();
    spans.add(span(TRACE_A, "a000000000000001", null, "agent", "AGENT", T0, T0 + 9_000_000, 1, null,
        kv("input.value", "plan a trip, \"today\"\nplease"), kv("session.id", "s-1"), kv("user.id", "u-1"),
        kv("metadata.tier", "gold"), kvBool("flagged", true), kvArray("tag.tags", "a", "b")));
    spans.add(span(TRACE_A, "a000000000000002", "a000000000000001", "chat", "LLM", T0 + 1_000_000, T0 + 4_000_000, 2,
        "rate limited", kv("llm.model_name", "gpt-4o"), kv("llm.provider", "openai"), kvInt("llm.token_count.prompt", 120),
        kvInt("llm.token_count.completion", 30), kvInt("llm.token_count.total", 150), kvDouble("llm.cost.total", 0.0125),
        kv("output.value", "{\"answer\": 42}"), kv("output.mime_type", "application/json")));
    ((ObjectNode) spans.get(1)).set("events", JSON.createArrayNode().add(JSON.createObjectNode()
        .put("timeUnixNano", Long.toString(T0 + 2_000_000)).put("name", "exception")
        .set("attributes", JSON.createArrayNode().add(kv("exception.type", "RateLimit")))));
    spans.add(span(TRACE_A, "a000000000000003", "a000000000000001", "search", "TOOL", T0 + 5_000_000, T0 + 6_000_000, 0,
        null, kv("tool.name", "search")));
    spans.add(span(TRACE_B, "b000000000000001", null, "other", "CHAIN", T0 + 100_000_000, T0 + 200_000_000, 1, null));
    post(project, otlp(spans));
  }

  // ---- OTLP/JSON building ----

  private static ObjectNode span(String trace, String id, String parent, String name, String kind, long start, long end,
      int status, String message, ObjectNode... attributes) {
    ObjectNode s = JSON.createObjectNode().put("traceId", trace).put("spanId", id).put("name", name)
        .put("startTimeUnixNano", Long.toString(start)).put("endTimeUnixNano", Long.toString(end));
    if (parent != null) {
      s.put("parentSpanId", parent);
    }
    ArrayNode attrs = s.putArray("attributes").add(kv("openinference.span.kind", kind));
    for (ObjectNode a : attributes) {
      attrs.add(a);
    }
    ObjectNode st = s.putObject("status").put("code", status);
    if (message != null) {
      st.put("message", message);
    }
    return s;
  }

  private static ObjectNode kv(String key, String value) {
    ObjectNode kv = JSON.createObjectNode().put("key", key);
    kv.putObject("value").put("stringValue", value);
    return kv;
  }

  private static ObjectNode kvInt(String key, long value) {
    ObjectNode kv = JSON.createObjectNode().put("key", key);
    kv.putObject("value").put("intValue", Long.toString(value));
    return kv;
  }

  private static ObjectNode kvDouble(String key, double value) {
    ObjectNode kv = JSON.createObjectNode().put("key", key);
    kv.putObject("value").put("doubleValue", value);
    return kv;
  }

  private static ObjectNode kvBool(String key, boolean value) {
    ObjectNode kv = JSON.createObjectNode().put("key", key);
    kv.putObject("value").put("boolValue", value);
    return kv;
  }

  private static ObjectNode kvArray(String key, String... values) {
    ObjectNode kv = JSON.createObjectNode().put("key", key);
    ArrayNode items = kv.putObject("value").putObject("arrayValue").putArray("values");
    for (String v : values) {
      items.addObject().put("stringValue", v);
    }
    return kv;
  }

  private static String otlp(ArrayNode spans) {
    ObjectNode root = JSON.createObjectNode();
    root.putArray("resourceSpans").addObject().putArray("scopeSpans").addObject().set("spans", spans);
    return root.toString();
  }

  private void post(String projectName, String body) {
    HttpTestClient.Reply reply = server.client.post("/v1/traces", "application/json",
        HttpRequest.BodyPublishers.ofString(body), "x-project-name", projectName);
    assertEquals(200, reply.status(), reply.body());
    assertFalse(reply.body().contains("rejected"), reply.body());
  }

  // ---- reading back ----

  private HttpTestClient.Reply export(String what, String query) {
    return server.client.get("/v2/" + what + "/export?project_id=" + q(project) + "&" + WINDOW + query);
  }

  private List<JsonNode> listed(String projectRef, String filter) {
    String body = "{\"project_id\": \"" + projectRef + "\"" + WIDE + (filter == null ? "" : ", \"filter\": \"" + filter + "\"") + "}";
    JsonNode reply = expect(200, server.client.post("/v2/spans?limit=500", body));
    List<JsonNode> spans = new ArrayList<>();
    reply.get("spans").forEach(spans::add);
    // The list is newest first; exports are by trace, then start time.
    spans.sort((a, b) -> {
      int byTrace = a.at("/context/trace_id").asText().compareTo(b.at("/context/trace_id").asText());
      return byTrace != 0 ? byTrace
          : Instant.parse(a.get("start_time").asText()).compareTo(Instant.parse(b.get("start_time").asText()));
    });
    return spans;
  }

  private static List<JsonNode> lines(String body) {
    return body.lines().map(line -> {
      try {
        return JSON.readTree(line);
      } catch (Exception e) {
        throw new AssertionError("not a JSON line: " + line, e);
      }
    }).toList();
  }

  private static List<String> spanIds(List<JsonNode> spans) {
    return spans.stream().map(s -> s.at("/context/span_id").asText()).toList();
  }

  @Test
  void jsonl_isTheListsSpanJson_oneSpanPerLine_byTraceThenStart_asAnAttachment() {
    HttpTestClient.Reply reply = export("spans", "");

    assertEquals(200, reply.status(), reply.body());
    assertEquals("application/x-ndjson", reply.contentType());
    assertEquals("attachment; filename=\"" + project + "-spans.jsonl\"", reply.header("content-disposition"));
    assertEquals("chunked", reply.header("transfer-encoding"), "streamed, not sized up front");
    assertTrue(reply.body().endsWith("\n"));
    List<JsonNode> exported = lines(reply.body());
    assertEquals(List.of("a000000000000001", "a000000000000002", "a000000000000003", "b000000000000001"), spanIds(exported));
    assertEquals(listed(project, null), exported, "each line is the span as POST /v2/spans answers it");
  }

  @Test
  void jsonl_appliesTheFilter_andTracesExportBringsWholeTraces() {
    assertEquals(List.of("a000000000000002"), spanIds(lines(expect200(export("spans", "&filter=" + q("span_kind = 'LLM'"))))));
    assertEquals(List.of("a000000000000001", "a000000000000002", "a000000000000003"),
        spanIds(lines(expect200(export("traces", "&format=jsonl&filter=" + q("span_kind = 'LLM'"))))));
    assertEquals(List.of("b000000000000001"), spanIds(lines(expect200(export("traces", "&filter=" + q("name = 'other'"))))));
    assertEquals("", expect200(export("spans", "&filter=" + q("name = 'nothing'"))));
    HttpTestClient.Reply traces = export("traces", "");
    assertEquals("attachment; filename=\"" + project + "-traces.jsonl\"", traces.header("content-disposition"));
  }

  private static String expect200(HttpTestClient.Reply reply) {
    assertEquals(200, reply.status(), reply.body());
    return reply.body();
  }

  @Test
  void csv_hasTheDocumentedColumns_andParsesBackWithACsvLibrary() throws Exception {
    HttpTestClient.Reply reply = export("spans", "&format=csv");
    assertEquals(200, reply.status(), reply.body());
    assertEquals("text/csv;charset=utf-8", reply.contentType().replace(" ", ""));
    assertTrue(reply.header("content-disposition").endsWith("-spans.csv\""));

    CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    List<List<String>> rows = new ArrayList<>();
    try (MappingIterator<List<String>> it = csv.readerForListOf(String.class).readValues(reply.body())) {
      it.forEachRemaining(rows::add);
    }
    List<String> header = rows.get(0);
    assertEquals(List.of("trace_id", "span_id", "parent_id", "name", "span_kind", "start_time", "end_time", "latency_ms",
        "status_code", "status_message", "model_name", "model_provider", "prompt_tokens", "completion_tokens",
        "total_tokens", "cost_total", "session_id", "user_id", "input_value", "output_value", "attributes"), header);
    assertEquals(5, rows.size(), "a header and four spans");
    Map<String, String> agent = row(header, rows.get(1));
    assertEquals(TRACE_A, agent.get("trace_id"));
    assertEquals("a000000000000001", agent.get("span_id"));
    assertEquals("", agent.get("parent_id"));
    assertEquals("AGENT", agent.get("span_kind"));
    assertEquals("2026-01-01T00:00:00Z", agent.get("start_time"));
    assertEquals("2026-01-01T00:00:00.009Z", agent.get("end_time"));
    assertEquals(9.0, Double.parseDouble(agent.get("latency_ms")));
    assertEquals("plan a trip, \"today\"\nplease", agent.get("input_value"), "commas, quotes and newlines survive");
    assertEquals("s-1", agent.get("session_id"));
    assertEquals("u-1", agent.get("user_id"));
    JsonNode attributes = JSON.readTree(agent.get("attributes"));
    assertEquals("gold", attributes.get("metadata.tier").asText());
    assertTrue(attributes.get("flagged").asBoolean());
    Map<String, String> llm = row(header, rows.get(2));
    assertEquals("a000000000000001", llm.get("parent_id"));
    assertEquals("ERROR", llm.get("status_code"));
    assertEquals("rate limited", llm.get("status_message"));
    assertEquals("gpt-4o", llm.get("model_name"));
    assertEquals("openai", llm.get("model_provider"));
    assertEquals("120", llm.get("prompt_tokens"));
    assertEquals("30", llm.get("completion_tokens"));
    assertEquals("150", llm.get("total_tokens"));
    assertEquals(0.0125, Double.parseDouble(llm.get("cost_total")));
    assertEquals("{\"answer\": 42}", llm.get("output_value"));

    List<List<String>> empty = new ArrayList<>();
    try (MappingIterator<List<String>> it = csv.readerForListOf(String.class)
        .readValues(expect200(export("spans", "&format=csv&filter=" + q("name = 'nothing'"))))) {
      it.forEachRemaining(empty::add);
    }
    assertEquals(List.of(header), empty, "an empty export still has its header");
  }

  private static Map<String, String> row(List<String> header, List<String> values) {
    assertEquals(header.size(), values.size(), values.toString());
    Map<String, String> row = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      row.put(header.get(i), values.get(i));
    }
    return row;
  }

  @Test
  void otlpJson_postedIntoAnotherProject_listsBackTheSameSpans() {
    HttpTestClient.Reply reply = export("traces", "&format=otlp-json");
    assertEquals(200, reply.status(), reply.body());
    assertEquals("application/json", reply.contentType());
    assertTrue(reply.header("content-disposition").endsWith("-traces.otlp.json\""));
    JsonNode document = reply.json();
    assertEquals(project, document.at("/resourceSpans/0/resource/attributes/0/value/stringValue").asText());
    JsonNode first = document.at("/resourceSpans/0/scopeSpans/0/spans/0");
    assertEquals(TRACE_A, first.get("traceId").asText(), "hex ids, as OTLP/JSON wants");
    assertEquals(Long.toString(T0), first.get("startTimeUnixNano").asText());

    String copy = project + "-copy";
    post(copy, reply.body());

    List<JsonNode> original = listed(project, null);
    List<JsonNode> copied = listed(copy, null);
    assertEquals(4, copied.size());
    assertEquals(original, copied, "every field of every span survives the round trip");
    JsonNode llm = copied.get(1);
    assertEquals(120, llm.at("/attributes/llm.token_count.prompt").asInt());
    assertEquals(0.0125, llm.at("/attributes/llm.cost.total").asDouble());
    assertEquals("RateLimit", llm.at("/events/0/attributes/exception.type").asText());
    assertEquals(List.of("a", "b"), StreamSupport.stream(copied.get(0).at("/attributes/tag.tags").spliterator(), false)
        .map(JsonNode::asText).toList());
    assertEquals(List.of("a000000000000002"), spanIds(listed(copy, "total_tokens >= 150")),
        "typed columns (tokens) are filled again on the way in");
    assertEquals(List.of("a000000000000001"), spanIds(listed(copy, "session_id = 's-1'")));
  }

  @Test
  void requestErrors_areProblems_beforeAnyByte() {
    assertTrue(problem(export("spans", "&format=xml"), 400).get("detail").asText().contains("format"));
    assertTrue(problem(export("spans", "&filter=" + q("status_code =")), 400).get("detail").asText().contains("column"));
    assertTrue(problem(export("traces", "&filter=" + q("  ")), 400).get("detail").asText().contains("filter"));
    problem(server.client.get("/v2/spans/export?project_id=" + q(project) + "&start_time=yesterday"), 400);
    problem(server.client.get("/v2/spans/export?project_id=" + q(project)
        + "&start_time=2026-01-02T00:00:00Z&end_time=2026-01-01T00:00:00Z"), 400);
    problem(server.client.get("/v2/spans/export"), 400);
    problem(server.client.get("/v2/traces/export?project_id=no-such-project"), 404);
  }

  @Test
  void aLargeExport_isStreamed_withTheServersHeapFlat() throws Exception {
    String big = "big-" + UUID.randomUUID();
    String filler = "x".repeat(2_000);
    int total = 20_000;
    for (int batch = 0; batch < total / 2_000; batch++) {
      ArrayNode spans = JSON.createArrayNode();
      for (int i = 0; i < 2_000; i++) {
        int n = batch * 2_000 + i;
        spans.add(span(String.format("%032x", n / 10 + 1), String.format("%016x", n + 1), null, "op-" + n, "CHAIN",
            T0 + n * 1_000L, T0 + n * 1_000L + 500, 1, null, kv("input.value", filler + n)));
      }
      post(big, otlp(spans));
    }
    URI uri = URI.create("http://127.0.0.1:" + server.server.port() + "/v2/spans/export?project_id=" + q(big) + "&" + WINDOW);
    try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      long before = usedHeapAfterGc();
      HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120)).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      assertEquals(200, response.statusCode());
      assertTrue(response.headers().firstValue("content-length").isEmpty(), "no length up front: streamed");
      long lines = 0;
      long midway = 0;
      String previous = null;
      try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines++;
          if (lines == total / 2) {
            // Half read: a server that gathered the spans first would hold all 20,000 (~90 MB) right now.
            midway = usedHeapAfterGc() - before;
            System.out.println("export heap growth at half way: " + midway / 1024 + " KiB");
          }
          String key = JSON.readTree(line).at("/context/trace_id").asText();
          assertTrue(previous == null || previous.compareTo(key) <= 0, "ordered by trace id");
          previous = key;
        }
      }
      assertEquals(total, lines);
      assertTrue(midway < 24L * 1024 * 1024, "heap grew by " + midway / (1024 * 1024) + " MB while half the export was read");

      // A client that leaves after the first line: the server cuts the stream and stays healthy.
      HttpResponse<InputStream> abandoned = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofInputStream());
      try (BufferedReader in = new BufferedReader(new InputStreamReader(abandoned.body(), StandardCharsets.UTF_8))) {
        assertTrue(in.readLine().contains("op-"));
      }
    }
    for (int i = 0; i < 3; i++) { // more than one pooled connection's worth: none was leaked by the abandoned export
      assertEquals(4, lines(expect200(export("spans", ""))).size());
    }
  }

  private static long usedHeapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
