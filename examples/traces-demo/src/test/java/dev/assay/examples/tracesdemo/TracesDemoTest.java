package dev.assay.examples.tracesdemo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.config.AssayConfig;
import dev.assay.server.AssayServer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo sent to a real server over OTLP/HTTP and gRPC, read back through {@code POST /v2/spans}. */
class TracesDemoTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path workingDir;
  private AssayServer server;

  @BeforeEach
  void start() {
    server = new AssayServer(AssayConfig.defaults(workingDir).withPort(0).withGrpcPort(0));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void httpProtobuf_storesEveryTraceWithItsOpenInferenceShape() throws Exception {
    var options = new TracesDemo.Options("http://127.0.0.1:" + server.port(), "http/protobuf", "demo-http", 21, 7);
    List<DemoTraces.Emitted> sent = TracesDemo.run(options);
    assertNotNull(sent, "the exporter reported a failure");

    Map<String, List<JsonNode>> byTrace = spans("demo-http").stream()
        .collect(Collectors.groupingBy(s -> s.at("/context/trace_id").asText()));
    assertEquals(sent.stream().map(DemoTraces.Emitted::traceId).collect(Collectors.toSet()), byTrace.keySet());
    assertTrue(sent.stream().anyMatch(e -> e.scenario().equals("rag")) && sent.stream().anyMatch(e -> e.scenario().equals("agent")),
        "seed 7 gives both scenarios");
    assertEquals(3, sent.stream().filter(DemoTraces.Emitted::error).count(), "every 7th of 21 traces fails");
    assertTrue(sent.stream().collect(Collectors.groupingBy(DemoTraces.Emitted::sessionId, Collectors.counting()))
        .values().stream().anyMatch(n -> n > 1), "some session has several turns");

    for (DemoTraces.Emitted e : sent) {
      List<JsonNode> spans = byTrace.get(e.traceId());
      assertEquals(e.spanCount(), spans.size(), e.toString());
      for (JsonNode s : spans) {
        assertEquals(e.sessionId(), s.at("/attributes/session.id").asText(), "every span carries the session");
        assertEquals(e.userId(), s.at("/attributes/user.id").asText());
      }
      JsonNode root = only(spans, s -> !s.hasNonNull("parent_id"));
      assertEquals(e.scenario().equals("rag") ? "CHAIN" : "AGENT", root.get("kind").asText());
      assertEquals(e.error(), spans.stream().anyMatch(s -> s.get("status_code").asText().equals("ERROR")), e.toString());
      if (e.error()) {
        JsonNode failed = spans.stream().filter(s -> s.get("status_code").asText().equals("ERROR")).findFirst().orElseThrow();
        assertEquals("exception", failed.at("/events/0/name").asText());
        assertFalse(failed.at("/events/0/attributes/exception.message").asText().isEmpty());
      }
      if (e.scenario().equals("rag")) {
        assertRag(root, spans, e.error());
      } else {
        assertAgent(root, spans);
      }
    }
  }

  @Test
  void grpc_storesTheDemoToo() throws Exception {
    var options = new TracesDemo.Options("http://127.0.0.1:" + server.grpcPort(), "grpc", "demo-grpc", 8, 11);
    List<DemoTraces.Emitted> sent = TracesDemo.run(options);
    assertNotNull(sent, "the exporter reported a failure");

    List<JsonNode> spans = spans("demo-grpc");
    assertEquals(sent.stream().mapToInt(DemoTraces.Emitted::spanCount).sum(), spans.size());
    assertTrue(spans.stream().anyMatch(s -> s.get("kind").asText().equals("LLM")
        && s.at("/attributes/llm.model_name").isTextual()));
  }

  @Test
  void theSameSeedEmitsTheSameTraces() {
    assertEquals(capture(5), capture(5));
    assertFalse(capture(5).equals(capture(6)), "another seed, other traces");
  }

  private static void assertRag(JsonNode root, List<JsonNode> spans, boolean error) {
    String rootId = root.at("/context/span_id").asText();
    JsonNode retriever = only(spans, s -> s.get("kind").asText().equals("RETRIEVER"));
    assertEquals(rootId, retriever.get("parent_id").asText());
    JsonNode attrs = retriever.get("attributes");
    assertTrue(attrs.path("retrieval.documents.0.document.id").asText().startsWith("kb-"));
    assertTrue(attrs.path("retrieval.documents.0.document.content").asText().length() > 100);
    double first = attrs.path("retrieval.documents.0.document.score").asDouble();
    double second = attrs.path("retrieval.documents.1.document.score").asDouble();
    assertTrue(first > second && second > 0, "documents best first: " + first + ", " + second);

    JsonNode llm = only(spans, s -> s.get("kind").asText().equals("LLM"));
    assertEquals(rootId, llm.get("parent_id").asText());
    JsonNode a = llm.get("attributes");
    assertTrue(a.path("llm.model_name").asText().matches("gpt-4o.*|claude-.*"), a.toString());
    assertTrue(a.path("llm.provider").asText().matches("openai|anthropic"));
    assertEquals("system", a.path("llm.input_messages.0.message.role").asText());
    assertTrue(a.path("llm.input_messages.0.message.content").asText().contains("[kb-"), "the context is in the prompt");
    assertEquals("application/json", a.path("input.mime_type").asText());
    if (!error) {
      long prompt = a.path("llm.token_count.prompt").asLong();
      assertTrue(prompt > 100, "prompt tokens " + prompt);
      assertEquals("assistant", a.path("llm.output_messages.0.message.role").asText());
      assertEquals(root.at("/attributes/output.value").asText(), a.path("llm.output_messages.0.message.content").asText());
      assertEquals(prompt + a.path("llm.token_count.completion").asLong(), a.path("llm.token_count.total").asLong());
    }
    assertTrue(root.at("/attributes/metadata").asText().contains("harbor-help"));
    assertTrue(root.at("/attributes/tag.tags").toString().contains("rag"));
  }

  private static void assertAgent(JsonNode root, List<JsonNode> spans) {
    String rootId = root.at("/context/span_id").asText();
    assertEquals("support-agent", root.at("/attributes/agent.name").asText());
    List<JsonNode> llms = spans.stream().filter(s -> s.get("kind").asText().equals("LLM"))
        .sorted((x, y) -> x.get("start_time").asText().compareTo(y.get("start_time").asText())).toList();
    List<JsonNode> tools = spans.stream().filter(s -> s.get("kind").asText().equals("TOOL"))
        .sorted((x, y) -> x.get("start_time").asText().compareTo(y.get("start_time").asText())).toList();
    assertEquals(3, llms.size());
    assertEquals(List.of("lookup_order", "track_shipment"), tools.stream().map(t -> t.at("/attributes/tool.name").asText()).toList());
    for (int i = 0; i < 2; i++) {
      JsonNode call = llms.get(i).get("attributes");
      assertEquals(tools.get(i).at("/attributes/tool.name").asText(),
          call.path("llm.output_messages.0.message.tool_calls.0.tool_call.function.name").asText());
      assertEquals(tools.get(i).at("/attributes/input.value").asText(),
          call.path("llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments").asText());
      assertTrue(tools.get(i).at("/attributes/tool.parameters").asText().contains("\"parameters\""));
    }
    spans.stream().filter(s -> s != root).forEach(s -> assertEquals(rootId, s.get("parent_id").asText()));
    assertEquals("tool", llms.get(2).at("/attributes/llm.input_messages.3.message.role").asText());
  }

  private static JsonNode only(List<JsonNode> spans, java.util.function.Predicate<JsonNode> which) {
    List<JsonNode> found = spans.stream().filter(which).toList();
    assertEquals(1, found.size(), "spans: " + found);
    return found.getFirst();
  }

  /** Every span of the project, paging through {@code POST /v2/spans}. */
  private List<JsonNode> spans(String project) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    String cursor = null;
    do {
      String body = JSON.writeValueAsString(Map.of("project_id", project,
          "start_time", "2000-01-01T00:00:00Z", "end_time", Instant.now().plusSeconds(3600).toString()));
      HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
              + "/v2/spans?limit=500" + (cursor == null ? "" : "&cursor=" + cursor)))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, reply.statusCode(), reply.body());
      JsonNode page = JSON.readTree(reply.body());
      page.get("spans").forEach(out::add);
      cursor = page.at("/pagination/next_cursor").isTextual() ? page.at("/pagination/next_cursor").asText() : null;
    } while (cursor != null);
    return out;
  }

  /** The demo's spans (ids, names, attributes, events) for a seed, through an in-memory exporter. */
  private static List<String> capture(long seed) {
    List<String> out = new ArrayList<>();
    SpanExporter exporter = new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        spans.forEach(s -> out.add(s.getTraceId() + "/" + s.getSpanId() + " " + s.getName() + " " + s.getAttributes()
            + " " + s.getEvents().stream().map(ev -> ev.getName() + ev.getAttributes()).toList()));
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
    try (SdkTracerProvider provider = SdkTracerProvider.builder().setIdGenerator(new SeededIdGenerator(seed))
        .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()) {
      DemoTraces.emit(provider.get("test"), seed, 10, Instant.parse("2026-11-27T12:00:00Z"));
    }
    return out;
  }
}
