package dev.assay.cli.auth;

import static dev.assay.cli.AuthTesting.ADMIN_EMAIL;
import static dev.assay.cli.AuthTesting.ADMIN_PASSWORD;
import static dev.assay.cli.AuthTesting.assertSecretAbsent;
import static dev.assay.cli.AuthTesting.login;
import static dev.assay.cli.AuthTesting.storedKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.cli.Cli;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LiveServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay auth login|logout|status} in-process against a live server with authentication on. */
class AuthCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path serverDir;
  private static LiveServer server;

  @TempDir Path tmp;
  private Cli cli;

  @BeforeAll
  static void startServer() {
    server = LiveServer.withAuth(serverDir, ADMIN_EMAIL, ADMIN_PASSWORD);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void setUp() {
    cli = new Cli(tmp).env("ASSAY_URL", server.url());
  }

  private Cli.Result run(String... args) {
    return cli.run(args);
  }

  private Cli.Result ok(String... args) {
    Cli.Result result = cli.run(args);
    assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
    return result;
  }

  private Path configFile() {
    return cli.home().resolve(".assay").resolve("config.toml");
  }

  @Test
  void login_withEmailAndPassword_storesAKeyInAnOwnerOnlyProfile_andCommandsThenWork() throws Exception {
    assertEquals(ExitCodes.AUTH, run("projects", "list").exitCode(), "not signed in yet");

    Cli.Result result = cli.stdin(ADMIN_PASSWORD + "\n").run("auth", "login", "--email", ADMIN_EMAIL,
        "--password-stdin", "-o", "json");

    assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
    String key = storedKey(cli, "default");
    assertTrue(key.startsWith("ak-"), key);
    assertSecretAbsent(result, key);
    assertSecretAbsent(result, ADMIN_PASSWORD);
    JsonNode row = JSON.readTree(result.out());
    assertEquals("default", row.get("profile").asText());
    assertEquals(ADMIN_EMAIL, row.get("email").asText());
    assertEquals("ADMIN", row.get("account_role").asText());
    assertEquals("assay-cli", row.get("key_name").asText());
    assertTrue(row.get("redacted_key").asText().startsWith(key.substring(0, 6)), row.toString());
    assertTrue(row.get("redacted_key").asText().endsWith(key.substring(key.length() - 4)), row.toString());
    assertFalse(row.get("expires_at").asText().isEmpty(), "a CLI key expires");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(configFile())));
    assertTrue(Files.readString(configFile()).contains("active = \"default\""), Files.readString(configFile()));

    cli.stdin("");
    ok("projects", "create", "signed-in-project");
    assertTrue(ok("projects", "list").out().contains("signed-in-project"));
  }

  @Test
  void login_withAPasswordFromTheEnvironment_andANamedKey_intoANamedProfile() throws Exception {
    cli.env("ASSAY_PASSWORD", ADMIN_PASSWORD);

    Cli.Result result = ok("auth", "login", "--email", ADMIN_EMAIL, "--profile", "work", "--name", "laptop", "-o",
        "json");

    assertEquals("laptop", JSON.readTree(result.out()).get("key_name").asText());
    assertNotNull(storedKey(cli, "work"));
    assertTrue(Files.readString(configFile()).contains("active = \"work\""), "the only profile becomes active");
  }

  @Test
  void login_toAnotherServer_doesNotRepointTheActiveProfileUnlessItIsNamed() throws Exception {
    ok("profiles", "create", "staging", "--url", "http://127.0.0.1:1");
    cli.env("ASSAY_PASSWORD", ADMIN_PASSWORD);

    Cli.Result refused = run("auth", "login", "--email", ADMIN_EMAIL);
    assertEquals(ExitCodes.USAGE, refused.exitCode(), refused.toString());
    assertTrue(refused.err().contains("--profile NAME"), refused.err());
    assertTrue(Files.readString(configFile()).contains("url = \"http://127.0.0.1:1\""), "staging unchanged");

    ok("auth", "login", "--email", ADMIN_EMAIL, "--profile", "prod");
    assertNotNull(storedKey(cli, "prod"));
    assertNull(storedKey(cli, "staging"));
    assertTrue(Files.readString(configFile()).contains("active = \"staging\""), "the active profile stays active");
  }

  @Test
  void login_withAWrongPassword_isExit5_andStoresNothing() {
    Cli.Result result = cli.stdin("not-the-password!\n").run("auth", "login", "--email", ADMIN_EMAIL,
        "--password-stdin");

    assertEquals(ExitCodes.AUTH, result.exitCode(), result.toString());
    assertTrue(result.err().startsWith("assay: sign-in to Assay at " + server.url() + " failed: "), result.err());
    assertEquals(1, result.err().lines().count(), result.err());
    assertSecretAbsent(result, "not-the-password!");
    assertFalse(Files.exists(configFile()), "nothing stored");
  }

  @Test
  void login_withoutAnyWayToGetThePassword_isAUsageError() {
    Cli.Result result = run("auth", "login", "--email", ADMIN_EMAIL);

    assertEquals(ExitCodes.USAGE, result.exitCode(), result.toString());
    assertTrue(result.err().contains("--password-stdin"), result.err());
  }

  @Test
  void login_atATerminal_asksForThePassword() {
    Cli.Result result = cli.terminal(ADMIN_PASSWORD + "\n").run("auth", "login", "--email", ADMIN_EMAIL);

    assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
    assertTrue(result.err().contains("Password for " + ADMIN_EMAIL + ": "), result.err());
    assertSecretAbsent(result, ADMIN_PASSWORD);
    assertNotNull(storedKey(cli, "default"));
  }

  @Test
  void login_withAnExistingApiKey_checksAndStoresIt_andABadOneIsExit5() throws Exception {
    String key = login(cli, ADMIN_EMAIL, ADMIN_PASSWORD);
    Cli other = new Cli(tmp.resolve("other")).env("ASSAY_URL", server.url());

    Cli.Result bad = other.run("auth", "login", "--api-key", "ak-not-a-real-key-at-all-000000000000");
    assertEquals(ExitCodes.AUTH, bad.exitCode(), bad.toString());
    assertSecretAbsent(bad, "ak-not-a-real-key-at-all-000000000000");
    assertNull(storedKey(other, "default"));

    Cli.Result good = other.stdin(key + "\n").run("auth", "login", "--api-key", "-", "-o", "json");
    assertEquals(ExitCodes.OK, good.exitCode(), good.toString());
    assertSecretAbsent(good, key);
    assertEquals(key, storedKey(other, "default"));
    assertEquals(ADMIN_EMAIL, JSON.readTree(good.out()).get("email").asText());
  }

  @Test
  void status_showsTheUserItsRolesAndTheKey() throws Exception {
    String key = login(cli, ADMIN_EMAIL, ADMIN_PASSWORD);

    Cli.Result json = ok("auth", "status", "-o", "json");
    Cli.Result text = ok("auth", "status");

    JsonNode status = JSON.readTree(json.out());
    assertTrue(status.get("auth_enabled").asBoolean());
    assertEquals(server.url(), status.get("url").asText());
    assertEquals(ADMIN_EMAIL, status.at("/user/email").asText());
    assertEquals("ADMIN", status.at("/user/role/name").asText());
    assertEquals("assay-cli", status.at("/api_key/name").asText());
    assertFalse(status.at("/api_key/expires_at").asText().isEmpty());
    assertTrue(status.get("spaces").isArray());
    assertTrue(text.out().contains("account role ADMIN"), text.out());
    assertTrue(text.out().contains("API key:  assay-cli " + status.at("/api_key/redacted_key").asText()), text.out());
    assertSecretAbsent(json, key);
    assertSecretAbsent(text, key);
  }

  @Test
  void status_notSignedIn_orWithABadKey_isExit5() {
    Cli.Result none = run("auth", "status");
    assertEquals(ExitCodes.AUTH, none.exitCode(), none.toString());
    assertTrue(none.err().startsWith("assay: not signed in to Assay at " + server.url()), none.err());

    Cli.Result bad = cli.env("ASSAY_API_KEY", "ak-wrong-wrong-wrong-wrong-wrong").run("auth", "status");
    assertEquals(ExitCodes.AUTH, bad.exitCode(), bad.toString());
    assertTrue(bad.err().contains("refused the API key"), bad.err());
  }

  @Test
  void logout_revokesTheKeyOnTheServer_andRemovesItFromTheProfile() {
    String key = login(cli, ADMIN_EMAIL, ADMIN_PASSWORD);

    Cli.Result result = ok("auth", "logout");

    assertTrue(result.err().contains("revoked"), result.err());
    assertSecretAbsent(result, key);
    assertNull(storedKey(cli, "default"));
    Cli.Result withOldKey = new Cli(tmp.resolve("old")).env("ASSAY_URL", server.url()).env("ASSAY_API_KEY", key)
        .run("projects", "list");
    assertEquals(ExitCodes.AUTH, withOldKey.exitCode(), "the revoked key is refused: " + withOldKey);
    assertTrue(ok("auth", "logout").err().contains("already signed out"));
  }

  @Test
  void logout_whenTheKeyWasAlreadyRevoked_warnsAndStillRemovesIt() throws Exception {
    login(cli, ADMIN_EMAIL, ADMIN_PASSWORD);
    String keyId = JSON.readTree(ok("auth", "status", "-o", "json").out()).at("/api_key/id").asText();
    ok("api-keys", "revoke", keyId);

    Cli.Result result = ok("auth", "logout");

    assertTrue(result.err().startsWith("warning: "), result.err());
    assertNull(storedKey(cli, "default"));
  }

  @Test
  void logout_whenTheServerIsUnreachable_warnsAndStillRemovesTheKey() throws Exception {
    Path dir = Files.createDirectories(cli.home().resolve(".assay"));
    Files.writeString(dir.resolve("config.toml"), """
        active = "gone"

        [profiles.gone]
        url = "http://127.0.0.1:1"
        api_key = "ak-kept-only-until-logout-000000000"
        """);

    Cli.Result result = ok("auth", "logout");

    assertTrue(result.err().contains("warning: cannot reach Assay at http://127.0.0.1:1"), result.err());
    assertTrue(result.err().contains("NOT revoked"), result.err());
    assertSecretAbsent(result, "ak-kept-only-until-logout-000000000");
    assertNull(storedKey(cli, "gone"));
    assertTrue(Files.readString(dir.resolve("config.toml")).contains("url = \"http://127.0.0.1:1\""), "the URL stays");
  }

  @Test
  void localMode_needsNoSignIn() throws Exception {
    try (LiveServer local = new LiveServer(tmp.resolve("local"))) {
      Cli localCli = new Cli(tmp.resolve("cli")).env("ASSAY_URL", local.url());

      Cli.Result status = localCli.run("auth", "status");
      Cli.Result login = localCli.env("ASSAY_PASSWORD", "whatever-password").run("auth", "login", "--email", "a@b.c");

      assertEquals(ExitCodes.OK, status.exitCode(), status.toString());
      assertTrue(status.out().contains("authentication is off (local mode)"), status.out());
      assertEquals(ExitCodes.OK, login.exitCode(), login.toString());
      assertTrue(login.err().contains("authentication off (local mode)"), login.err());
      assertNull(storedKey(localCli, "default"));
    }
  }
}
