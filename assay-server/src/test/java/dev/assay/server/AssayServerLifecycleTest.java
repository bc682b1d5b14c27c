package dev.assay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.config.AssayConfig;
import dev.assay.config.ConfigKey;
import dev.assay.server.auth.Access;
import dev.assay.server.otlp.OtlpGrpcServer;
import dev.assay.traces.IngestService;
import dev.assay.traces.SpanWriter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import dev.assay.auth.AccessScope;
import dev.assay.jobs.Job;
import dev.assay.jobs.JobStatus;
import dev.assay.jobs.NewJob;
import dev.assay.projects.ProjectStore;
import dev.assay.spaces.Space;
import dev.assay.store.JdbcStore;
import dev.assay.traces.Span;
import dev.assay.shared.UnavailableException;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssayServerLifecycleTest {
  @TempDir Path workingDir;

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void startAndStop_runServicesInOrder_receiversLastUpAndFirstDown() {
    List<String> events = new CopyOnWriteArrayList<>();
    int[] port = new int[2];
    TestServer server = TestServer.withServices(AssayConfig.defaults(workingDir), store -> {
      store.check(); // the store is open before any service starts
      return List.of(
          new Managed("writer", () -> events.add("writer started"), () -> events.add("writer stopped")),
          new Managed("workers", () -> events.add("workers started"), () -> {
            events.add("workers stopped; http accepting=" + accepts(port[0]) + ", grpc accepting=" + accepts(port[1]));
          }));
    });
    port[0] = server.server.port();
    port[1] = server.server.grpcPort();
    var store = server.server.store();

    assertEquals(List.of("writer started", "workers started"), events);
    assertEquals(200, server.client.get("/readyz").status());

    server.close();

    assertEquals(List.of("writer started", "workers started", "workers stopped; http accepting=false, grpc accepting=false",
        "writer stopped"), events);
    assertThrows(UnavailableException.class, store::check, "the store closes last");
  }

  @Test
  void stop_letsAnInFlightRequestFinish_andRefusesNewConnections() throws Exception {
    CountDownLatch inHandler = new CountDownLatch(1);
    TestServer server = TestServer.withRoutes(AssayConfig.defaults(workingDir), routes -> routes.get("/test/slow", ctx -> {
      inHandler.countDown();
      Thread.sleep(500);
      ctx.result("done");
    }, Access.PUBLIC));
    int port = server.server.port();
    CompletableFuture<HttpTestClient.Reply> slow = CompletableFuture.supplyAsync(() -> server.client.get("/test/slow"));
    assertTrue(inHandler.await(5, TimeUnit.SECONDS));

    server.server.stop();

    HttpTestClient.Reply reply = slow.get(5, TimeUnit.SECONDS);
    assertEquals(200, reply.status());
    assertEquals("done", reply.body());
    assertFalse(accepts(port));
    server.client.close();
  }

  @Test
  void start_whenAServiceFails_stopsWhatStartedAndClosesTheStore() {
    List<String> events = new CopyOnWriteArrayList<>();
    AssayServer server = new AssayServer(AssayConfig.defaults(workingDir).withPort(0).withGrpcPort(0), Clock.systemUTC(),
        new AssayServer.Hooks(routes -> {}, line -> {}, store -> List.of(
            new Managed("writer", () -> events.add("writer started"), () -> events.add("writer stopped")),
            new Managed("workers", () -> {
              throw new IllegalStateException("workers cannot start");
            }, () -> events.add("workers stopped")))));

    IllegalStateException e = assertThrows(IllegalStateException.class, server::start);

    assertEquals("workers cannot start", e.getMessage());
    assertEquals(List.of("writer started", "writer stopped"), events);
    assertThrows(UnavailableException.class, () -> server.store().check());
    server.stop(); // still safe
  }

  @Test
  void stop_isIdempotent_andAStoppedServerDoesNotStartAgain() {
    TestServer server = TestServer.start(AssayConfig.defaults(workingDir));

    server.server.stop();
    server.server.stop();

    assertThrows(IllegalStateException.class, server.server::start);
  }

  @Test
  void stop_beforeStart_preventsTheStart() throws InterruptedException {
    AssayServer server = new AssayServer(AssayConfig.defaults(workingDir).withPort(0).withGrpcPort(0));

    server.stop();
    server.awaitStop(); // returns at once

    assertThrows(IllegalStateException.class, server::start);
  }

  @Test
  void start_onAPortInUse_failsWithOneClearLine() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      AssayServer server = new AssayServer(AssayConfig.defaults(workingDir).withPort(taken.getLocalPort()).withGrpcPort(0));

      ServerStartException e = assertThrows(ServerStartException.class, server::start);

      assertEquals("port " + taken.getLocalPort() + " is already in use on 127.0.0.1; set --port/ASSAY_PORT",
          e.getMessage());
      server.stop();
    }
  }

  @Test
  void start_onAGrpcPortInUse_failsWithOneClearLine_beforeOpeningTheStore() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      AssayServer server = new AssayServer(AssayConfig.defaults(workingDir).withPort(0).withGrpcPort(port));

      ServerStartException e = assertThrows(ServerStartException.class, server::start);

      assertEquals("port " + port + " is already in use on 127.0.0.1; set --grpc-port/ASSAY_GRPC_PORT", e.getMessage());
      assertEquals(null, server.store(), "the store was not opened");
      server.stop();
    }
  }

  @Test
  void grpcBindFailure_fromNetty_isTheSameOneLine() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      // No call reaches the service: a project store that is never used will do.
      ProjectStore unused = (ProjectStore) Proxy.newProxyInstance(ProjectStore.class.getClassLoader(),
          new Class<?>[] {ProjectStore.class}, (proxy, method, args) -> {
            throw new UnsupportedOperationException();
          });
      OtlpGrpcServer grpc = new OtlpGrpcServer(new IngestService(unused, (spans, weight) -> null), "127.0.0.1", port, 1024);

      IOException e = assertThrows(IOException.class, grpc::start);

      assertEquals("port " + port + " is already in use on 127.0.0.1; set --grpc-port/ASSAY_GRPC_PORT",
          Binding.failure("127.0.0.1", port, ConfigKey.GRPC_PORT, e).getMessage());
    }
  }

  @Test
  void grpc_listensOnAFreePort_andStopReleasesIt() {
    TestServer server = TestServer.start(AssayConfig.defaults(workingDir));
    int grpcPort = server.server.grpcPort();
    assertTrue(grpcPort > 0 && grpcPort != server.server.port(), "bound: " + grpcPort);
    assertTrue(accepts(grpcPort));

    server.close();

    assertFalse(accepts(grpcPort));
    Binding.requireFree("127.0.0.1", grpcPort, ConfigKey.GRPC_PORT); // free again
  }

  @Test
  void grpcStop_letsAnInFlightExportFinishAfterItsCommit_andReleasesThePort() throws Exception {
    try (TestServer server = TestServer.start(AssayConfig.defaults(workingDir))) {
      CountDownLatch submitted = new CountDownLatch(1);
      SpanWriter slowCommit = (spans, weight) -> {
        submitted.countDown();
        // Completed on the delay scheduler's own thread: the common pool may have one thread, busy with the client.
        return CompletableFuture.runAsync(() -> {}, CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS, Runnable::run));
      };
      OtlpGrpcServer grpc = new OtlpGrpcServer(new IngestService(server.server.store().projects(), slowCommit),
          "127.0.0.1", 0, 1 << 20).start();
      int port = grpc.port();
      try (GrpcTestClient client = new GrpcTestClient(port)) {
        var request = OtlpReceiverContract.request("slow", OtlpReceiverContract.span(OtlpReceiverContract.randomTraceId(),
            OtlpReceiverContract.randomSpanId()));
        CompletableFuture<ExportTraceServiceResponse> inFlight = CompletableFuture.supplyAsync(() -> client.export(request, false));
        assertTrue(submitted.await(10, TimeUnit.SECONDS));

        grpc.stop(Duration.ofSeconds(5));

        assertEquals(ExportTraceServiceResponse.getDefaultInstance(), inFlight.get(5, TimeUnit.SECONDS));
        assertFalse(accepts(port));
      }
    }
  }

  @Test
  void accessLog_writesExactlyOneStructuredLinePerRequest() throws InterruptedException {
    try (TestServer server = TestServer.start(AssayConfig.defaults(workingDir))) {
      server.client.get("/healthz");
      server.client.get("/readyz?token=secret");
      server.client.get("/nope");

      List<String> lines = server.awaitAccessLog(3);
      Thread.sleep(100); // and no more than one line each

      assertEquals(3, server.accessLog.size(), lines.toString());
      Pattern line = Pattern.compile(
          "method=GET path=(\\S+) status=(\\d{3}) duration_ms=\\d+\\.\\d bytes=(\\d+) remote=127\\.0\\.0\\.1");
      var healthz = line.matcher(lines.get(0));
      assertTrue(healthz.matches(), lines.get(0));
      assertEquals("/healthz", healthz.group(1));
      assertEquals("200", healthz.group(2));
      assertEquals("15", healthz.group(3), "bytes counts the body {\"status\":\"ok\"}");
      assertTrue(lines.get(1).contains("path=/readyz status=200"), lines.get(1));
      assertFalse(lines.get(1).contains("secret"), "the query string is not logged");
      assertTrue(lines.get(2).contains("path=/nope status=404"), lines.get(2));
    }
  }

  @Test
  void accessLogValue_quotesOnlyWhenNeeded() {
    assertEquals("/v1/traces", AccessLog.value("/v1/traces"));
    assertEquals("\"a b\"", AccessLog.value("a b"));
    assertEquals("\"say \\\"hi\\\"\"", AccessLog.value("say \"hi\""));
    assertEquals("\"\"", AccessLog.value(null));
  }

  @Test
  void stop_commitsEverySpanTheWriterAccepted_andLeavesJobsOfUnknownKindsQueued() throws Exception {
    TestServer server = TestServer.start(AssayConfig.defaults(workingDir));
    AssayServer assay = server.server;
    String projectId = assay.store().projects().getOrCreate(AccessScope.unrestricted(), Space.DEFAULT_ID, "lifecycle").id();
    Job foreign = assay.store().jobs().enqueue(NewJob.of("kind.from.a.newer.version", "{}"));
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    for (int trace = 0; trace < 40; trace++) {
      List<Span> spans = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        spans.add(new Span(projectId, "trace-" + trace, "span-" + i, i == 0 ? null : "span-0", "step", "CHAIN",
            1_000L * i, 1_000L * i + 500, "OK", null, "in", null, "out", null, null, null, null, null, null, null,
            null, null, "{}", "[]"));
      }
      acks.add(assay.spanWriter().submit(spans));
    }

    server.close();

    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    try (JdbcStore reopened = JdbcStore.open(AssayConfig.defaults(workingDir).database(), 1, Clock.systemUTC())) {
      assertEquals(1_000, reopened.spans().countSpans(AccessScope.unrestricted(), projectId));
      Job after = reopened.jobs().find(foreign.id()).orElseThrow();
      assertEquals(JobStatus.QUEUED, after.status());
      assertEquals(0, after.attempts(), "a replica must not spend attempts on a kind it has no handler for");
    }
  }
}
