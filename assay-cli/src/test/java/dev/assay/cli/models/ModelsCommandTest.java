package dev.assay.cli.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.cli.Cli;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LiveServer;
import dev.assay.testing.FakeModelServer;
import java.net.ServerSocket;
import java.nio.file.Path;
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
 * {@code assay models …} against a live server, with the fake model server as the provider. Every run's stdout
 * and stderr is kept, and after each test none of them may contain the API key.
 */
class ModelsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "sk-test-7f3c9a1e5b2d4c6f8a0b1c2d3e4f5a6b";
  private static final String HEADER_SECRET = "hdr-secret-0d1e2f3a4b5c";
  @TempDir static Path serverDir;
  private static LiveServer server;
  private static FakeModelServer fake;

  @TempDir Path tmp;
  private Cli cli;
  private String prefix;
  private final List<Cli.Result> runs = new ArrayList<>();

  @BeforeAll
  static void start() {
    server = new LiveServer(serverDir);
    fake = FakeModelServer.create().start();
  }

  @AfterAll
  static void stop() {
    server.close();
    fake.close();
  }

  @BeforeEach
  void setUp(TestInfo test) {
    cli = new Cli(tmp).env("ASSAY_URL", server.url()).env("JUDGE_KEY", KEY).env("GATEWAY_TOKEN", HEADER_SECRET);
    prefix = test.getTestMethod().orElseThrow().getName().toLowerCase() + "-";
  }

  @AfterEach
  void theKeyNeverShows() {
    for (Cli.Result run : runs) {
      assertFalse(run.out().contains(KEY) || run.err().contains(KEY), "the API key leaked: " + run);
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

  private static void assertFails(Cli.Result result, int exitCode, String contains) {
    assertEquals(exitCode, result.exitCode(), result.toString());
    assertTrue(result.err().startsWith("assay: ") && result.err().contains(contains), result.toString());
    assertEquals("", result.out(), result.toString());
  }

  private JsonNode createFake(String name) throws Exception {
    return json(ok("models", "create", name, "--provider", "CUSTOM", "--base-url", fake.openAiBaseUrl(),
        "--model", "gpt-4o-mini", "--model", "gpt-4o", "--api-key-env", "JUDGE_KEY", "--rpm", "600", "--tpm", "100000",
        "--max-concurrency", "8", "--header-env", "X-Gateway-Token=GATEWAY_TOKEN", "-o", "json"));
  }

  @Test
  void create_storesTheConfig_withoutEverShowingTheKey() throws Exception {
    JsonNode created = createFake(prefix + "judge");

    assertEquals(prefix + "judge", created.path("name").asText());
    assertEquals("CUSTOM", created.path("provider").asText());
    assertTrue(created.path("has_api_key").asBoolean(), created.toString());
    assertEquals(List.of("gpt-4o-mini", "gpt-4o"), List.of(created.at("/model_names/0").asText(), created.at("/model_names/1").asText()));
    assertEquals(600, created.path("requests_per_minute").asInt());
    assertEquals(100000, created.path("tokens_per_minute").asLong());
    assertEquals(8, created.path("max_concurrency").asInt());
    assertEquals("********", created.at("/headers/X-Gateway-Token").asText(), created.toString());

    JsonNode got = json(ok("models", "get", prefix + "judge", "-o", "json"));
    assertEquals(created.path("id"), got.path("id"));
    assertEquals(created.path("id"), json(ok("models", "get", created.path("id").asText(), "-o", "json")).path("id"));
    JsonNode listed = json(ok("models", "list", "--name", prefix, "-o", "json"));
    assertEquals(1, listed.size(), listed.toString());
    String table = ok("models", "list", "--name", prefix).out();
    assertTrue(table.lines().findFirst().orElseThrow().matches("name\\s+id\\s+provider\\s+base_url\\s+model_names\\s+has_api_key\\s+requests_per_minute"
        + "\\s+tokens_per_minute\\s+max_concurrency\\s+created_at"), "only these columns: " + table);
    ok("models", "list", "-v", "-o", "csv");
    ok("models", "get", prefix + "judge", "-v", "-o", "jsonl");
  }

  @Test
  void apiKeyFromStdin() throws Exception {
    cli.stdin(KEY + "\n");

    JsonNode created = json(ok("models", "create", prefix + "stdin", "--provider", "OPEN_AI", "--base-url",
        fake.openAiBaseUrl(), "--model", "gpt-4o-mini", "--api-key-stdin", "-o", "json"));

    assertTrue(created.path("has_api_key").asBoolean(), created.toString());
    ok("models", "test", prefix + "stdin");
  }

  @Test
  void test_makesOneRealCall_andPrintsLatencyAndReply() throws Exception {
    createFake(prefix + "judge");

    JsonNode reply = json(ok("models", "test", prefix + "judge", "-o", "json"));

    assertEquals("gpt-4o-mini", reply.path("model_name").asText(), "the first model by default: " + reply);
    assertEquals(List.of("Bearer " + KEY), fake.lastHeaders().get("authorization"), "the key read from JUDGE_KEY is used");
    assertEquals(List.of(HEADER_SECRET), fake.lastHeaders().get("x-gateway-token"), "the header read from GATEWAY_TOKEN is sent");
    assertFalse(reply.path("response_text").asText().isBlank(), reply.toString());
    assertTrue(reply.path("latency_ms").isNumber() && reply.path("latency_ms").asLong() >= 0, reply.toString());
    assertEquals("gpt-4o", json(ok("models", "test", prefix + "judge", "--model", "gpt-4o", "-o", "json"))
        .path("model_name").asText());
    String table = ok("models", "test", prefix + "judge").out();
    assertTrue(table.lines().findFirst().orElseThrow().matches("model_name\\s+latency_ms\\s+response_text.*"), table);
  }

  @Test
  void test_ofAnUnreachableBaseUrl_exits1WithTheReason() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ok("models", "create", prefix + "gone", "--provider", "CUSTOM", "--base-url", "http://127.0.0.1:" + closedPort + "/v1",
        "--model", "m", "--api-key-env", "JUDGE_KEY");

    Cli.Result failed = run("models", "test", prefix + "gone");

    assertFails(failed, ExitCodes.FAILURE, "model config '" + prefix + "gone' failed its test call");
    assertTrue(failed.err().contains("HTTP 502") && failed.err().contains("cannot connect"), failed.err());
    assertEquals(1, failed.err().lines().count(), failed.err());
  }

  @Test
  void test_withAKeyTheProviderRefuses_exits1WithTheProvidersReason() throws Exception {
    try (FakeModelServer strict = FakeModelServer.create().requireApiKey("sk-another-key").start()) {
      ok("models", "create", prefix + "wrong-key", "--provider", "CUSTOM", "--base-url", strict.openAiBaseUrl(),
          "--model", "m", "--api-key-env", "JUDGE_KEY");

      Cli.Result failed = run("models", "test", prefix + "wrong-key");

      assertFails(failed, ExitCodes.FAILURE, "failed its test call");
      assertTrue(failed.err().contains("401"), failed.err());
      assertEquals(1, strict.calls(), "one call, no retries of a refused key");
    }
  }

  @Test
  void update_setsANewKeyFromTheEnvironment_andLimits_withoutShowingTheKey() throws Exception {
    try (FakeModelServer strict = FakeModelServer.create().requireApiKey(KEY).start()) {
      ok("models", "create", prefix + "m", "--provider", "CUSTOM", "--base-url", strict.openAiBaseUrl(), "--model", "m");
      assertFails(run("models", "test", prefix + "m"), ExitCodes.FAILURE, "401");

      JsonNode updated = json(ok("models", "update", prefix + "m", "--api-key-env", "JUDGE_KEY", "--rpm", "42", "-o", "json"));

      assertTrue(updated.path("has_api_key").asBoolean(), updated.toString());
      assertEquals(42, updated.path("requests_per_minute").asInt(), updated.toString());
      ok("models", "test", prefix + "m");
      assertFails(run("models", "update", prefix + "m"), ExitCodes.USAGE, "nothing to update");
      assertFails(run("models", "update", prefix + "m", "--api-key", KEY), ExitCodes.USAGE, "never taken as an argument");
      assertFails(run("models", "update", prefix + "m", "--api-key-env", "UNSET_VARIABLE"), ExitCodes.USAGE,
          "environment variable UNSET_VARIABLE is not set");
      assertFails(run("models", "update", prefix + "m", "--rpm", "0"), ExitCodes.USAGE, "--rpm must be at least 1");
      assertFails(run("models", "update", prefix + "nope", "--rpm", "5"), ExitCodes.NOT_FOUND, "not found");
      assertEquals(42, json(ok("models", "get", prefix + "m", "-o", "json")).path("requests_per_minute").asInt());
    }
  }

  @Test
  void badInput_isAUsageError_andCreatesNothing() throws Exception {
    assertFails(run("models", "create", prefix + "a", "--provider", "CUSTOM", "--api-key-env", "UNSET_VARIABLE"),
        ExitCodes.USAGE, "environment variable UNSET_VARIABLE is not set");
    assertFails(run("models", "create", prefix + "a", "--provider", "CUSTOM", "--api-key", KEY), ExitCodes.USAGE,
        "never taken as an argument");
    assertFails(run("models", "create", prefix + "a", "--provider", "NOPE"), ExitCodes.USAGE, "NOPE");
    assertFails(run("models", "create", prefix + "a", "--provider", "CUSTOM", "--rpm", "0"), ExitCodes.USAGE, "--rpm");
    assertFails(run("models", "create", prefix + "a", "--provider", "CUSTOM", "--api-key-env", "JUDGE_KEY",
        "--api-key-stdin"), ExitCodes.USAGE, "mutually exclusive");
    assertFails(run("models", "create", prefix + "a", "--provider", "CUSTOM", "--header-env", "X-A=UNSET_VARIABLE"),
        ExitCodes.USAGE, "UNSET_VARIABLE");
    assertFails(run("models", "test", prefix + "nope"), ExitCodes.NOT_FOUND, "model config '" + prefix + "nope' not found");
    assertFails(run("models", "get", prefix + "nope"), ExitCodes.NOT_FOUND, "not found");
    assertEquals(0, json(ok("models", "list", "--name", prefix, "-o", "json")).size());
  }

  @Test
  void delete_refusesWithoutForce_thenDeletes() throws Exception {
    createFake(prefix + "old");

    assertFails(run("models", "delete", prefix + "old"), ExitCodes.USAGE, "pass --force");
    ok("models", "get", prefix + "old");
    Cli.Result deleted = ok("models", "delete", prefix + "old", "--force");

    assertTrue(deleted.err().contains("Deleted model config"), deleted.err());
    assertFails(run("models", "get", prefix + "old"), ExitCodes.NOT_FOUND, "not found");
    assertFails(run("models", "delete", prefix + "old", "--force"), ExitCodes.NOT_FOUND, "not found");
  }
}
