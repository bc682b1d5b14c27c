package dev.assay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.config.AssayConfig;
import dev.assay.server.auth.Access;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The web UI (the assay-web build on the test classpath) is served at {@code /} with deep links, and its
 * fallback never answers for an API path, whatever the request accepts.
 */
class WebUiTest {
  private static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

  @TempDir static Path workingDir;
  private static TestServer server;
  private static HttpTestClient client;

  @BeforeAll
  static void start() {
    server = TestServer.withRoutes(AssayConfig.defaults(workingDir),
        routes -> routes.post("/v2/test-post-only", ctx -> ctx.status(204), Access.PUBLIC));
    client = server.client;
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void assertIndexHtml(HttpTestClient.Reply reply) {
    assertEquals(200, reply.status(), reply.body());
    assertTrue(reply.contentType().startsWith("text/html"), reply.contentType());
    assertTrue(reply.body().contains("<div id=\"root\"></div>"), reply.body());
    assertEquals("no-cache", reply.header("Cache-Control"));
  }

  private static JsonNode assertProblem(HttpTestClient.Reply reply, int status) {
    assertEquals(status, reply.status(), reply.body());
    assertEquals(Problem.CONTENT_TYPE, reply.contentType());
    return reply.json();
  }

  @Test
  void root_isIndexHtmlThatIsNeverCached() {
    assertIndexHtml(client.get("/", "Accept", HTML));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/projects", "/projects/p1/traces", "/projects/p1/sessions?cursor=x", "/evaluators",
      "/settings"})
  void deepLinks_areIndexHtml_forBrowsersAndPlainClients(String path) {
    assertIndexHtml(client.get(path, "Accept", HTML));
    assertIndexHtml(client.get(path, "Accept", "*/*"));
    assertIndexHtml(client.get(path));
  }

  @Test
  void assets_areServedWithTheirTypeAndALongCacheLifetime() {
    String index = client.get("/").body();
    for (String asset : new String[] {assetPath(index, "js"), assetPath(index, "css")}) {
      HttpTestClient.Reply reply = client.get(asset);
      assertEquals(200, reply.status(), asset);
      assertEquals("public, max-age=31536000, immutable", reply.header("Cache-Control"), asset);
      assertTrue(reply.contentType().contains(asset.endsWith(".js") ? "javascript" : "text/css"), reply.contentType());
      assertTrue(reply.body().length() > 100, asset);
    }
  }

  @Test
  void missingAsset_is404Problem() {
    assertProblem(client.get("/assets/missing-0000.js", "Accept", "*/*"), 404);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "none", value = {
      "/v1/nope | " + HTML, "/v1/nope | */*", "/v1/nope | none", "/v1/nope | application/json",
      "/v2/nope | " + HTML, "/v2/projects/p1/nope | " + HTML, "/v2 | " + HTML, "/v1 | none",
      "/healthz/extra | " + HTML, "/readyz/extra | */*", "/nope | " + HTML, "/favicon.ico | */*"})
  void pathsOutsideTheUi_are404ProblemWhateverTheyAccept(String path, String accept) {
    HttpTestClient.Reply reply = accept == null ? client.get(path) : client.get(path, "Accept", accept);

    JsonNode problem = assertProblem(reply, 404);
    assertEquals("no route for GET " + path, problem.get("detail").asText());
  }

  @Test
  void health_answersAsApi_evenToABrowser() {
    HttpTestClient.Reply reply = client.get("/healthz", "Accept", HTML);

    assertEquals(200, reply.status(), reply.body());
    assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
  }

  @Test
  void apiPathWithAnotherMethod_stays405_forABrowser() {
    HttpTestClient.Reply reply = client.get("/v2/test-post-only", "Accept", HTML);

    assertProblem(reply, 405);
    assertTrue(reply.header("Allow").contains("POST"), reply.header("Allow"));
  }

  @Test
  void pages_areNotAnsweredToJsonClientsOrOtherMethods() {
    assertProblem(client.get("/projects", "Accept", "application/json"), 404);
    assertTrue(client.post("/projects", "{}").status() >= 400);
    assertEquals(Problem.CONTENT_TYPE, client.post("/projects", "{}").contentType());
  }

  @Test
  void head_ofAPage_is200WithoutABody() throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.server.port()
          + "/projects/p1/traces")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, reply.statusCode());
      assertEquals("", reply.body());
    }
  }

  @Test
  void withoutTheUiBuild_theRootExplainsHowToBuildIt_andApisStillAnswer() {
    WebUi missing = new WebUi("no-such-ui-folder");
    Javalin app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      new Problems(Json.create(), 1024).register(cfg.routes);
      missing.register(cfg);
      cfg.routes.get("/v2/ping", ctx -> ctx.result("pong"));
    }).start("127.0.0.1", 0);
    try (HttpTestClient bare = new HttpTestClient(app.port())) {
      JsonNode problem = assertProblem(bare.get("/", "Accept", HTML), 404);
      assertTrue(problem.get("detail").asText().contains("the web UI is not part of this build"), problem.toString());
      assertTrue(problem.get("detail").asText().contains("npm run build"), problem.toString());
      assertEquals("pong", bare.get("/v2/ping", "Accept", HTML).body());
      assertProblem(bare.get("/v2/nope", "Accept", HTML), 404);
    } finally {
      app.stop();
    }
  }

  @Test
  void aUiBuildThatClaimsAnApiPath_isRefused() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new WebUi("web-ui-claims-v2"));
    assertTrue(e.getMessage().contains("/v2"), e.getMessage());
  }

  private static String assetPath(String indexHtml, String extension) {
    Matcher m = Pattern.compile("\"(/assets/[^\"]+\\." + extension + ")\"").matcher(indexHtml);
    assertTrue(m.find(), "no ." + extension + " asset in " + indexHtml);
    return m.group(1);
  }
}
