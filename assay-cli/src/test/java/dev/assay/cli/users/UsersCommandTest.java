package dev.assay.cli.users;

import static dev.assay.cli.AuthTesting.ADMIN_EMAIL;
import static dev.assay.cli.AuthTesting.ADMIN_PASSWORD;
import static dev.assay.cli.AuthTesting.assertSecretAbsent;
import static dev.assay.cli.AuthTesting.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** {@code assay users ...} in-process against a live server with authentication on, signed in as its admin. */
class UsersCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "a-member-password-42";
  @TempDir static Path serverDir;
  private static LiveServer server;

  @TempDir Path tmp;
  private Cli admin;
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
    admin = new Cli(tmp.resolve("admin")).env("ASSAY_URL", server.url());
    adminKey = login(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
    prefix = test.getTestMethod().orElseThrow().getName().toLowerCase();
  }

  private Cli.Result ok(Cli cli, String... args) {
    Cli.Result result = cli.run(args);
    assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
    assertSecretAbsent(result, adminKey);
    return result;
  }

  private String email(String who) {
    return who + "." + prefix + "@example.com";
  }

  /** A user with a password it chose, signed in on its own Cli. */
  private Cli member(String who) {
    admin.stdin(PASSWORD + "\n");
    Cli.Result created = ok(admin, "users", "create", "--email", email(who), "--name", who, "--role", "MEMBER",
        "--password-stdin");
    admin.stdin("");
    assertSecretAbsent(created, PASSWORD);
    Cli cli = new Cli(tmp.resolve(who)).env("ASSAY_URL", server.url());
    login(cli, email(who), PASSWORD);
    return cli;
  }

  @Test
  void create_withATemporaryPassword_printsItOnce_andListAndGetShowTheUser() throws Exception {
    Cli.Result created = ok(admin, "users", "create", "--email", email("ada"), "--name", "Ada");

    String temporary = created.out().strip();
    assertEquals(1, created.out().lines().count(), "stdout is the password alone: " + created);
    assertFalse(temporary.isEmpty());
    assertFalse(created.err().contains(temporary), created.err());
    assertTrue(created.err().contains("Ada <" + email("ada") + ">"), created.err());

    Cli.Result list = ok(admin, "users", "list", "-o", "json");
    assertSecretAbsent(list, temporary);
    assertTrue(list.out().contains(email("ada")), list.out());
    JsonNode got = JSON.readTree(ok(admin, "users", "get", email("ada"), "-o", "json").out());
    assertEquals("MEMBER", got.at("/role/name").asText());
    assertTrue(got.get("must_change_password").asBoolean(), "a temporary password must be changed");
    assertTrue(ok(admin, "users", "get", got.get("id").asText()).out().contains("MEMBER"), "by id too");

    Cli.Result signIn = new Cli(tmp.resolve("ada")).env("ASSAY_URL", server.url()).stdin(temporary + "\n")
        .run("auth", "login", "--email", email("ada"), "--password-stdin");
    assertEquals(ExitCodes.AUTH, signIn.exitCode(), "a temporary password gets no key: " + signIn);
    assertTrue(signIn.err().contains("change your password first"), signIn.err());
    assertTrue(signIn.err().contains("assay auth change-password --email " + email("ada")), signIn.err());
    assertSecretAbsent(signIn, temporary);

    Cli ada = new Cli(tmp.resolve("ada")).env("ASSAY_URL", server.url());
    Cli.Result tooShort = ada.stdin(temporary + "\nshort\n").run("auth", "change-password", "--email", email("ada"),
        "--password-stdin");
    assertEquals(ExitCodes.FAILURE, tooShort.exitCode(), tooShort.toString());
    Cli.Result changed = ada.stdin(temporary + "\n" + PASSWORD + "\n").run("auth", "change-password", "--email",
        email("ada"), "--password-stdin");
    assertEquals(ExitCodes.OK, changed.exitCode(), changed.toString());
    assertSecretAbsent(changed, temporary);
    assertSecretAbsent(changed, PASSWORD);
    login(ada, email("ada"), PASSWORD);
    assertTrue(ok(ada, "auth", "status").out().contains("Ada <" + email("ada") + ">"));
  }

  @Test
  void grant_givesASpaceRole_andRevoke_takesItAway() throws Exception {
    Cli bob = member("bob");
    assertEquals(ExitCodes.AUTH, bob.run("projects", "create", prefix + "-bob").exitCode(), "no space yet");

    Cli.Result granted = ok(admin, "users", "grant", email("bob"), "--space", "default", "--role", "MEMBER");
    assertTrue(granted.out().contains("MEMBER"), granted.out());
    ok(bob, "projects", "create", prefix + "-bob");
    JsonNode status = JSON.readTree(ok(bob, "auth", "status", "-o", "json").out());
    assertEquals("MEMBER", status.at("/spaces/0/role").asText(), status.toString());
    assertEquals("default", status.at("/spaces/0/space_name").asText());

    ok(admin, "users", "grant", email("bob"), "--space", "default", "--role", "VIEWER");
    JsonNode members = JSON.readTree(ok(admin, "users", "list", "--space", "default", "-o", "json").out());
    boolean listed = false;
    for (JsonNode m : members) {
      listed |= email("bob").equals(m.at("/user/email").asText()) && "READ_ONLY".equals(m.at("/role/name").asText());
    }
    assertTrue(listed, "bob is a READ_ONLY (VIEWER) member: " + members);
    assertTrue(ok(admin, "users", "list", "--space", "default").out().contains(email("bob")));
    assertEquals(ExitCodes.AUTH, bob.run("projects", "create", prefix + "-bob2").exitCode(), "a VIEWER reads only");
    assertTrue(ok(bob, "projects", "list").out().contains(prefix + "-bob"));

    Cli.Result revoked = ok(admin, "users", "revoke", email("bob"), "--space", "default");
    assertTrue(revoked.err().contains("Removed " + email("bob") + " from space 'default'"), revoked.err());
    assertFalse(bob.run("projects", "list").out().contains(prefix + "-bob"), "no space, no projects");
  }

  @Test
  void update_changesNameAndRole() throws Exception {
    member("cy");

    JsonNode updated = JSON.readTree(ok(admin, "users", "update", email("cy"), "--name", "Cyril", "--role", "ADMIN",
        "-o", "json").out());

    assertEquals("Cyril", updated.get("name").asText());
    assertEquals("ADMIN", updated.at("/role/name").asText());
    assertEquals(ExitCodes.USAGE, admin.run("users", "update", email("cy")).exitCode(), "nothing to change");
  }

  @Test
  void resetPassword_printsANewTemporaryPasswordOnce() throws Exception {
    member("dee");

    Cli.Result reset = ok(admin, "users", "reset-password", email("dee"), "-o", "json");

    String temporary = JSON.readTree(reset.out()).get("temporary_password").asText();
    assertFalse(temporary.isEmpty());
    assertFalse(reset.err().contains(temporary));
    Cli.Result oldPassword = new Cli(tmp.resolve("dee2")).env("ASSAY_URL", server.url()).stdin(PASSWORD + "\n")
        .run("auth", "login", "--email", email("dee"), "--password-stdin");
    assertEquals(ExitCodes.AUTH, oldPassword.exitCode(), "the old password stops working: " + oldPassword);
  }

  @Test
  void delete_asksForForce_thenRemovesTheUserAndItsKeys() throws Exception {
    Cli eve = member("eve");

    Cli.Result refused = admin.run("users", "delete", email("eve"));
    assertEquals(ExitCodes.USAGE, refused.exitCode(), refused.toString());
    assertEquals(ExitCodes.OK, eve.run("auth", "status").exitCode(), "still there after the refusal");

    Cli.Result deleted = ok(admin, "users", "delete", email("eve"), "--force");
    assertTrue(deleted.err().contains("Deleted user"), deleted.err());
    assertEquals(ExitCodes.NOT_FOUND, admin.run("users", "get", email("eve")).exitCode());
    assertEquals(ExitCodes.AUTH, eve.run("auth", "status").exitCode(), "its key went with it");
  }

  @Test
  void aMember_cannotManageUsers() {
    Cli fay = member("fay");

    Cli.Result result = fay.run("users", "list");

    assertEquals(ExitCodes.AUTH, result.exitCode(), result.toString());
    assertTrue(result.err().contains("HTTP 403"), result.err());
    assertEquals(ExitCodes.NOT_FOUND, admin.run("users", "get", "nobody@example.com").exitCode());
  }
}
