package dev.assay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.config.AssayConfig;
import dev.assay.server.auth.Access;
import dev.assay.shared.ConflictException;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.OverloadedException;
import dev.assay.shared.UnavailableException;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of error answers RFC 9457 problem JSON, through routes registered only for this test. */
class ProblemJsonTest {
  private static final int LIMIT = 1024;

  record Echo(String name, int count) {}

  record Stamp(Instant createdAt, String displayName) {}

  @TempDir static Path workingDir;
  private static TestServer server;
  private static HttpTestClient client;

  @BeforeAll
  static void start() {
    server = TestServer.withRoutes(AssayConfig.defaults(workingDir).withMaxRequestBytes(LIMIT), routes -> {
      routes.get("/test/boom", ctx -> {
        throw new IllegalStateException("secret internal detail");
      }, Access.PUBLIC);
      routes.get("/test/not-found", ctx -> {
        throw new NotFoundException("project 'p1' not found");
      }, Access.PUBLIC);
      routes.get("/test/conflict", ctx -> {
        throw new ConflictException("a dataset named 'golden' already exists");
      }, Access.PUBLIC);
      routes.get("/test/invalid", ctx -> {
        throw new InvalidInputException("limit must be between 1 and 1000");
      }, Access.PUBLIC);
      routes.get("/test/overloaded", ctx -> {
        throw new OverloadedException("the ingest queue is full", Duration.ofMillis(1500));
      }, Access.PUBLIC);
      routes.get("/test/unavailable", ctx -> {
        throw new UnavailableException("the writer is closed");
      }, Access.PUBLIC);
      routes.get("/test/teapot", ctx -> ctx.status(418), Access.PUBLIC);
      routes.get("/test/validated", ctx -> ctx.queryParamAsClass("limit", Integer.class).get(), Access.PUBLIC);
      routes.get("/test/stamp", ctx -> ctx.json(new Stamp(Instant.parse("2026-01-02T03:04:05.123Z"), "x")), Access.PUBLIC);
      routes.post("/test/echo", ctx -> ctx.json(ctx.bodyAsClass(Echo.class)), Access.PUBLIC);
    });
    client = server.client;
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode problem(HttpTestClient.Reply reply, int status) {
    assertEquals(status, reply.status(), reply.body());
    assertEquals(Problem.CONTENT_TYPE, reply.contentType());
    JsonNode problem = reply.json();
    assertEquals(status, problem.get("status").asInt());
    assertTrue(problem.hasNonNull("type") && problem.hasNonNull("title"), problem.toString());
    return problem;
  }

  @Test
  void unknownRoute_is404() {
    JsonNode p = problem(client.get("/nope", "Accept", "application/json"), 404);

    assertEquals("about:blank", p.get("type").asText());
    assertEquals("Not Found", p.get("title").asText());
    assertEquals("no route for GET /nope", p.get("detail").asText());
    assertEquals("/nope", p.get("instance").asText());
  }

  @Test
  void unknownRoute_isProblemJsonWhateverTheClientAccepts() {
    problem(client.get("/nope", "Accept", "text/html"), 404);
    problem(client.get("/nope"), 404);
  }

  @Test
  void wrongMethod_is405WithAllowHeader() {
    HttpTestClient.Reply reply = client.post("/healthz", "{}");

    JsonNode p = problem(reply, 405);
    assertEquals("Method Not Allowed", p.get("title").asText());
    assertTrue(reply.header("Allow").contains("GET"), reply.header("Allow"));
    assertTrue(p.get("detail").asText().startsWith("POST is not allowed on /healthz; allowed: GET"), p.toString());
  }

  @Test
  void declaredLargeBody_is413BeforeAnyHandlerRuns() {
    HttpTestClient.Reply reply = client.post("/test/echo", "{\"name\":\"" + "x".repeat(2 * LIMIT) + "\",\"count\":1}");

    JsonNode p = problem(reply, 413);
    assertEquals("Content Too Large", p.get("title").asText());
    assertEquals("the request body is larger than the limit of 1024 bytes", p.get("detail").asText());
  }

  @Test
  void streamedLargeBody_is413WhenRead() {
    byte[] body = ("{\"name\":\"" + "x".repeat(2 * LIMIT) + "\",\"count\":1}").getBytes();
    // An input-stream publisher has no length, so the request is chunked and the limit applies while reading.
    HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));

    problem(client.post("/test/echo", "application/json", chunked), 413);
  }

  @Test
  void bodyUnderTheLimit_isAccepted() {
    HttpTestClient.Reply reply = client.post("/test/echo", "{\"name\":\"a\",\"count\":2,\"unknown_field\":true}");

    assertEquals(200, reply.status(), reply.body());
    assertEquals("{\"name\":\"a\",\"count\":2}", reply.body());
  }

  @Test
  void malformedJson_is400WithTheParserReason() {
    JsonNode p = problem(client.post("/test/echo", "{\"name\": oops}"), 400);

    assertEquals("Bad Request", p.get("title").asText());
    assertTrue(p.get("detail").asText().startsWith("malformed JSON: Unrecognized token 'oops'"), p.toString());
    assertTrue(p.get("detail").asText().contains("(line 1, column"), p.toString());
  }

  @Test
  void wronglyTypedJson_is400WithoutJavaClassNames() {
    JsonNode p = problem(client.post("/test/echo", "{\"name\":\"a\",\"count\":\"many\"}"), 400);

    String detail = p.get("detail").asText();
    assertTrue(detail.startsWith("invalid JSON body: Cannot deserialize value of type `int`"), detail);
    assertFalse(detail.contains("dev.assay"), detail);
  }

  @Test
  void failedValidation_is400WithFieldErrors() {
    JsonNode p = problem(client.get("/test/validated?limit=ten"), 400);

    assertEquals("invalid limit", p.get("detail").asText());
    assertTrue(p.get("errors").get("limit").isArray(), p.toString());
  }

  @Test
  void unexpectedException_is500WithAnErrorIdAndNoInternals() {
    HttpTestClient.Reply reply = client.get("/test/boom");

    JsonNode p = problem(reply, 500);
    assertFalse(reply.body().contains("secret"), reply.body());
    assertFalse(reply.body().contains("IllegalStateException"), reply.body());
    assertFalse(reply.body().contains("at dev.assay"), reply.body());
    String errorId = p.get("error_id").asText();
    assertTrue(errorId.matches("[0-9a-f-]{36}"), errorId);
    assertEquals("an unexpected error occurred; it was logged with error_id " + errorId, p.get("detail").asText());
  }

  @Test
  void coreExceptions_mapToTheirStatuses() {
    JsonNode notFound = problem(client.get("/test/not-found"), 404);
    assertEquals("urn:assay:problem:not-found", notFound.get("type").asText());
    assertEquals("Not Found", notFound.get("title").asText());
    assertEquals("project 'p1' not found", notFound.get("detail").asText());
    assertEquals("/test/not-found", notFound.get("instance").asText());

    assertEquals("Conflict", problem(client.get("/test/conflict"), 409).get("title").asText());
    assertEquals("Invalid Input", problem(client.get("/test/invalid"), 400).get("title").asText());
    assertEquals("the writer is closed", problem(client.get("/test/unavailable"), 503).get("detail").asText());
  }

  @Test
  void overloaded_is429WithRetryAfterRoundedUpToWholeSeconds() {
    HttpTestClient.Reply reply = client.get("/test/overloaded");

    assertEquals("Overloaded", problem(reply, 429).get("title").asText());
    assertEquals("2", reply.header("Retry-After"));
  }

  @Test
  void retryAfterSeconds_isAtLeastOne() {
    assertEquals(1, Problems.retryAfterSeconds(Duration.ZERO));
    assertEquals(1, Problems.retryAfterSeconds(Duration.ofMillis(1)));
    assertEquals(1, Problems.retryAfterSeconds(null));
    assertEquals(3, Problems.retryAfterSeconds(Duration.ofSeconds(3)));
  }

  @Test
  void handlerSettingOnlyAnErrorStatus_stillGetsAProblem() {
    JsonNode p = problem(client.get("/test/teapot"), 418);

    assertEquals("I'm a Teapot", p.get("title").asText());
    assertNull(p.get("detail"));
  }

  @Test
  void errorsJettyRaisesBeforeJavalin_areProblemJsonToo() {
    HttpTestClient.Reply reply = client.get("/healthz", "X-Huge", "y".repeat(20_000));

    JsonNode p = problem(reply, 431);
    assertEquals("Request Header Fields Too Large", p.get("title").asText());
  }

  @Test
  void json_isSnakeCaseWithIsoInstants() {
    HttpTestClient.Reply reply = client.get("/test/stamp");

    assertEquals("{\"created_at\":\"2026-01-02T03:04:05.123Z\",\"display_name\":\"x\"}", reply.body());
  }
}
