package dev.assay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.config.AssayConfig;
import dev.assay.projects.ProjectService;
import dev.assay.server.auth.Access;
import dev.assay.server.v2.ExportController;
import dev.assay.server.v2.SpanController;
import dev.assay.spaces.SpaceService;
import dev.assay.store.Store;
import dev.assay.traces.Span;
import dev.assay.traces.SpanExportService;
import dev.assay.traces.SpanService;
import dev.assay.traces.SpanStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export that fails after its first bytes: the client must see a cut transfer (no final chunk), never a
 * complete-looking body and never a problem document appended to it. The failure is injected with a span store
 * whose {@code stream} throws after two spans, behind a test route served by the real {@link ExportController}.
 */
class ExportCutTest {
  private static final String OTLP = """
      {"resourceSpans": [{"scopeSpans": [{"spans": [
        {"traceId": "0af7651916cd43dd8448eb211c80319c", "spanId": "b7ad6b7169203331", "name": "one",
         "startTimeUnixNano": "1767225600000000000", "endTimeUnixNano": "1767225601000000000"},
        {"traceId": "0af7651916cd43dd8448eb211c80319c", "spanId": "b7ad6b7169203332", "name": "two",
         "startTimeUnixNano": "1767225600100000000", "endTimeUnixNano": "1767225600900000000"},
        {"traceId": "0af7651916cd43dd8448eb211c80319c", "spanId": "b7ad6b7169203333", "name": "three",
         "startTimeUnixNano": "1767225600200000000", "endTimeUnixNano": "1767225600900000000"}]}]}]}""";

  @TempDir Path workingDir;
  private TestServer server;

  @BeforeEach
  void start() {
    TestServer[] self = new TestServer[1];
    server = TestServer.withRoutes(AssayConfig.defaults(workingDir), routes -> routes.get("/test/failing-export",
        ctx -> failingExports(self[0].server.store()).spans(ctx), Access.VIEWER));
    self[0] = server;
    HttpTestClient.Reply reply = server.client.post("/v1/traces", "application/json",
        HttpRequest.BodyPublishers.ofString(OTLP), "x-project-name", "cut");
    assertEquals(200, reply.status(), reply.body());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** The real controller over a store whose export read fails after two spans. */
  private static ExportController failingExports(Store store) {
    SpanStore real = store.spans();
    SpanStore failing = (SpanStore) Proxy.newProxyInstance(SpanStore.class.getClassLoader(), new Class<?>[] {SpanStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals("stream")) {
            @SuppressWarnings("unchecked")
            Consumer<Span> sink = (Consumer<Span>) args[2];
            int[] seen = {0};
            return real.stream((dev.assay.auth.AccessScope) args[0], (dev.assay.traces.SpanExportQuery) args[1], span -> {
              if (++seen[0] == 3) {
                throw new IllegalStateException("the database went away");
              }
              sink.accept(span);
            });
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    ProjectService projects = new ProjectService(store.projects(), new SpaceService(store.spaces()));
    var json = Json.create();
    return new ExportController(new SpanExportService(projects, failing, Clock.systemUTC()),
        new SpanController(new SpanService(projects, failing, store.traces(), Clock.systemUTC()), store.evaluations(), json), json);
  }

  @Test
  void aFailureAfterTheFirstBytes_cutsTheTransfer_insteadOfCompletingIt() throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + server.server.port() + "/test/failing-export?project_id=cut"
        + "&start_time=2000-01-01T00:00:00Z&end_time=2100-01-01T00:00:00Z");
    try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofInputStream());
      assertEquals(200, response.statusCode(), "the status went out before the failure");
      List<String> lines = new ArrayList<>();
      IOException cut = assertThrows(IOException.class, () -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            lines.add(line);
          }
        }
      }, "the body must not end normally");
      assertTrue(lines.size() <= 2, "at most the two spans before the failure: " + lines);
      lines.forEach(line -> assertTrue(line.startsWith("{\"name\":"), "only span lines, no problem document: " + line));
      assertTrue(cut.getMessage() != null, cut.toString());
    }
    // The server is fine afterwards.
    assertEquals(200, server.client.get("/v2/spans/export?project_id=cut&start_time=2000-01-01T00:00:00Z").status());
  }
}
