package dev.assay.server;

import static dev.assay.server.AuthTestServer.bearer;
import static dev.assay.server.V2TestClient.body;
import static dev.assay.server.V2TestClient.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.auth.AccountRole;
import dev.assay.auth.NewUser;
import dev.assay.auth.SpaceRole;
import dev.assay.auth.User;
import dev.assay.config.AssayConfig;
import dev.assay.spaces.Space;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access check and the /auth endpoints against a real server with authentication on (DuckDB). */
class AuthHttpTest {
  @TempDir Path workingDir;
  private AuthTestServer s;
  private HttpTestClient http;

  @BeforeEach
  void start() {
    s = AuthTestServer.start(AssayConfig.defaults(workingDir));
    http = s.client();
  }

  @AfterEach
  void stop() {
    s.close();
  }

  @Test
  void status_isPublic_andSaysAuthIsOn() {
    JsonNode status = V2TestClient.expect(200, http.get("/auth/status"));
    assertTrue(status.get("auth_enabled").asBoolean());
    assertFalse(status.get("setup_required").asBoolean(), "the admin was bootstrapped from the settings");
    assertEquals(200, http.get("/healthz").status());
    assertEquals(200, http.get("/v2/openapi.json").status());
  }

  @Test
  void noOrBadCredentials_are401WithBearerChallenge_andAGoodKeyPasses() {
    HttpTestClient.Reply none = http.get("/v2/projects");
    problem(none, 401);
    assertEquals("Bearer", none.header("www-authenticate"));
    problem(http.get("/v2/projects", bearer("ak-not-a-real-key")), 401);
    problem(http.get("/v2/projects", "Authorization", "Basic YWRtaW46YWRtaW4="), 401);
    problem(http.get("/v2/evaluator-templates"), 401);
    assertEquals(200, http.get("/v2/projects", bearer(s.adminKey)).status());
    assertEquals(200, http.get("/v2/projects", "api_key", s.adminKey).status(), "AX's api_key header");
  }

  @Test
  void roles_areChecked_andScopeHidesOtherSpaces() {
    String a = s.createSpace("space-a");
    String b = s.createSpace("space-b");
    User viewer = s.createUser("viewer@assay.test", AccountRole.MEMBER, Map.of(a, SpaceRole.VIEWER));
    User member = s.createUser("member@assay.test", AccountRole.MEMBER, Map.of(a, SpaceRole.MEMBER));
    String viewerKey = s.apiKey(viewer);
    String memberKey = s.apiKey(member);
    problem(http.send("POST", "/v2/projects", body("name", "p", "space_id", a), bearer(viewerKey)), 403);
    assertEquals(201, http.send("POST", "/v2/projects", body("name", "p", "space_id", a), bearer(memberKey)).status());
    problem(http.send("POST", "/v2/projects", body("name", "p", "space_id", b), bearer(memberKey)), 404);
    problem(http.send("POST", "/v2/spaces", body("name", "c"), bearer(memberKey)), 403);
    problem(http.get("/v2/spaces/" + b, bearer(viewerKey)), 404);
    JsonNode spaces = V2TestClient.expect(200, http.get("/v2/spaces", bearer(viewerKey)));
    assertEquals(1, spaces.get("spaces").size(), spaces.toString());
    assertEquals("space-a", spaces.get("spaces").get(0).get("name").asText());
  }

  @Test
  void browserSession_setsAStrictCookie_andNeedsTheCsrfTokenForChanges() {
    String a = s.createSpace("space-a");
    s.createUser("member@assay.test", AccountRole.MEMBER, Map.of(a, SpaceRole.MEMBER));
    HttpTestClient.Reply login = http.post("/auth/login",
        body("email", "member@assay.test", "password", AuthTestServer.PASSWORD));
    assertEquals(200, login.status(), login.body());
    String cookie = login.header("set-cookie");
    assertTrue(cookie.startsWith("assay_session="), cookie);
    for (String attribute : new String[] {"HttpOnly", "SameSite=Strict", "Path=/"}) {
      assertTrue(cookie.contains(attribute), cookie);
    }
    assertFalse(cookie.contains("Secure"), "plain http on loopback: " + cookie);
    assertEquals("member@assay.test", login.json().at("/user/email").asText());
    assertFalse(login.json().get("must_change_password").asBoolean());
    String csrf = login.json().get("csrf_token").asText();
    String session = cookie.substring(0, cookie.indexOf(';'));

    JsonNode me = V2TestClient.expect(200, http.get("/auth/me", "Cookie", session));
    assertEquals("session", me.get("via").asText());
    assertEquals(csrf, me.get("csrf_token").asText());
    assertEquals(1, me.get("spaces").size());
    assertEquals("MEMBER", me.at("/spaces/0/role").asText());

    problem(http.send("POST", "/v2/projects", body("name", "p", "space_id", a), "Cookie", session), 403);
    problem(http.send("POST", "/v2/projects", body("name", "p", "space_id", a), "Cookie", session,
        "X-CSRF-Token", "wrong"), 403);
    assertEquals(201, http.send("POST", "/v2/projects", body("name", "p", "space_id", a), "Cookie", session,
        "X-CSRF-Token", csrf).status());

    HttpTestClient.Reply logout = http.send("POST", "/auth/logout", null, "Cookie", session, "X-CSRF-Token", csrf);
    assertEquals(204, logout.status(), logout.body());
    assertTrue(logout.header("set-cookie").contains("Max-Age=0"), logout.header("set-cookie"));
    problem(http.get("/auth/me", "Cookie", session), 401);
  }

  @Test
  void secureCookie_behindAnHttpsProxy() {
    HttpTestClient.Reply login = http.post("/auth/login", "application/json", java.net.http.HttpRequest.BodyPublishers
        .ofString(body("email", AuthTestServer.ADMIN_EMAIL, "password", AuthTestServer.ADMIN_PASSWORD)),
        "X-Forwarded-Proto", "https");
    assertEquals(200, login.status(), login.body());
    assertTrue(login.header("set-cookie").contains("; Secure"), login.header("set-cookie"));
  }

  @Test
  void wrongPassword_is401_withoutSayingWhichPartWasWrong() {
    JsonNode wrong = problem(http.post("/auth/login", body("email", AuthTestServer.ADMIN_EMAIL, "password", "nope-nope-nope")), 401);
    JsonNode unknown = problem(http.post("/auth/login", body("email", "ghost@assay.test", "password", "nope-nope-nope")), 401);
    assertEquals(wrong.get("detail"), unknown.get("detail"));
  }

  @Test
  void temporaryPassword_blocksEverythingButAuth_untilChanged() {
    User temp = s.services().users().create(s.adminPrincipal(),
        new NewUser("temp", "temp@assay.test", AccountRole.MEMBER, "temporary-password-1", true)).user();
    s.grant(temp, Space.DEFAULT_ID, SpaceRole.VIEWER);
    AuthTestServer.Browser browser = s.login("temp@assay.test", "temporary-password-1");
    JsonNode blocked = problem(http.get("/v2/projects", browser.read()), 403);
    assertTrue(blocked.get("detail").asText().contains("change your password"), blocked.toString());
    assertTrue(V2TestClient.expect(200, http.get("/auth/me", browser.read())).at("/user/must_change_password").asBoolean());
    assertEquals(204, http.send("POST", "/auth/password",
        body("current_password", "temporary-password-1", "new_password", "a-brand-new-password"), browser.write()).status());
    assertEquals(200, http.get("/v2/projects", browser.read()).status());
  }

  @Test
  void cliToken_mintsAUserKeyThatWorks() {
    HttpTestClient.Reply reply = http.post("/auth/cli-token",
        body("email", AuthTestServer.ADMIN_EMAIL, "password", AuthTestServer.ADMIN_PASSWORD));
    assertEquals(201, reply.status(), reply.body());
    String key = reply.json().get("key").asText();
    assertTrue(key.startsWith("ak-"), key);
    assertEquals("assay-cli", reply.json().at("/api_key/name").asText());
    assertEquals("USER", reply.json().at("/api_key/key_type").asText());
    assertNotNull(reply.json().at("/api_key/expires_at").textValue());
    JsonNode me = V2TestClient.expect(200, http.get("/auth/me", bearer(key)));
    assertEquals("api_key", me.get("via").asText());
    assertNull(me.get("csrf_token").textValue());
    assertEquals(AuthTestServer.ADMIN_EMAIL, me.at("/user/email").asText());
    problem(http.post("/auth/cli-token", body("email", AuthTestServer.ADMIN_EMAIL, "password", "wrong-password!")), 401);
  }

  @Test
  void localMode_needsNoCredentials_andMeSaysSo(@TempDir Path localDir) {
    try (TestServer local = TestServer.start(AssayConfig.defaults(localDir))) {
      JsonNode me = V2TestClient.expect(200, local.client.get("/auth/me"));
      assertFalse(me.get("auth_enabled").asBoolean());
      assertEquals("local", me.get("via").asText());
      assertTrue(me.get("user").isNull());
      assertEquals("ADMIN", me.at("/spaces/0/role").asText());
      assertFalse(V2TestClient.expect(200, local.client.get("/auth/status")).get("auth_enabled").asBoolean());
      assertEquals(201, local.client.post("/v2/spaces", body("name", "no-key-needed")).status());
      problem(local.client.post("/auth/login", body("email", "a@b.c", "password", "whatever-whatever")), 409);
    }
  }

  @Test
  void setup_withoutABootstrapAdmin_writesAPrivateTokenFile_thatWorksOnce(@TempDir Path setupDir) throws Exception {
    AssayConfig config = AssayConfig.defaults(setupDir);
    try (TestServer fresh = TestServer.start(config.withSecurity(config.security().withAuth(true)))) {
      Path tokenFile = setupDir.resolve("setup-token");
      assertTrue(Files.exists(tokenFile));
      assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
          Files.getPosixFilePermissions(tokenFile));
      String token = Files.readString(tokenFile).strip();
      assertTrue(V2TestClient.expect(200, fresh.client.get("/auth/status")).get("setup_required").asBoolean());
      problem(fresh.client.post("/auth/setup", body("setup_token", "wrong", "email", "first@assay.test",
          "name", "First", "password", "first-admin-password")), 401);
      HttpTestClient.Reply ok = fresh.client.post("/auth/setup", body("setup_token", token, "email", "first@assay.test",
          "name", "First", "password", "first-admin-password"));
      assertEquals(201, ok.status(), ok.body());
      assertEquals("ADMIN", ok.json().at("/user/role/name").asText());
      assertTrue(ok.header("set-cookie").startsWith("assay_session="));
      problem(fresh.client.post("/auth/setup", body("setup_token", token, "email", "second@assay.test",
          "name", "Second", "password", "second-admin-password")), 409);
    }
  }
}
