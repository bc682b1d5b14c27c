package dev.assay.cli.apikeys;

import static dev.assay.cli.AuthTesting.ADMIN_EMAIL;
import static dev.assay.cli.AuthTesting.ADMIN_PASSWORD;
import static dev.assay.cli.AuthTesting.assertSecretAbsent;
import static dev.assay.cli.AuthTesting.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.cli.Cli;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LiveServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay api-keys ...} in-process against a live server with authentication on, signed in as its admin. */
class ApiKeysCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path serverDir;
  private static LiveServer server;

  @TempDir Path tmp;
  private Cli cli;
  private String adminKey;
  private String prefix;

  @BeforeAll
  static void startServer() {
    server = LiveServer.withAuth(serverDir, ADMIN_EMAIL, ADMIN_PASSWORD);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void setUp(TestInfo test) {
    cli = new Cli(tmp).env("ASSAY_URL", server.url());
    adminKey = login(cli, ADMIN_EMAIL, ADMIN_PASSWORD);
    prefix = test.getTestMethod().orElseThrow().getName().toLowerCase() + "-";
  }

  private Cli.Result ok(String... args) {
    Cli.Result result = cli.run(args);
    assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
    assertSecretAbsent(result, adminKey);
    return result;
  }

  /** A command run with {@code key} instead of the signed-in admin's. */
  private Cli.Result as(String key, String... args) {
    return new Cli(tmp.resolve("as-" + key.hashCode())).env("ASSAY_URL", server.url()).env("ASSAY_API_KEY", key)
        .run(args);
  }

  @Test
  void create_printsTheKeyOnce_aloneOnStdout_andListShowsItRedacted() throws Exception {
    Cli.Result created = ok("api-keys", "create", "--name", prefix + "ci", "--expires", "30d");

    String key = created.out().strip();
    assertEquals(1, created.out().lines().count(), "stdout is the key alone: " + created);
    assertTrue(key.startsWith("ak-"), key);
    assertSecretAbsent(new Cli.Result(0, "", created.err()), key);
    assertTrue(created.err().contains("USER key '" + prefix + "ci'"), created.err());
    assertEquals(ExitCodes.OK, as(key, "projects", "list").exitCode(), "the new key works");

    Cli.Result list = ok("api-keys", "list", "-o", "json");
    assertSecretAbsent(list, key);
    JsonNode row = find(JSON.readTree(list.out()), prefix + "ci");
    assertEquals("ACTIVE", row.get("status").asText());
    assertEquals("USER", row.get("key_type").asText());
    assertTrue(row.get("redacted_key").asText().endsWith(key.substring(key.length() - 4)), row.toString());
    assertTrue(ok("api-keys", "list").out().contains(prefix + "ci"));
  }

  @Test
  void create_withJsonOutput_givesTheKeyAsKey_andRevokeByName_stopsIt() throws Exception {
    JsonNode created = JSON.readTree(ok("api-keys", "create", "--name", prefix + "tmp", "-o", "json").out());
    String key = created.get("key").asText();

    Cli.Result revoked = ok("api-keys", "revoke", prefix + "tmp", "-o", "json");

    assertSecretAbsent(revoked, key);
    assertEquals("REVOKED", JSON.readTree(revoked.out()).get("status").asText());
    assertEquals(ExitCodes.AUTH, as(key, "projects", "list").exitCode(), "a revoked key is refused");
    assertEquals(ExitCodes.NOT_FOUND, cli.run("api-keys", "revoke", prefix + "tmp").exitCode(), "no active key named so");
  }

  @Test
  void serviceKey_getsOnlyTheRolesGiven() throws Exception {
    ok("projects", "create", prefix + "seen");
    JsonNode created = JSON.readTree(ok("api-keys", "create", "--name", prefix + "reader", "--service", "--space",
        "default=VIEWER", "-o", "json").out());
    String key = created.get("key").asText();
    assertEquals("SERVICE", created.get("key_type").asText());

    assertTrue(as(key, "projects", "list").out().contains(prefix + "seen"), "a VIEWER reads");
    Cli.Result write = as(key, "projects", "create", prefix + "denied");
    assertEquals(ExitCodes.AUTH, write.exitCode(), "a VIEWER does not write: " + write);
    assertTrue(write.err().contains("HTTP 403"), write.err());
  }

  @Test
  void refresh_replacesTheSecret_keepsTheExpiry_andTheOldKeyStops() throws Exception {
    JsonNode created = JSON.readTree(ok("api-keys", "create", "--name", prefix + "rot", "--expires", "30d", "-o", "json")
        .out());
    String old = created.get("key").asText();

    Cli.Result refreshed = ok("api-keys", "refresh", prefix + "rot");

    String key = refreshed.out().strip();
    assertEquals(1, refreshed.out().lines().count(), "stdout is the new key alone: " + refreshed);
    assertNotEquals(old, key);
    // To the second: the store may keep fewer fractional digits than the answer to the create showed.
    assertTrue(refreshed.err().contains("expires " + created.get("expires_at").asText().substring(0, 19)),
        refreshed.err());
    assertEquals(ExitCodes.OK, as(key, "projects", "list").exitCode(), "the new secret works");
    assertEquals(ExitCodes.AUTH, as(old, "projects", "list").exitCode(), "without --grace the old one stops at once");
  }

  @Test
  void refresh_withGrace_keepsTheOldKeyWorking() throws Exception {
    String old = JSON.readTree(ok("api-keys", "create", "--name", prefix + "rot", "-o", "json").out()).get("key").asText();

    String key = JSON.readTree(ok("api-keys", "refresh", prefix + "rot", "--grace", "5m", "-o", "json").out())
        .get("key").asText();

    assertEquals(ExitCodes.OK, as(key, "projects", "list").exitCode());
    assertEquals(ExitCodes.OK, as(old, "projects", "list").exitCode(), "the old key works during the grace period");
  }

  @Test
  void badInput_isAUsageError_andCreatesNothing() throws Exception {
    assertEquals(ExitCodes.USAGE, cli.run("api-keys", "create", "--name", prefix + "x", "--expires", "someday").exitCode());
    assertEquals(ExitCodes.USAGE, cli.run("api-keys", "create", "--name", prefix + "x", "--space", "default=MEMBER")
        .exitCode(), "--space without --service");
    assertEquals(ExitCodes.USAGE, cli.run("api-keys", "create", "--name", prefix + "x", "--service", "--space",
        "default=OWNER").exitCode());
    assertEquals(ExitCodes.USAGE, cli.run("api-keys", "refresh", "assay-cli", "--grace", "2d").exitCode());
    assertTrue(ok("api-keys", "list", "-o", "json").out().indexOf(prefix + "x") < 0, "nothing created");
  }

  private static JsonNode find(JsonNode rows, String name) {
    for (JsonNode row : rows) {
      if (name.equals(row.path("name").asText())) {
        return row;
      }
    }
    throw new AssertionError("no key named " + name + " in " + rows);
  }
}
