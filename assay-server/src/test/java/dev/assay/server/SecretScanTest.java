package dev.assay.server;

import static dev.assay.server.V2TestClient.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.config.AssayConfig;
import dev.assay.server.auth.Access;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The response secret scan that every {@link TestServer} runs catches a planted leak, and only a leak. */
class SecretScanTest {
  @TempDir Path workingDir;

  @Test
  void aResponseEchoingARequestSecret_becomes500_andFailsTheServersClose() {
    TestServer server = TestServer.withRoutes(AssayConfig.defaults(workingDir), routes -> {
      routes.post("/test/echo", ctx -> ctx.result(ctx.body()), Access.PUBLIC);
      routes.get("/test/planted", ctx -> ctx.result("{\"note\": \"the key is sk-planted-0123456789\"}"), Access.PUBLIC);
      routes.get("/test/clean", ctx -> ctx.result("{\"api_key\": \"********\"}"), Access.PUBLIC);
    });
    try {
      HttpTestClient.Reply echoed = server.client.post("/test/echo",
          body("name", "m", "api_key", "sk-planted-0123456789"));
      assertEquals(500, echoed.status(), "the request's own echo already leaks: " + echoed.body());
      assertTrue(echoed.body().contains("field 'api_key'"), echoed.body());
      assertEquals(500, server.client.get("/test/planted").status(), "a later response with the secret");
      assertEquals(200, server.client.get("/test/clean").status(), "masked values are fine");
      assertEquals(500, server.client.post("/test/echo", body("headers", Map.of("X-Api", "header-secret-value"))).status(),
          "the value of a headers object");
      HttpTestClient.Reply bearer = server.client.send("POST", "/test/echo", "{\"x\": \"ak-bearer-token-value\"}",
          "Authorization", "Bearer ak-bearer-token-value");
      assertEquals(500, bearer.status(), "a bearer token echoed back");
    } finally {
      AssertionError failed = assertThrows(AssertionError.class, server::close);
      assertTrue(failed.getMessage().contains("GET /test/planted answered with a secret"), failed.getMessage());
    }
  }
}
