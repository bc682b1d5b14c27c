package dev.assay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.assay.config.AssayConfig;
import com.google.rpc.RetryInfo;
import dev.assay.server.auth.Access;
import dev.assay.server.otlp.OtlpController;
import dev.assay.server.otlp.OtlpGrpcServer;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.OverloadedException;
import dev.assay.shared.UnavailableException;
import dev.assay.traces.IngestService;
import dev.assay.traces.SpanWriter;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full writer is refused with the retryable statuses OTLP exporters honour: 429 with Retry-After when
 * overloaded, 503 when shutting down; over gRPC RESOURCE_EXHAUSTED with RetryInfo and UNAVAILABLE. The
 * receivers are mounted over a writer that refuses, through the real mappings; the real writer's refusals
 * are its own tests.
 */
class OtlpBackPressureTest {
  @TempDir Path workingDir;
  private final AtomicReference<TestServer> running = new AtomicReference<>();
  private TestServer server;

  @BeforeEach
  void start() {
    SpanWriter overloaded = (spans, weight) -> {
      throw new OverloadedException("the spans writer is full", Duration.ofMillis(2500));
    };
    SpanWriter closed = (spans, weight) -> {
      throw new UnavailableException("the spans writer is closed");
    };
    server = TestServer.withRoutes(AssayConfig.defaults(workingDir), routes -> {
      routes.post("/overloaded/v1/traces", ctx -> controller(overloaded).exportTraces(ctx), Access.MEMBER);
      routes.post("/closed/v1/traces", ctx -> controller(closed).exportTraces(ctx), Access.MEMBER);
    });
    running.set(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void overloadedWriter_is429WithRetryAfterInWholeSeconds() {
    HttpTestClient.Reply reply = post("/overloaded/v1/traces");

    OtlpReceiverContract.assertProblem(reply, 429, "full");
    assertEquals("3", reply.header("Retry-After"));
  }

  @Test
  void closedWriter_is503() {
    OtlpReceiverContract.assertProblem(post("/closed/v1/traces"), 503, "closed");
  }

  @Test
  void aSmallWriterQueueFromConfig_acceptsWhatFits_andRefusesARequestThatNeverCould() {
    try (TestServer small = TestServer.start(AssayConfig.defaults(workingDir.resolve("small")).withWriterQueueRows(2))) {
      var trace = OtlpReceiverContract.randomTraceId();
      byte[] fits = OtlpReceiverContract.request("small", OtlpReceiverContract.span(trace, OtlpReceiverContract.randomSpanId()),
          OtlpReceiverContract.span(trace, OtlpReceiverContract.randomSpanId())).toByteArray();
      byte[] tooBig = OtlpReceiverContract.request("small", OtlpReceiverContract.span(trace, OtlpReceiverContract.randomSpanId()),
          OtlpReceiverContract.span(trace, OtlpReceiverContract.randomSpanId()),
          OtlpReceiverContract.span(trace, OtlpReceiverContract.randomSpanId())).toByteArray();

      assertEquals(200, small.client.post("/v1/traces", "application/x-protobuf", BodyPublishers.ofByteArray(fits)).status());
      OtlpReceiverContract.assertProblem(small.client.post("/v1/traces", "application/x-protobuf", BodyPublishers.ofByteArray(tooBig)),
          400, "split it");
    }
  }

  private HttpTestClient.Reply post(String path) {
    byte[] body = OtlpReceiverContract.request("p", OtlpReceiverContract.span(OtlpReceiverContract.randomTraceId(),
        OtlpReceiverContract.randomSpanId())).toByteArray();
    return server.client.post(path, "application/x-protobuf", BodyPublishers.ofByteArray(body));
  }

  @Test
  void grpc_overloadedWriter_isResourceExhaustedWithRetryInfo() throws Exception {
    StatusRuntimeException e = grpcExport((spans, weight) -> {
      throw new OverloadedException("the spans writer is full", Duration.ofMillis(2500));
    });

    assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
    assertEquals("the spans writer is full", e.getStatus().getDescription());
    RetryInfo retry = StatusProto.fromThrowable(e).getDetails(0).unpack(RetryInfo.class);
    assertEquals(2, retry.getRetryDelay().getSeconds());
    assertEquals(500_000_000, retry.getRetryDelay().getNanos());
  }

  @Test
  void grpc_closedWriter_isUnavailable() throws Exception {
    StatusRuntimeException e = grpcExport((spans, weight) -> {
      throw new UnavailableException("the spans writer is closed");
    });
    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
    assertEquals("the spans writer is closed", e.getStatus().getDescription());
  }

  @Test
  void grpc_invalidInput_isInvalidArgument_andAnythingElseIsInternalWithAGenericMessage() throws Exception {
    StatusRuntimeException invalid = grpcExport((spans, weight) -> {
      throw new InvalidInputException("split it");
    });
    StatusRuntimeException bug = grpcExport((spans, weight) -> {
      throw new IllegalStateException("secret internals");
    });

    assertEquals(Status.Code.INVALID_ARGUMENT, invalid.getStatus().getCode());
    assertEquals("split it", invalid.getStatus().getDescription());
    assertEquals(Status.Code.INTERNAL, bug.getStatus().getCode());
    assertEquals("internal error; see the server log", bug.getStatus().getDescription());
  }

  /** One export through a gRPC receiver on a free port over {@code writer}; the status it fails with. */
  private StatusRuntimeException grpcExport(SpanWriter writer) throws IOException {
    OtlpGrpcServer grpc = new OtlpGrpcServer(new IngestService(server.server.store().projects(), writer), "127.0.0.1", 0, 1 << 20)
        .start();
    try (GrpcTestClient client = new GrpcTestClient(grpc.port())) {
      var request = OtlpReceiverContract.request("p", OtlpReceiverContract.span(OtlpReceiverContract.randomTraceId(),
          OtlpReceiverContract.randomSpanId()));
      return assertThrows(StatusRuntimeException.class, () -> client.export(request, false));
    } finally {
      grpc.stop(Duration.ofSeconds(5));
    }
  }

  private OtlpController controller(SpanWriter writer) {
    return new OtlpController(new IngestService(running.get().server.store().projects(), writer), 1 << 20);
  }
}
