package dev.assay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.assay.auth.AccessScope;
import dev.assay.config.AssayConfig;
import dev.assay.projects.Project;
import dev.assay.spaces.Space;
import dev.assay.store.Store;
import dev.assay.traces.Span;
import dev.assay.traces.TraceSummary;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OTLP/HTTP and OTLP/gRPC receivers against a live server, fed by the real OpenTelemetry Java SDK
 * exporters and by hand-built requests; what is stored is read back through the store. One short subclass
 * per database.
 */
abstract class OtlpReceiverContract {
  static final long MAX_REQUEST_BYTES = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AttributeKey<String> KIND = AttributeKey.stringKey("openinference.span.kind");

  private TestServer server;

  abstract AssayConfig config();

  @BeforeEach
  void startServer() {
    server = TestServer.start(config().withMaxRequestBytes(MAX_REQUEST_BYTES));
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void sdkExporter_protobuf_storesTheAgentTraceAndItsRollup() {
    String project = unique("agent-app");
    String traceId = exportAgentTrace(exporter().addHeader("x-project-name", project), project);
    assertAgentTraceStored(project, traceId);
  }

  @Test
  void sdkExporter_gzip_storesTheAgentTrace() {
    String project = unique("agent-gzip");
    String traceId = exportAgentTrace(exporter().setCompression("gzip").addHeader("x-project-name", project), project);
    assertAgentTraceStored(project, traceId);
  }

  @Test
  void sdkJson_withHexIds_storesTheAgentTraceAndAnswersJson() throws Exception {
    String project = unique("agent-json");
    CapturingExporter captured = new CapturingExporter();
    String traceId = emitAgentTrace(SimpleSpanProcessor.create(captured));
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    TraceRequestMarshaler.create(captured.spans).writeJsonTo(json);
    assertTrue(json.toString().contains(traceId), "OTLP/JSON carries hex ids");

    HttpTestClient.Reply reply = server.client.post("/v1/traces", "application/json; charset=utf-8",
        BodyPublishers.ofByteArray(json.toByteArray()), "x-project-name", project);

    assertEquals(200, reply.status(), reply.body());
    assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
    assertEquals("{}", reply.body());
    assertAgentTraceStored(project, traceId);
  }

  @Test
  void resourceAttribute_routesToItsProject_andTheHeaderWins() {
    String fromResource = unique("from-resource");
    String fromHeader = unique("from-header");

    assertEquals(200, postProtobuf(request(fromResource, span(randomTraceId(), randomSpanId()))).status());
    assertEquals(200, postProtobuf(request(fromResource, span(randomTraceId(), randomSpanId())), "x-project-name", fromHeader).status());

    assertEquals(1, store().spans().countSpans(AccessScope.unrestricted(), projectId(fromResource)));
    assertEquals(1, store().spans().countSpans(AccessScope.unrestricted(), projectId(fromHeader)));
  }

  @Test
  void noProjectNamed_goesToTheDefaultProject() {
    long before = project("default").map(p -> store().spans().countSpans(AccessScope.unrestricted(), p.id())).orElse(0L);

    assertEquals(200, postProtobuf(request(null, span(randomTraceId(), randomSpanId()))).status());

    assertEquals(before + 1, store().spans().countSpans(AccessScope.unrestricted(), projectId("default")));
  }

  @Test
  void invalidSpanId_isRejectedAlone_partialSuccess() throws Exception {
    String project = unique("partial");
    ByteString trace = randomTraceId();
    ExportTraceServiceRequest request = request(project, span(trace, randomSpanId()),
        span(trace, ByteString.copyFrom(new byte[] {1, 2, 3, 4})), span(trace, randomSpanId()));

    HttpResponse<byte[]> reply = server.client.postForBytes("/v1/traces", "application/x-protobuf", request.toByteArray());

    assertEquals(200, reply.statusCode());
    assertEquals("application/x-protobuf", reply.headers().firstValue("content-type").orElse(""));
    ExportTraceServiceResponse response = ExportTraceServiceResponse.parseFrom(reply.body());
    assertEquals(1, response.getPartialSuccess().getRejectedSpans());
    assertTrue(response.getPartialSuccess().getErrorMessage().contains("invalid span_id"), response.getPartialSuccess().getErrorMessage());
    assertEquals(2, store().spans().countSpans(AccessScope.unrestricted(), projectId(project)));
  }

  @Test
  void deflate_isInflated() {
    String project = unique("deflate");
    byte[] body = request(project, span(randomTraceId(), randomSpanId())).toByteArray();
    Deflater deflater = new Deflater();
    deflater.setInput(body);
    deflater.finish();
    byte[] out = new byte[body.length + 64];
    byte[] deflated = Arrays.copyOf(out, deflater.deflate(out));

    HttpTestClient.Reply reply = server.client.post("/v1/traces", "application/x-protobuf", BodyPublishers.ofByteArray(deflated),
        "Content-Encoding", "deflate");

    assertEquals(200, reply.status(), reply.body());
    assertEquals(1, store().spans().countSpans(AccessScope.unrestricted(), projectId(project)));
  }

  @Test
  void malformedProtobuf_is400_andNothingIsStored() {
    String project = unique("malformed");
    byte[] truncated = request(project, span(randomTraceId(), randomSpanId())).toByteArray();
    truncated = Arrays.copyOf(truncated, truncated.length - 3);

    HttpTestClient.Reply reply = server.client.post("/v1/traces", "application/x-protobuf", BodyPublishers.ofByteArray(truncated),
        "x-project-name", project);

    assertProblem(reply, 400, "malformed OTLP protobuf body");
    assertTrue(project(project).isEmpty(), "no project was created");
  }

  @Test
  void malformedJson_is400() {
    HttpTestClient.Reply reply = server.client.post("/v1/traces", "application/json", BodyPublishers.ofString("{\"resourceSpans\": ["));
    assertProblem(reply, 400, "malformed OTLP JSON body");
  }

  @Test
  void badGzip_is400() {
    HttpTestClient.Reply reply = server.client.post("/v1/traces", "application/x-protobuf",
        BodyPublishers.ofByteArray(new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3}), "Content-Encoding", "gzip");
    assertProblem(reply, 400, "invalid gzip body");
  }

  @Test
  void gzipBomb_beyondTheRequestLimit_is413() throws Exception {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(new byte[(int) MAX_REQUEST_BYTES + 1]);
    }
    assertTrue(gz.size() < MAX_REQUEST_BYTES / 100);

    HttpTestClient.Reply reply = server.client.post("/v1/traces", "application/x-protobuf",
        BodyPublishers.ofByteArray(gz.toByteArray()), "Content-Encoding", "gzip");

    assertProblem(reply, 413, null);
  }

  @Test
  void otherContentTypesAndEncodings_are415() {
    assertProblem(server.client.post("/v1/traces", "text/plain", BodyPublishers.ofString("hi")), 415, "application/x-protobuf");
    assertProblem(server.client.post("/v1/traces", "application/x-protobuf", BodyPublishers.ofByteArray(new byte[0]),
        "Content-Encoding", "br"), 415, "Content-Encoding");
  }

  @Test
  void emptyRequest_isOk() {
    HttpTestClient.Reply reply = postProtobuf(ExportTraceServiceRequest.getDefaultInstance());
    assertEquals(200, reply.status(), reply.body());
    assertEquals("", reply.body());
  }

  // --- OTLP/gRPC

  @Test
  void grpcSdkExporter_storesTheAgentTraceAndItsRollup_withBearerAuthIgnored() {
    String project = unique("agent-grpc");
    String traceId = exportAgentTrace(grpcExporter().addHeader("x-project-name", project)
        .addHeader("authorization", "Bearer not-checked-yet").build(), project);
    assertAgentTraceStored(project, traceId);
  }

  @Test
  void grpcSdkExporter_gzip_storesTheAgentTrace() {
    String project = unique("agent-grpc-gzip");
    String traceId = exportAgentTrace(grpcExporter().setCompression("gzip").addHeader("x-project-name", project).build(), project);
    assertAgentTraceStored(project, traceId);
  }

  @Test
  void grpc_invalidSpanIsRejectedAlone_andTheMetadataWinsOverTheResource() {
    String fromResource = unique("grpc-resource");
    String fromMetadata = unique("grpc-metadata");
    ByteString trace = randomTraceId();
    ExportTraceServiceRequest request = request(fromResource, span(trace, randomSpanId()),
        span(trace, ByteString.copyFrom(new byte[] {1, 2, 3, 4})));

    try (GrpcTestClient grpc = new GrpcTestClient(server.server.grpcPort())) {
      ExportTraceServiceResponse response = grpc.export(request, false, "x-project-name", fromMetadata);
      assertEquals(ExportTraceServiceResponse.getDefaultInstance(),
          grpc.export(request(fromResource, span(randomTraceId(), randomSpanId())), false));

      assertEquals(1, response.getPartialSuccess().getRejectedSpans());
      assertTrue(response.getPartialSuccess().getErrorMessage().contains("invalid span_id"), response.toString());
    }
    assertEquals(1, store().spans().countSpans(AccessScope.unrestricted(), projectId(fromMetadata)));
    assertEquals(1, store().spans().countSpans(AccessScope.unrestricted(), projectId(fromResource)));
  }

  @Test
  void grpc_gzipMessageBeyondTheRequestLimit_isRefused_andNothingIsStored() {
    String project = unique("grpc-too-big");
    io.opentelemetry.proto.trace.v1.Span big = span(randomTraceId(), randomSpanId()).toBuilder()
        .addAttributes(KeyValue.newBuilder().setKey("input.value")
            .setValue(AnyValue.newBuilder().setStringValue("x".repeat((int) MAX_REQUEST_BYTES)))).build();

    try (GrpcTestClient grpc = new GrpcTestClient(server.server.grpcPort())) {
      StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> grpc.export(request(project, big), true));
      assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode(), e.toString());
    }
    assertTrue(project(project).isEmpty(), "no project was created");
  }

  @Test
  void grpc_malformedMessage_isInvalidArgument_andNothingIsStored() {
    String project = unique("grpc-malformed");
    byte[] truncated = request(project, span(randomTraceId(), randomSpanId())).toByteArray();
    byte[] body = Arrays.copyOf(truncated, truncated.length - 3);

    try (GrpcTestClient grpc = new GrpcTestClient(server.server.grpcPort())) {
      StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> grpc.exportRaw(body));
      assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.toString());
      assertTrue(e.getStatus().getDescription().startsWith("malformed OTLP protobuf message"), e.toString());
    }
    assertTrue(project(project).isEmpty(), "no project was created");
  }

  // --- the agent trace, through the real SDK

  private String exportAgentTrace(OtlpHttpSpanExporterBuilder builder, String resourceProject) {
    return exportAgentTrace(builder.build(), resourceProject);
  }

  private String exportAgentTrace(SpanExporter exporter, String resourceProject) {
    return emitAgentTrace(BatchSpanProcessor.builder(exporter).build(), resourceProject);
  }

  private String emitAgentTrace(io.opentelemetry.sdk.trace.SpanProcessor processor) {
    return emitAgentTrace(processor, null);
  }

  /** A CHAIN root with an LLM child and a failing TOOL child; flushed before returning. */
  private String emitAgentTrace(io.opentelemetry.sdk.trace.SpanProcessor processor, String resourceProject) {
    io.opentelemetry.sdk.resources.Resource resource = io.opentelemetry.sdk.resources.Resource.getDefault()
        .merge(io.opentelemetry.sdk.resources.Resource.create(Attributes.of(
            AttributeKey.stringKey("openinference.project.name"), resourceProject == null ? "ignored" : resourceProject)));
    SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource).addSpanProcessor(processor).build();
    try {
      Tracer tracer = provider.get("assay-test");
      io.opentelemetry.api.trace.Span root = tracer.spanBuilder("agent").setAttribute(KIND, "CHAIN")
          .setAttribute("input.value", "what is 2+2?").setAttribute("session.id", "session-1").startSpan();
      try (Scope ignored = root.makeCurrent()) {
        tracer.spanBuilder("llm").startSpan()
            .setAttribute(KIND, "LLM")
            .setAttribute("llm.model_name", "gpt-4o-mini")
            .setAttribute("llm.provider", "openai")
            .setAttribute("llm.token_count.prompt", 11L)
            .setAttribute("llm.token_count.completion", 3L)
            .setAttribute("llm.token_count.total", 14L)
            .setAttribute("llm.cost.total", 0.002)
            .setAttribute("input.value", "{\"q\":\"2+2\"}")
            .setAttribute("input.mime_type", "application/json")
            .setAttribute("output.value", "4")
            .setAttribute("llm.input_messages.0.message.role", "user")
            .end();
        io.opentelemetry.api.trace.Span tool = tracer.spanBuilder("calculator").setAttribute(KIND, "TOOL").startSpan();
        tool.recordException(new IllegalStateException("division by zero"));
        tool.setStatus(StatusCode.ERROR, "tool failed");
        tool.end();
      } finally {
        root.setAttribute("output.value", "4");
        root.end();
      }
      CompletableResultCode flushed = provider.forceFlush().join(20, TimeUnit.SECONDS);
      assertTrue(flushed.isSuccess(), "the exporter's flush succeeded (the receiver answered 200)");
      return root.getSpanContext().getTraceId();
    } finally {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  private void assertAgentTraceStored(String project, String traceId) {
    String projectId = projectId(project);
    List<Span> spans = store().spans().listTrace(AccessScope.unrestricted(), projectId, traceId);
    assertEquals(3, spans.size(), spans.toString());
    Span root = byName(spans, "agent");
    Span llm = byName(spans, "llm");
    Span tool = byName(spans, "calculator");

    assertTrue(root.isRoot());
    assertEquals("CHAIN", root.spanKind());
    assertEquals("what is 2+2?", root.inputValue());
    assertEquals("session-1", root.sessionId());
    assertEquals(root.spanId(), llm.parentId());
    assertEquals(root.spanId(), tool.parentId());

    assertEquals("LLM", llm.spanKind());
    assertEquals("gpt-4o-mini", llm.modelName());
    assertEquals("openai", llm.modelProvider());
    assertEquals(11L, llm.promptTokens());
    assertEquals(3L, llm.completionTokens());
    assertEquals(14L, llm.totalTokens());
    assertEquals(0.002, llm.costTotal(), 1e-12);
    assertEquals("application/json", llm.inputMimeType());
    assertEquals("4", llm.outputValue());
    assertEquals("user", json(llm.attributesJson()).get("llm.input_messages.0.message.role").asText());
    assertEquals("UNSET", llm.statusCode());
    assertTrue(llm.endTime() >= llm.startTime() && llm.startTime() >= root.startTime());

    assertEquals("TOOL", tool.spanKind());
    assertEquals("ERROR", tool.statusCode());
    assertEquals("tool failed", tool.statusMessage());
    JsonNode event = json(tool.eventsJson()).get(0);
    assertEquals("exception", event.get("name").asText());
    assertEquals("java.lang.IllegalStateException", event.get("attributes").get("exception.type").asText());
    assertEquals("division by zero", event.get("attributes").get("exception.message").asText());

    TraceSummary trace = store().spans().findTrace(AccessScope.unrestricted(), projectId, traceId).orElseThrow();
    assertEquals(root.spanId(), trace.rootSpanId());
    assertEquals("agent", trace.rootSpanName());
    assertEquals(3, trace.spanCount());
    assertEquals(1, trace.errorCount());
    assertEquals(11, trace.promptTokens());
    assertEquals(3, trace.completionTokens());
    assertEquals(14, trace.totalTokens());
    assertEquals(0.002, trace.costTotal(), 1e-12);
    assertEquals(root.startTime(), trace.startTime());
    assertEquals(root.endTime(), trace.endTime());
    assertEquals("session-1", trace.sessionId());
  }

  // --- helpers

  private OtlpHttpSpanExporterBuilder exporter() {
    return OtlpHttpSpanExporter.builder().setEndpoint("http://127.0.0.1:" + server.server.port() + "/v1/traces");
  }

  private OtlpGrpcSpanExporterBuilder grpcExporter() {
    return OtlpGrpcSpanExporter.builder().setEndpoint("http://127.0.0.1:" + server.server.grpcPort());
  }

  private HttpTestClient.Reply postProtobuf(ExportTraceServiceRequest request, String... headers) {
    return server.client.post("/v1/traces", "application/x-protobuf", BodyPublishers.ofByteArray(request.toByteArray()), headers);
  }

  static ExportTraceServiceRequest request(String resourceProject, io.opentelemetry.proto.trace.v1.Span... spans) {
    Resource.Builder resource = Resource.newBuilder();
    if (resourceProject != null) {
      resource.addAttributes(KeyValue.newBuilder().setKey("openinference.project.name")
          .setValue(AnyValue.newBuilder().setStringValue(resourceProject)));
    }
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder().setResource(resource)
        .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans)))).build();
  }

  static io.opentelemetry.proto.trace.v1.Span span(ByteString traceId, ByteString spanId) {
    long start = System.currentTimeMillis() * 1_000_000L;
    return io.opentelemetry.proto.trace.v1.Span.newBuilder().setTraceId(traceId).setSpanId(spanId).setName("step")
        .setStartTimeUnixNano(start).setEndTimeUnixNano(start + 5_000_000).build();
  }

  static ByteString randomTraceId() {
    byte[] id = new byte[16];
    ThreadLocalRandom.current().nextBytes(id);
    id[0] = 1;
    return ByteString.copyFrom(id);
  }

  static ByteString randomSpanId() {
    byte[] id = new byte[8];
    ThreadLocalRandom.current().nextBytes(id);
    id[0] = 1;
    return ByteString.copyFrom(id);
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private Store store() {
    return server.server.store();
  }

  private Optional<Project> project(String name) {
    return store().projects().findByName(AccessScope.unrestricted(), Space.DEFAULT_ID, name);
  }

  private String projectId(String name) {
    return project(name).orElseThrow(() -> new AssertionError("no project " + name)).id();
  }

  private static Span byName(List<Span> spans, String name) {
    return spans.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no span " + name));
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(text, e);
    }
  }

  static JsonNode assertProblem(HttpTestClient.Reply reply, int status, String detailContains) {
    assertEquals(status, reply.status(), reply.body());
    assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
    JsonNode problem = reply.json();
    assertEquals(status, problem.get("status").asInt());
    if (detailContains != null) {
      assertTrue(problem.get("detail").asText().contains(detailContains), problem.toString());
    }
    return problem;
  }

  /** Keeps what the SDK exports, to encode it as OTLP/JSON with the SDK's own marshaler. */
  private static final class CapturingExporter implements SpanExporter {
    final List<SpanData> spans = new CopyOnWriteArrayList<>();

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      spans.addAll(batch);
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
  }
}
