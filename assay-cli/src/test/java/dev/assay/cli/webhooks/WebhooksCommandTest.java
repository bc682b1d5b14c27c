package dev.assay.cli.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.cli.Cli;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LiveServer;
import dev.assay.testing.WebhookReceiver;
import dev.assay.testing.WebhookReceiver.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay webhooks …} against a live server that allows 127.0.0.1, delivering to a receiver there. After each
 * test no run's stdout or stderr may contain the token or the secret header value.
 */
class WebhooksCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "whsec-4b1d6e2f9a8c7b3e5d0f1a2b";
  private static final String HEADER_SECRET = "hdr-secret-8e7d6c5b4a39";
  @TempDir static Path serverDir;
  private static LiveServer server;

  @TempDir Path tmp;
  private final WebhookReceiver receiver = WebhookReceiver.start();
  private final List<Cli.Result> runs = new ArrayList<>();
  private Cli cli;
  private String prefix;

  @BeforeAll
  static void start() {
    server = new LiveServer(serverDir); // allows 127.0.0.1, where the receiver listens
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void setUp(TestInfo test) {
    cli = new Cli(tmp).env("ASSAY_URL", server.url()).env("HOOK_SECRET", TOKEN).env("TEAM_TOKEN", HEADER_SECRET);
    prefix = test.getTestMethod().orElseThrow().getName().toLowerCase() + "-";
  }

  @AfterEach
  void noSecretShows() {
    receiver.close();
    for (Cli.Result run : runs) {
      assertFalse(run.out().contains(TOKEN) || run.err().contains(TOKEN), "the token leaked: " + run);
      assertFalse(run.out().contains(HEADER_SECRET) || run.err().contains(HEADER_SECRET), "a header value leaked: " + run);
    }
  }

  private Cli.Result run(String... args) {
    Cli.Result result = cli.run(args);
    runs.add(result);
    return result;
  }

  private Cli.Result ok(String... args) {
    Cli.Result result = run(args);
    assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
    return result;
  }

  private static JsonNode json(Cli.Result result) throws Exception {
    return JSON.readTree(result.out());
  }

  private JsonNode createSigned(String name) throws Exception {
    return json(ok("webhooks", "create", name, "--endpoint", receiver.url("/" + name), "--auth-type", "HMAC_SHA256",
        "--auth-token-env", "HOOK_SECRET", "--header-env", "X-Team-Token=TEAM_TOKEN", "--header", "X-Env=prod",
        "--timeout-ms", "5000", "-o", "json"));
  }

  @Test
  void create_get_list_update_delete() throws Exception {
    JsonNode created = createSigned(prefix + "alerts");
    assertEquals("HMAC_SHA256", created.path("auth_type").asText());
    assertTrue(created.path("has_auth_token").asBoolean());
    assertEquals("********", created.at("/headers/X-Team-Token").asText());
    assertEquals(5000, created.path("timeout_ms").asInt());

    assertEquals(created, json(ok("webhooks", "get", prefix + "alerts", "-o", "json")));
    assertEquals(created.path("id"), json(ok("webhooks", "get", created.path("id").asText(), "-o", "json")).path("id"));
    assertEquals(1, json(ok("webhooks", "list", "--name", prefix, "-o", "json")).size());
    String table = ok("webhooks", "list", "--name", prefix).out();
    assertTrue(table.lines().findFirst().orElseThrow().startsWith("name"), table);

    JsonNode updated = json(ok("webhooks", "update", prefix + "alerts", "--name", prefix + "renamed", "--clear-headers",
        "--timeout-ms", "2000", "-o", "json"));
    assertEquals(prefix + "renamed", updated.path("name").asText());
    assertEquals(0, updated.path("headers").size());
    assertEquals(2000, updated.path("timeout_ms").asInt());
    assertTrue(updated.path("has_auth_token").asBoolean(), "the token stays");

    ok("webhooks", "delete", prefix + "renamed", "--force");
    assertEquals(ExitCodes.NOT_FOUND, run("webhooks", "get", prefix + "renamed").exitCode());
  }

  @Test
  void test_deliversASignedEvent_andDeliveriesListsIt() throws Exception {
    createSigned(prefix + "hook");

    JsonNode delivery = json(ok("webhooks", "test", prefix + "hook", "-o", "json"));

    assertEquals("SUCCEEDED", delivery.path("status").asText(), delivery.toString());
    WebhookReceiver.Request request = receiver.requests().getFirst();
    assertTrue(request.signatureValid(TOKEN, Duration.ofMinutes(5)), request.header("X-Assay-Signature"));
    assertEquals(HEADER_SECRET, request.header("X-Team-Token"));
    assertEquals("prod", request.header("X-Env"));
    JsonNode log = json(ok("webhooks", "deliveries", prefix + "hook", "-o", "json"));
    assertEquals(1, log.size());
    assertEquals(delivery.path("id"), log.get(0).path("id"));
  }

  @Test
  void aFailedTest_exits1_withTheReason() throws Exception {
    ok("webhooks", "create", prefix + "bearer", "--endpoint", receiver.url("/b"), "--auth-type", "BEARER",
        "--auth-token-env", "HOOK_SECRET");
    receiver.answer(Answer.status(403));

    Cli.Result result = run("webhooks", "test", prefix + "bearer");

    assertEquals(ExitCodes.FAILURE, result.exitCode(), result.toString());
    assertTrue(result.err().contains("the receiver answered HTTP 403"), result.toString());
    assertEquals("Bearer " + TOKEN, receiver.requests().getFirst().header("Authorization"));
  }

  @Test
  void tokenFromStdin() throws Exception {
    cli.stdin(TOKEN + "\n");

    JsonNode created = json(ok("webhooks", "create", prefix + "stdin", "--endpoint", receiver.url("/s"), "--auth-type",
        "BEARER", "--auth-token-stdin", "-o", "json"));

    assertTrue(created.path("has_auth_token").asBoolean());
    ok("webhooks", "test", prefix + "stdin");
    assertEquals("Bearer " + TOKEN, receiver.requests().getFirst().header("Authorization"));
  }

  @Test
  void badInput_isAUsageOrServerError_andStoresNothing() throws Exception {
    Cli.Result inline = run("webhooks", "create", prefix + "x", "--endpoint", receiver.url("/x"), "--auth-type", "BEARER",
        "--auth-token", TOKEN);
    assertEquals(ExitCodes.USAGE, inline.exitCode(), inline.toString());
    assertTrue(inline.err().contains("--auth-token-env"), inline.toString());
    assertEquals(ExitCodes.USAGE, run("webhooks", "create", prefix + "x", "--endpoint", receiver.url("/x"),
        "--auth-token-env", "UNSET_VARIABLE").exitCode());
    assertEquals(ExitCodes.USAGE, run("webhooks", "create", prefix + "x", "--endpoint", receiver.url("/x"),
        "--header", "no-equals-sign").exitCode());
    assertEquals(ExitCodes.USAGE, run("webhooks", "create", prefix + "x", "--endpoint", receiver.url("/x"),
        "--auth-type", "BASIC").exitCode());
    Cli.Result refused = run("webhooks", "create", prefix + "x", "--endpoint", "http://169.254.169.254/latest/meta-data/");
    assertEquals(ExitCodes.FAILURE, refused.exitCode(), refused.toString());
    assertTrue(refused.err().contains("refused"), refused.toString());
    assertEquals(ExitCodes.FAILURE, run("webhooks", "create", prefix + "x", "--endpoint", receiver.url("/x"),
        "--timeout-ms", "10").exitCode());
    assertEquals(ExitCodes.USAGE, run("webhooks", "update", prefix + "x").exitCode());
    assertEquals(ExitCodes.NOT_FOUND, run("webhooks", "update", prefix + "x", "--timeout-ms", "2000").exitCode());
    assertEquals(0, json(ok("webhooks", "list", "--name", prefix, "-o", "json")).size());
  }
}
