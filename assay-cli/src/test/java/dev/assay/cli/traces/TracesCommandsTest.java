package dev.assay.cli.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.assay.cli.Cli;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LiveServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay spans|traces|sessions ...} in-process against a live server (DuckDB in a temp dir) holding one
 * agent trace (agent → chat, search; the chat failed) and a second one-span trace, sent over OTLP/JSON an hour ago.
 */
class TracesCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROJECT = "cli-traces";
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String OTHER_TRACE = "1bf7651916cd43dd8448eb211c80319d";
  @TempDir static Path serverDir;
  private static LiveServer server;

  @TempDir Path tmp;
  private Cli cli;

  @BeforeAll
  static void startServer() throws Exception {
    server = new LiveServer(serverDir);
    long t0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toEpochMilli() * 1_000_000L;
    String spans = String.join(",",
        span(TRACE, "a000000000000001", null, "agent", "AGENT", t0, t0 + 9_000_000, 1, null,
            attr("session.id", "s-1") + "," + attr("user.id", "u-1") + "," + attr("input.value", "plan a trip")
                + "," + attr("output.value", "done")),
        span(TRACE, "a000000000000002", "a000000000000001", "chat", "LLM", t0 + 1_000_000, t0 + 4_000_000, 2, "rate limited",
            attr("llm.model_name", "gpt-4o") + ",{\"key\": \"llm.token_count.total\", \"value\": {\"intValue\": \"150\"}}"),
        span(TRACE, "a000000000000003", "a000000000000001", "search", "TOOL", t0 + 5_000_000, t0 + 6_000_000, 0, null,
            attr("tool.name", "search")),
        span(OTHER_TRACE, "b000000000000001", null, "other", "CHAIN", t0 + 60_000_000_000L, t0 + 60_100_000_000L, 1, null,
            attr("input.value", "hello, \"world\"")));
    post(PROJECT, "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [" + spans + "]}]}]}");
  }

  private static String span(String trace, String id, String parent, String name, String kind, long start, long end,
      int status, String message, String attributes) {
    return "{\"traceId\": \"" + trace + "\", \"spanId\": \"" + id + "\"" + (parent == null ? "" : ", \"parentSpanId\": \"" + parent + "\"")
        + ", \"name\": \"" + name + "\", \"startTimeUnixNano\": \"" + start + "\", \"endTimeUnixNano\": \"" + end + "\""
        + ", \"status\": {\"code\": " + status + (message == null ? "" : ", \"message\": \"" + message + "\"") + "}"
        + ", \"attributes\": [" + attr("openinference.span.kind", kind) + "," + attributes + "]}";
  }

  private static String attr(String key, String value) {
    return "{\"key\": \"" + key + "\", \"value\": {\"stringValue\": " + JSON.valueToTree(value) + "}}";
  }

  private static void post(String project, String body) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/traces"))
          .header("Content-Type", "application/json").header("x-project-name", project)
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, reply.statusCode(), reply.body());
    }
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void setUp() {
    cli = new Cli(tmp).env("ASSAY_URL", server.url());
  }

  private Cli.Result ok(String... args) {
    Cli.Result result = cli.run(args);
    assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
    return result;
  }

  private static JsonNode json(Cli.Result result) throws Exception {
    return JSON.readTree(result.out());
  }

  private static List<String> field(JsonNode array, String pointer) {
    return StreamSupport.stream(array.spliterator(), false).map(n -> n.at(pointer).asText()).toList();
  }

  private static void assertFails(Cli.Result result, int exitCode, String contains) {
    assertEquals(exitCode, result.exitCode(), result.toString());
    assertTrue(result.err().contains(contains), result.toString());
    assertEquals("", result.out(), result.toString());
  }

  @Test
  void spansList_filtersAndShowsATable_orWholeSpansAsJson() throws Exception {
    JsonNode llm = json(ok("spans", "list", "--project", PROJECT, "--filter", "span_kind = 'LLM'", "-o", "json"));
    assertEquals(List.of("a000000000000002"), field(llm, "/context/span_id"));
    assertEquals("gpt-4o", llm.at("/0/attributes/llm.model_name").asText());

    String table = ok("spans", "list", "-p", PROJECT, "--start-time", "2h").out();
    List<String> lines = table.lines().toList();
    assertEquals(5, lines.size(), table);
    assertTrue(lines.get(0).startsWith("span_id") && lines.get(0).contains("latency_ms"), table);
    assertTrue(lines.get(1).startsWith("b000000000000001"), "newest first: " + table);
    assertTrue(table.contains("3"), table);

    Cli.Result cut = ok("spans", "list", "-p", PROJECT, "--limit", "2", "-o", "jsonl");
    assertEquals(2, cut.out().lines().count());
    assertTrue(cut.err().contains("more exist"), cut.err());
    assertEquals(4, ok("spans", "list", "-p", PROJECT, "--limit", "1", "--all", "-o", "jsonl").out().lines().count());
    assertEquals("", ok("spans", "list", "-p", PROJECT, "--end-time", "3h", "-o", "jsonl").out(), "nothing that early");
  }

  @Test
  void spansGet_showsFieldsAndAttributes() throws Exception {
    String table = ok("spans", "get", "a000000000000002", "-p", PROJECT).out();
    assertTrue(table.lines().anyMatch(l -> l.matches("name\\s+chat")), table);
    assertTrue(table.lines().anyMatch(l -> l.matches("latency_ms\\s+3")), table);
    assertTrue(table.lines().anyMatch(l -> l.matches("status_message\\s+rate limited")), table);
    assertTrue(table.lines().anyMatch(l -> l.matches("attributes\\.llm\\.model_name\\s+gpt-4o")), table);

    JsonNode span = json(ok("spans", "get", "a000000000000002", "-p", PROJECT, "--trace-id", TRACE, "-o", "json"));
    assertEquals(150, span.at("/attributes/llm.token_count.total").asInt());
    assertFails(cli.run("spans", "get", "ffffffffffffffff", "-p", PROJECT), ExitCodes.NOT_FOUND, "assay: ");
  }

  @Test
  void tracesList_showsRollUps_andFiltersByAnySpan() throws Exception {
    JsonNode traces = json(ok("traces", "list", "-p", PROJECT, "-o", "json"));
    assertEquals(List.of(OTHER_TRACE, TRACE), field(traces, "/trace_id"), "newest first");
    JsonNode agent = traces.get(1);
    assertEquals("agent", agent.get("name").asText());
    assertEquals(3, agent.get("span_count").asInt());
    assertEquals(1, agent.get("error_count").asInt());
    assertEquals(0, agent.get("spans").size(), "no spans unless --with-spans");
    assertEquals(3, json(ok("traces", "list", "-p", PROJECT, "--with-spans", "-o", "json")).at("/1/spans").size());

    assertEquals(List.of(TRACE), field(json(ok("traces", "list", "-p", PROJECT, "-f", "status_code = 'ERROR'", "-o", "json")),
        "/trace_id"));
    String csv = ok("traces", "list", "-p", PROJECT, "-o", "csv").out();
    assertTrue(csv.startsWith("trace_id,name,start_time,latency_ms,span_count,error_count"), csv);
  }

  @Test
  void tracesGet_printsTheSpanTree() throws Exception {
    String table = ok("traces", "get", TRACE, "-p", PROJECT).out();
    List<String> lines = table.lines().toList();
    assertTrue(lines.get(0).startsWith("trace " + TRACE + " agent: 3 spans, 1 error, 9"), table);
    assertTrue(lines.get(2).startsWith("span "), table);
    assertTrue(lines.get(3).matches("agent\\s+AGENT\\s+9\\s+OK\\s+a000000000000001"), table);
    assertTrue(lines.get(4).matches("  chat\\s+LLM\\s+3\\s+ERROR \\(rate limited\\)\\s+a000000000000002"), table);
    assertTrue(lines.get(5).matches("  search\\s+TOOL\\s+1\\s+UNSET\\s+a000000000000003"), table);

    String csv = ok("traces", "get", TRACE, "-p", PROJECT, "-o", "csv").out();
    assertTrue(csv.contains("1,a000000000000002,a000000000000001,chat,LLM,3,ERROR"), csv);
    assertEquals(3, json(ok("traces", "get", TRACE, "-p", PROJECT, "-o", "json")).get("spans").size());
    assertFails(cli.run("traces", "get", "ffffffffffffffffffffffffffffffff", "-p", PROJECT), ExitCodes.NOT_FOUND, "assay: ");
  }

  @Test
  void sessions_listAndGet() throws Exception {
    JsonNode sessions = json(ok("sessions", "list", "-p", PROJECT, "-o", "json"));
    assertEquals(List.of("s-1"), field(sessions, "/session_id"));
    assertEquals(1, sessions.at("/0/trace_count").asInt());

    String table = ok("sessions", "get", "s-1", "-p", PROJECT).out();
    assertTrue(table.startsWith("session s-1 (user u-1): 1 traces, "), table);
    assertTrue(table.contains(TRACE) && table.contains("plan a trip") && table.contains("done"), table);
    assertEquals(TRACE, json(ok("sessions", "get", "s-1", "-p", PROJECT, "-o", "json")).at("/traces/0/trace_id").asText());
    assertFails(cli.run("sessions", "get", "nope", "-p", PROJECT), ExitCodes.NOT_FOUND, "assay: ");
  }

  @Test
  void export_streamsJsonlToStdout_andCsvToAFile() throws Exception {
    List<String> lines = ok("spans", "export", "-p", PROJECT).out().lines().toList();
    assertEquals(4, lines.size());
    assertEquals(List.of("a000000000000001", "a000000000000002", "a000000000000003", "b000000000000001"),
        lines.stream().map(l -> {
          try {
            return JSON.readTree(l).at("/context/span_id").asText();
          } catch (Exception e) {
            throw new AssertionError(l, e);
          }
        }).toList());
    assertEquals(3, ok("traces", "export", "-p", PROJECT, "-f", "name = 'search'").out().lines().count(),
        "the whole trace of the matching span");

    Path file = cli.workingDir().resolve("spans.csv");
    Cli.Result written = ok("spans", "export", "-p", PROJECT, "--format", "csv", "--file", file.toString());
    assertEquals("", written.out());
    assertTrue(written.err().startsWith("wrote "), written.err());
    List<List<String>> rows = new ArrayList<>();
    try (MappingIterator<List<String>> it = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
        .readerForListOf(String.class).readValues(file.toFile())) {
      it.forEachRemaining(rows::add);
    }
    assertEquals(5, rows.size());
    assertEquals("trace_id", rows.get(0).get(0));
    assertEquals("hello, \"world\"", rows.get(4).get(rows.get(0).indexOf("input_value")));
    assertFalse(Files.exists(cli.workingDir().resolve("spans.csv.part")));

    assertFails(cli.run("spans", "export", "-p", PROJECT, "--file", file.toString()), ExitCodes.USAGE, "--force");
    ok("spans", "export", "-p", PROJECT, "--file", file.toString(), "--force");
    assertEquals(4, Files.readAllLines(file).size(), "overwritten as JSONL");
  }

  @Test
  void export_otlpJson_importsIntoAnotherProject() throws Exception {
    Path file = cli.workingDir().resolve("trace.otlp.json");
    ok("traces", "export", "-p", PROJECT, "-f", "span_kind = 'LLM'", "--format", "otlp-json", "--file", file.toString());
    post(PROJECT + "-copy", Files.readString(file));

    JsonNode original = json(ok("spans", "list", "-p", PROJECT, "-f", "trace_id = '" + TRACE + "'", "-o", "json"));
    JsonNode copy = json(ok("spans", "list", "-p", PROJECT + "-copy", "-o", "json"));
    assertEquals(original, copy);
  }

  @Test
  void badInput_isAUsageError_andServerProblemsKeepTheirExitCodes() {
    assertEquals(ExitCodes.USAGE, cli.run("spans", "list").exitCode(), "--project is required");
    assertFails(cli.run("spans", "list", "-p", PROJECT, "--start-time", "yesterday"), ExitCodes.USAGE, "--start-time");
    assertEquals(ExitCodes.USAGE, cli.run("spans", "export", "-p", PROJECT, "--format", "xml").exitCode());
    assertFails(cli.run("traces", "list", "-p", "no-such-project"), ExitCodes.NOT_FOUND, "assay: ");
    assertFails(cli.run("spans", "list", "-p", PROJECT, "-f", "status_code ="), ExitCodes.FAILURE, "HTTP 400");
    assertFails(cli.run("spans", "export", "-p", PROJECT, "-f", "nope = 1"), ExitCodes.FAILURE, "HTTP 400");
    assertFails(cli.run("sessions", "list", "-p", PROJECT, "--url", "http://127.0.0.1:1"), ExitCodes.UNREACHABLE, "assay: ");
  }
}
