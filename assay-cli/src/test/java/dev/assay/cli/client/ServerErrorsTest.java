package dev.assay.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.assay.cli.Cli;
import dev.assay.cli.CliException;
import dev.assay.cli.ExitCodes;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How failed requests become one line and an exit code. Assay's server has no authentication yet, so 401 and
 * 403 come from a stub HTTP server (com.sun.net.httpserver) that answers what an Assay with auth on will:
 * problem JSON. The same stub stands in for other statuses and for a server that is not Assay.
 */
class ServerErrorsTest {
  @TempDir Path tmp;
  private HttpServer stub;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopStub() {
    if (stub != null) {
      stub.stop(0);
    }
  }

  private String stub(int status, String contentType, String body) throws IOException {
    stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    stub.createContext("/", exchange -> {
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", contentType);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    stub.start();
    return "http://127.0.0.1:" + stub.getAddress().getPort();
  }

  private static String problem(int status, String title, String detail) {
    return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
  }

  private static void assertOneLine(Cli.Result result, int exitCode, String expectedLine) {
    assertEquals(exitCode, result.exitCode(), result.toString());
    assertEquals(expectedLine + "\n", result.err());
    assertEquals("", result.out());
  }

  @Test
  void rejectedApiKey_isExit5_andSaysWhereToSetTheKey() throws Exception {
    String url = stub(401, "application/problem+json", problem(401, "Unauthorized", "invalid API key"));

    Cli.Result result = new Cli(tmp).env("ASSAY_URL", url).env("ASSAY_API_KEY", "wrong-key").run("projects", "list");

    assertOneLine(result, ExitCodes.AUTH, "assay: Assay at " + url + " refused the credentials (HTTP 401 Unauthorized: "
        + "invalid API key); sign in with `assay auth login` or set the API key with ASSAY_API_KEY");
    assertEquals(List.of("Bearer wrong-key"), authorizations);
  }

  @Test
  void forbidden_isExit5_too() throws Exception {
    String url = stub(403, "application/problem+json", problem(403, "Forbidden", "no access to space 'x'"));

    Cli.Result result = new Cli(tmp).run("spaces", "get", "x", "--url", url);

    assertEquals(ExitCodes.AUTH, result.exitCode(), result.toString());
    assertTrue(result.err().contains("(HTTP 403 Forbidden: no access to space 'x')"), result.err());
    assertEquals(List.of("null"), authorizations, "no key configured, no Authorization header");
  }

  @Test
  void serverError_isExit1_withTheProblemsTitleAndDetail() throws Exception {
    String url = stub(500, "application/problem+json", problem(500, "Internal Server Error", "logged with error_id 42"));

    assertOneLine(new Cli(tmp).run("projects", "get", "p", "--url", url), ExitCodes.FAILURE,
        "assay: HTTP 500 Internal Server Error: logged with error_id 42");
  }

  @Test
  void errorWithoutProblemJson_stillNamesTheStatus() throws Exception {
    String url = stub(502, "text/html", "<html>bad gateway</html>");

    assertOneLine(new Cli(tmp).run("projects", "list", "--url", url), ExitCodes.FAILURE, "assay: HTTP 502");
  }

  @Test
  void successThatIsNotJson_isExit1_askingWhetherItIsAssay() throws Exception {
    String url = stub(200, "text/html", "<html>a web page</html>");

    Cli.Result result = new Cli(tmp).run("projects", "list", "--url", url);

    assertOneLine(result, ExitCodes.FAILURE, "assay: the server at " + url
        + " did not answer with JSON (HTTP 200, text/html); is it an Assay server?");
  }

  @Test
  void closedPort_isExit4_withOneLineNamingTheUrl() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closed;

    Cli.Result result = new Cli(tmp).env("ASSAY_URL", url).run("projects", "list");

    assertOneLine(result, ExitCodes.UNREACHABLE, "assay: cannot reach Assay at " + url + " — is `assay server` running?");
  }

  @Test
  void unknownHost_isExit4_namingTheHost() {
    Cli.Result result = new Cli(tmp).run("projects", "list", "--url", "http://assay.invalid:6006");

    assertOneLine(result, ExitCodes.UNREACHABLE, "assay: cannot reach Assay at http://assay.invalid:6006: unknown host "
        + "'assay.invalid'");
  }

  @Test
  void noAnswerInTime_isExit4() throws Exception {
    stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    stub.createContext("/", exchange -> {
      try {
        Thread.sleep(1_500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    stub.start();
    URI url = URI.create("http://127.0.0.1:" + stub.getAddress().getPort());

    try (ApiClient client = new ApiClient(url, null, null, Duration.ofMillis(200))) {
      CliException e = assertThrows(CliException.class, () -> client.get("/v2/projects", Map.of()));
      assertEquals(ExitCodes.UNREACHABLE, e.exitCode());
      assertEquals("Assay at " + url + " did not answer within 200 ms", e.getMessage());
    }
  }

  @Test
  void verbose_logsEachRequestOnStderr_andNeverTheKey() throws Exception {
    String url = stub(200, "application/json", "{\"spaces\":[],\"pagination\":{\"has_more\":false}}");

    Cli.Result result = new Cli(tmp).env("ASSAY_API_KEY", "secret-key-123").run("spaces", "list", "--url", url, "-v");

    assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
    List<String> lines = result.err().lines().toList();
    assertEquals("> GET " + url + "/v2/spaces?limit=100", lines.get(0));
    assertTrue(lines.get(1).matches("< 200 \\(\\d+ ms\\)"), lines.get(1));
    assertFalse(result.err().contains("secret-key-123"));
  }
}
