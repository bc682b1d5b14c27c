package dev.assay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assay.config.AssayConfig;
import dev.assay.server.otlp.OtlpController;
import dev.assay.shared.OverloadedException;
import dev.assay.shared.UnavailableException;
import dev.assay.traces.IngestService;
import dev.assay.traces.SpanWriter;
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
 * overloaded, 503 when shutting down. The receiver is mounted over a writer that refuses, through the
 * real problem mapping; the real writer's refusals are its own tests.
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
      routes.post("/overloaded/v1/traces", ctx -> controller(overloaded).exportTraces(ctx));
      routes.post("/closed/v1/traces", ctx -> controller(closed).exportTraces(ctx));
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

  private OtlpController controller(SpanWriter writer) {
    return new OtlpController(new IngestService(running.get().server.store().projects(), writer), 1 << 20);
  }
}
