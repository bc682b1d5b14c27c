package dev.assay.server;

import static dev.assay.server.AuthTestServer.bearer;
import static dev.assay.server.V2TestClient.expect;
import static dev.assay.server.V2TestClient.fieldNames;
import static dev.assay.server.V2TestClient.problem;
import static dev.assay.server.V2TestClient.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.auth.AccountRole;
import dev.assay.auth.SpaceRole;
import dev.assay.auth.User;
import dev.assay.config.AssayConfig;
import dev.assay.server.v2.ApiIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /v2/users}, {@code /v2/api-keys}, {@code /v2/roles}, {@code /v2/role-bindings}, {@code /v2/spaces/{id}/users}
 * and {@code /v2/audit-logs} against a live server with authentication on: AX's shapes, secrets only in creation
 * answers, keys that stop working when revoked or refreshed, who may do what, and bad input as problem JSON that
 * changes nothing.
 */
abstract class IdentityApiContract {
  private AuthTestServer s;
  private HttpTestClient c;
  private String[] admin;

  abstract AssayConfig config();

  @BeforeEach
  final void startServer() {
    s = AuthTestServer.start(config());
    c = s.client();
    admin = bearer(s.adminKey);
  }

  @AfterEach
  final void stopServer() {
    s.close();
  }

  private HttpTestClient.Reply call(String method, String path, String json, String[] auth) {
    return c.send(method, path, json, auth);
  }

  private int userCount() {
    return expect(200, c.get("/v2/users?limit=100", admin)).get("users").size();
  }

  private List<String> keyIds(String[] auth, String query) {
    List<String> ids = new ArrayList<>();
    expect(200, c.get("/v2/api-keys" + query, auth)).get("api_keys").forEach(k -> ids.add(k.get("id").asText()));
    return ids;
  }

  @Test
  void users_createListGetUpdateDelete_inAxShapes_withTheTemporaryPasswordOnlyOnCreation() {
    JsonNode created = expect(201, call("POST", "/v2/users", "{\"name\": \"Jane Smith\", \"email\": \"Jane@Example.com\","
        + " \"role\": {\"type\": \"PREDEFINED\", \"name\": \"MEMBER\"}, \"invite_mode\": \"TEMPORARY_PASSWORD\"}", admin));
    assertEquals(Set.of("id", "name", "email", "created_at", "status", "role", "is_developer", "is_service",
        "must_change_password", "invite_mode", "temporary_password"), fieldNames(created));
    assertEquals("Jane Smith", created.get("name").asText());
    assertEquals("ACTIVE", created.get("status").asText());
    assertEquals("{\"type\":\"PREDEFINED\",\"name\":\"MEMBER\"}", created.get("role").toString());
    assertTrue(created.get("must_change_password").asBoolean());
    assertTrue(ApiIds.decode("User", created.get("id").asText()).length() < created.get("id").asText().length());
    String temporary = created.get("temporary_password").asText();
    assertTrue(temporary.length() >= 12, temporary);

    String user = "/v2/users/" + q(created.get("id").asText());
    JsonNode got = expect(200, c.get(user, admin));
    assertFalse(got.has("temporary_password") || got.toString().contains(temporary));
    assertEquals(created.get("email"), got.get("email"));
    JsonNode listed = expect(200, c.get("/v2/users?email=" + q("jane@"), admin));
    assertEquals(1, listed.get("users").size());
    assertFalse(listed.toString().contains(temporary));
    assertEquals(0, expect(200, c.get("/v2/users?status=INVITED", admin)).get("users").size());
    // The temporary password signs in, and must then be changed.
    HttpTestClient.Reply login = c.post("/auth/login", V2TestClient.body("email", "jane@example.com", "password", temporary));
    assertEquals(200, login.status(), login.body());
    assertTrue(login.json().get("must_change_password").asBoolean());

    JsonNode renamed = expect(200, call("PATCH", user, "{\"name\": \"  Jane S.  \", \"role\": \"ADMIN\"}", admin));
    assertEquals("Jane S.", renamed.get("name").asText());
    assertEquals("ADMIN", renamed.at("/role/name").asText());
    String reset = expect(200, call("POST", user + "/reset-password", null, admin)).get("temporary_password").asText();
    assertNotEquals(temporary, reset);

    expect(204, c.delete(user, admin));
    problem(c.get(user, admin), 404);
    problem(c.post("/auth/login", V2TestClient.body("email", "jane@example.com", "password", reset)), 401);
    problem(c.delete(user, admin), 404);
    // Not yourself, and never the last admin.
    problem(c.delete("/v2/users/" + q(ApiIds.encode("User", s.admin.id())), admin), 409);
  }

  @Test
  void badUserRequests_areProblems_andStoreNothing() {
    int before = userCount();
    String role = "\"role\": {\"type\": \"PREDEFINED\", \"name\": \"MEMBER\"}";
    Map<String, Integer> bad = Map.ofEntries(
        Map.entry("{\"email\": \"a@example.com\", " + role + ", \"invite_mode\": \"NONE\"}", 400),
        Map.entry("{\"name\": \"a\", \"email\": \"not-an-email\", " + role + ", \"invite_mode\": \"NONE\"}", 400),
        Map.entry("{\"name\": \"a\", \"email\": \"a@example.com\", \"invite_mode\": \"NONE\"}", 400),
        Map.entry("{\"name\": \"a\", \"email\": \"a@example.com\", " + role + "}", 400),
        Map.entry("{\"name\": \"a\", \"email\": \"a@example.com\", " + role + ", \"invite_mode\": \"SMOKE\"}", 400),
        Map.entry("{\"name\": \"a\", \"email\": \"a@example.com\", " + role + ", \"invite_mode\": \"EMAIL_LINK\"}", 422),
        Map.entry("{\"name\": \"a\", \"email\": \"a@example.com\", \"role\": {\"type\": \"PREDEFINED\", \"name\":"
            + " \"ANNOTATOR\"}, \"invite_mode\": \"NONE\"}", 422),
        Map.entry("{\"name\": \"a\", \"email\": \"a@example.com\", \"role\": {\"type\": \"CUSTOM\", \"id\": \"x\"},"
            + " \"invite_mode\": \"NONE\"}", 422),
        Map.entry("{\"name\": \"a\", \"email\": \"a@example.com\", " + role + ", \"invite_mode\": \"NONE\","
            + " \"is_developer\": false}", 422),
        Map.entry("{\"name\": \"a\", \"email\": \"a@example.com\", " + role + ", \"invite_mode\": \"NONE\","
            + " \"password\": \"short\"}", 400),
        Map.entry("{\"name\": \"a\", \"email\": \"" + AuthTestServer.ADMIN_EMAIL + "\", " + role
            + ", \"invite_mode\": \"NONE\"}", 409),
        Map.entry("{\"name\": \"a\", \"email\": \"a@example.com\", " + role + ", \"invite_mode\": \"NONE\", \"x\": 1}", 400),
        Map.entry("[1]", 400));
    bad.forEach((body, status) -> problem(call("POST", "/v2/users", body, admin), status));
    assertEquals(before, userCount());

    String self = "/v2/users/" + q(ApiIds.encode("User", s.admin.id()));
    for (String patch : List.of("{}", "{\"name\": \"   \"}", "{\"name\": 5}", "{\"email\": \"b@example.com\"}")) {
      problem(call("PATCH", self, patch, admin), 400);
    }
    problem(call("PATCH", self, "{\"name\": \"Demoted\", \"role\": \"MEMBER\"}", admin), 409); // the last admin
    JsonNode unchanged = expect(200, c.get(self, admin));
    assertEquals(s.admin.name(), unchanged.get("name").asText());
    assertEquals("ADMIN", unchanged.at("/role/name").asText());
    problem(c.get("/v2/users?limit=0", admin), 400);
    problem(c.get("/v2/users?status=GONE", admin), 400);
  }

  @Test
  void members_seeOnlyThemselves_andCannotManageUsers() {
    User bob = s.createUser("bob@example.com", AccountRole.MEMBER, Map.of());
    String[] asBob = bearer(s.apiKey(bob));
    problem(c.get("/v2/users", asBob), 403);
    problem(call("POST", "/v2/users", "{\"name\": \"m\", \"email\": \"m@example.com\", \"role\": \"ADMIN\","
        + " \"invite_mode\": \"NONE\"}", asBob), 403);
    assertEquals("bob@example.com", expect(200, c.get("/v2/users/" + q(ApiIds.encode("User", bob.id())), asBob))
        .get("email").asText());
    problem(c.get("/v2/users/" + q(ApiIds.encode("User", s.admin.id())), asBob), 404);
    problem(c.get("/v2/audit-logs", asBob), 403);
    problem(c.get("/v2/users"), 401);
  }

  @Test
  void userKeys_showTheSecretOnce_workUntilRevoked_andListOnlyTheirOwner() {
    User bob = s.createUser("bob@example.com", AccountRole.MEMBER, Map.of());
    String[] asBob = bearer(s.apiKey(bob));
    JsonNode created = expect(201, call("POST", "/v2/api-keys", "{\"key_type\": \"USER\", \"name\": \"ci\","
        + " \"description\": \"for CI\", \"expires_at\": \"2999-01-01T00:00:00Z\"}", asBob));
    assertEquals(Set.of("id", "name", "description", "key_type", "status", "redacted_key", "created_at", "expires_at",
        "created_by_user_id", "user_id", "key"), fieldNames(created));
    String key = created.get("key").asText();
    assertTrue(key.startsWith("ak-") && key.length() > 40, key);
    assertEquals("USER", created.get("key_type").asText());
    assertEquals("ACTIVE", created.get("status").asText());
    assertEquals(ApiIds.encode("User", bob.id()), created.get("created_by_user_id").asText());
    assertTrue(created.get("redacted_key").asText().startsWith(key.substring(0, 6)));

    String[] asNew = bearer(key);
    JsonNode listed = expect(200, c.get("/v2/api-keys", asNew));
    assertEquals(2, listed.get("api_keys").size(), listed.toString());
    assertFalse(listed.toString().contains(key));
    assertTrue(keyIds(admin, "").contains(created.get("id").asText()), "an account admin sees every key");
    assertFalse(keyIds(bearer(s.adminKey), "?user_id=" + q(ApiIds.encode("User", s.admin.id())))
        .contains(created.get("id").asText()));

    String revoke = "/v2/api-keys/" + q(created.get("id").asText()) + "/revoke";
    User eve = s.createUser("eve@example.com", AccountRole.MEMBER, Map.of());
    problem(call("PUT", revoke, null, bearer(s.apiKey(eve))), 404);
    expect(204, call("PUT", revoke, null, asBob));
    problem(c.get("/v2/api-keys", asNew), 401);
    expect(204, call("PUT", revoke, null, asBob)); // again: still 204
    assertTrue(keyIds(asBob, "?status=REVOKED").contains(created.get("id").asText()));
    assertFalse(keyIds(asBob, "").contains(created.get("id").asText()), "ACTIVE by default");
    // Deleting a user revokes its keys.
    expect(204, c.delete("/v2/users/" + q(ApiIds.encode("User", bob.id())), admin));
    problem(c.get("/v2/api-keys", asBob), 401);
  }

  @Test
  void refresh_replacesTheSecret_theOldOneStopsAtOnceOrAfterItsGrace() {
    User bob = s.createUser("bob@example.com", AccountRole.MEMBER, Map.of());
    JsonNode first = expect(201, call("POST", "/v2/api-keys", "{\"key_type\": \"USER\", \"name\": \"a\"}",
        bearer(s.apiKey(bob))));
    String old = first.get("key").asText();
    String refresh = "/v2/api-keys/" + q(first.get("id").asText()) + "/refresh";
    JsonNode graced = expect(200, call("POST", refresh, "{\"grace_period_seconds\": 3600}", bearer(old)));
    assertEquals(first.get("id"), graced.get("id"));
    assertFalse(graced.has("bot_user"));
    String second = graced.get("key").asText();
    assertNotEquals(old, second);
    expect(200, c.get("/v2/api-keys", bearer(old)));
    expect(200, c.get("/v2/api-keys", bearer(second)));

    String third = expect(200, call("POST", refresh, null, bearer(second))).get("key").asText();
    problem(c.get("/v2/api-keys", bearer(second)), 401);
    expect(200, c.get("/v2/api-keys", bearer(third)));
    for (String bad : List.of("{\"grace_period_seconds\": 86401}", "{\"grace_period_seconds\": \"1\"}",
        "{\"expires_at\": \"soon\"}", "{\"colour\": 1}")) {
      problem(call("POST", refresh, bad, bearer(third)), 400);
    }
    problem(call("POST", refresh, "{\"expires_at\": \"2001-01-01T00:00:00Z\"}", bearer(third)), 422);
    expect(200, c.get("/v2/api-keys", bearer(third))); // the refused refreshes changed nothing
  }

  @Test
  void serviceKeys_actInTheirSpacesOnly_withRolesNoHigherThanTheCreators() {
    String alpha = s.createSpace("alpha");
    String beta = s.createSpace("beta");
    User bob = s.createUser("bob@example.com", AccountRole.MEMBER, Map.of(alpha, SpaceRole.MEMBER, beta, SpaceRole.VIEWER));
    String[] asBob = bearer(s.apiKey(bob));
    String body = "{\"key_type\": \"SERVICE\", \"name\": \"bot\", \"organizations\": [{\"org_id\": \"any\", \"spaces\":"
        + " [{\"space_id\": \"alpha\", \"role\": {\"type\": \"PREDEFINED\", \"name\": \"MEMBER\"}}]}]}";
    JsonNode created = expect(201, call("POST", "/v2/api-keys", body, asBob));
    assertEquals("SERVICE", created.get("key_type").asText());
    JsonNode bot = created.get("bot_user");
    assertEquals(Set.of("id", "name", "account_role", "organizations"), fieldNames(bot));
    assertEquals("MEMBER", bot.at("/account_role/name").asText());
    assertEquals(ApiIds.encode("Space", alpha), bot.at("/organizations/0/spaces/0/space_id").asText());
    assertEquals("MEMBER", bot.at("/organizations/0/spaces/0/role/name").asText());
    assertEquals(bot.get("id"), created.get("user_id"));
    String[] asBot = bearer(created.get("key").asText());
    expect(201, call("POST", "/v2/projects", "{\"name\": \"p\", \"space_id\": \"alpha\"}", asBot));
    problem(call("POST", "/v2/projects", "{\"name\": \"p\", \"space_id\": \"beta\"}", asBot), 404);
    assertTrue(keyIds(asBob, "?space_id=alpha").contains(created.get("id").asText()));
    assertEquals(List.of(), keyIds(asBob, "?space_id=beta"));
    problem(c.get("/v2/api-keys?space_id=gamma", asBob), 404);

    int keys = keyIds(admin, "").size();
    problem(call("POST", "/v2/api-keys", body.replace("alpha", "beta"), asBob), 403); // VIEWER cannot grant MEMBER
    problem(call("POST", "/v2/api-keys", body.replace("alpha", "gamma"), asBob), 404);
    for (String bad : List.of(
        "{\"key_type\": \"SERVICE\", \"name\": \"bot\"}",
        "{\"key_type\": \"SERVICE\", \"name\": \"bot\", \"organizations\": [{\"spaces\": []}]}",
        "{\"key_type\": \"USER\", \"name\": \"bot\", \"organizations\": []}",
        "{\"key_type\": \"ROBOT\", \"name\": \"bot\"}",
        "{\"key_type\": \"USER\"}",
        "{\"key_type\": \"USER\", \"name\": \"x\", \"id\": \"mine\"}",
        "{\"key_type\": \"USER\", \"name\": \"x\", \"expires_at\": \"tomorrow\"}",
        body.replace("MEMBER", "OWNER"))) {
      problem(call("POST", "/v2/api-keys", bad, asBob), 400);
    }
    for (String unprocessable : List.of(body.replace("MEMBER", "ANNOTATOR"),
        body.replace("\"type\": \"PREDEFINED\", \"name\": \"MEMBER\"", "\"type\": \"CUSTOM\", \"id\": \"r1\""),
        body.replace("\"name\": \"bot\",", "\"name\": \"bot\", \"account_role\": {\"name\": \"ADMIN\"},"),
        "{\"key_type\": \"USER\", \"name\": \"x\", \"expires_at\": \"2001-01-01T00:00:00Z\"}")) {
      problem(call("POST", "/v2/api-keys", unprocessable, asBob), 422);
    }
    assertEquals(keys, keyIds(admin, "").size(), "refused requests created no key");
  }

  @Test
  void roles_areThePredefinedThree() {
    String[] asBob = bearer(s.apiKey(s.createUser("bob@example.com", AccountRole.MEMBER, Map.of())));
    JsonNode roles = expect(200, c.get("/v2/roles", asBob));
    assertEquals(List.of("ADMIN", "MEMBER", "READ_ONLY"), V2TestClient.names(roles.get("roles")));
    JsonNode member = roles.at("/roles/1");
    assertEquals(Set.of("id", "name", "description", "permissions", "is_predefined", "created_at", "updated_at"),
        fieldNames(member));
    assertTrue(member.get("is_predefined").asBoolean());
    assertTrue(member.get("permissions").toString().contains("DATASET_CREATE"));
    assertFalse(roles.at("/roles/2/permissions").toString().contains("DATASET_CREATE"));
    assertEquals(member, expect(200, c.get("/v2/roles/" + q(member.get("id").asText()), asBob)));
    assertEquals(member, expect(200, c.get("/v2/roles/member", asBob)));
    JsonNode page = expect(200, c.get("/v2/roles?limit=2", asBob));
    assertEquals(2, page.get("roles").size());
    JsonNode rest = expect(200, c.get("/v2/roles?limit=2&cursor=" + q(page.at("/pagination/next_cursor").asText()), asBob));
    assertEquals(List.of("READ_ONLY"), V2TestClient.names(rest.get("roles")));
    assertEquals(0, expect(200, c.get("/v2/roles?is_predefined=false", asBob)).get("roles").size());
    problem(c.get("/v2/roles/nope", asBob), 404);
    problem(c.get("/v2/roles?cursor=zz", asBob), 400);
  }

  @Test
  void spaceUsersAndRoleBindings_grantChangeAndRemoveAccess() {
    String alpha = s.createSpace("alpha");
    User carol = s.createUser("carol@example.com", AccountRole.MEMBER, Map.of(alpha, SpaceRole.ADMIN));
    // Dave views another space, so the route lets him in and alpha is a 404 to him, not a 403.
    User dave = s.createUser("dave@example.com", AccountRole.MEMBER, Map.of(s.createSpace("other"), SpaceRole.VIEWER));
    String[] asCarol = bearer(s.apiKey(carol));
    String[] asDave = bearer(s.apiKey(dave));
    String daveId = ApiIds.encode("User", dave.id());
    String space = "/v2/spaces/" + q(ApiIds.encode("Space", alpha));
    problem(c.get(space, asDave), 404);

    JsonNode added = expect(200, call("POST", space + "/users", "{\"user_id\": \"" + daveId + "\", \"role\":"
        + " {\"type\": \"PREDEFINED\", \"name\": \"READ_ONLY\"}}", asCarol));
    assertEquals(Set.of("id", "user_id", "space_id", "role"), fieldNames(added));
    assertEquals("READ_ONLY", added.at("/role/name").asText());
    expect(200, c.get(space, asDave));
    problem(call("POST", "/v2/projects", "{\"name\": \"p\", \"space_id\": \"alpha\"}", asDave), 403); // a viewer only
    // The member list: a viewer of the space sees who is in it.
    JsonNode members = expect(200, c.get(space + "/users", asDave));
    List<String> emails = new ArrayList<>();
    members.get("users").forEach(m -> emails.add(m.at("/user/email").asText()));
    assertEquals(Set.of("carol@example.com", "dave@example.com"), Set.copyOf(emails), members.toString());
    assertEquals(Set.of("id", "user_id", "space_id", "role", "user", "created_at", "updated_at"),
        fieldNames(members.at("/users/0")));

    JsonNode bindings = expect(200, c.get("/v2/role-bindings?resource_type=SPACE&user_id=" + q(daveId), asCarol));
    assertEquals(1, bindings.get("role_bindings").size());
    JsonNode binding = bindings.at("/role_bindings/0");
    assertEquals(added.get("id"), binding.get("id"));
    assertEquals(Set.of("id", "role_id", "user_id", "resource_type", "resource_id", "created_at", "updated_at"),
        fieldNames(binding));
    String b = "/v2/role-bindings/" + q(binding.get("id").asText());
    String memberRole = expect(200, c.get("/v2/roles/MEMBER", asDave)).get("id").asText();
    problem(call("PATCH", b, "{\"role_id\": \"" + memberRole + "\"}", asDave), 403); // READ_ONLY cannot manage
    JsonNode changed = expect(200, call("PATCH", b, "{\"role_id\": \"" + memberRole + "\"}", asCarol));
    assertEquals(memberRole, changed.get("role_id").asText());
    expect(201, call("POST", "/v2/projects", "{\"name\": \"p\", \"space_id\": \"alpha\"}", asDave));

    String create = "{\"role_id\": \"" + memberRole + "\", \"user_id\": \"" + daveId + "\", \"resource_type\": \"SPACE\","
        + " \"resource_id\": \"alpha\"}";
    problem(call("POST", "/v2/role-bindings", create, asCarol), 409);
    problem(call("POST", "/v2/role-bindings", create.replace("\"SPACE\"", "\"PROJECT\""), asCarol), 422);
    problem(call("POST", "/v2/role-bindings", create.replace(memberRole, "OWNER"), asCarol), 422);
    problem(call("PATCH", b, "{\"role_id\": \"ADMIN\", \"user_id\": \"x\"}", asCarol), 400);
    problem(call("POST", space + "/users", "{\"user_id\": \"" + daveId + "\", \"role\": \"ANNOTATOR\"}", asCarol), 422);
    problem(call("POST", space + "/users", "{\"user_id\": \"" + daveId + "\"}", asCarol), 400);
    assertEquals(memberRole, expect(200, c.get(b, asCarol)).get("role_id").asText(), "the refused requests changed nothing");

    expect(204, c.delete(space + "/users/" + q(daveId), asCarol));
    problem(c.get(space, asDave), 404);
    problem(c.delete(space + "/users/" + q(daveId), asCarol), 404);
    problem(c.get(b, asCarol), 404);
    expect(201, call("POST", "/v2/role-bindings", create, asCarol));
    expect(204, c.delete(b, asCarol));
    problem(c.get(space, asDave), 404);
  }

  @Test
  void auditLog_recordsChanges_withSecretsMasked_forAccountAdminsOnly() {
    JsonNode key = expect(201, call("POST", "/v2/api-keys", "{\"key_type\": \"USER\", \"name\": \"audited\"}", admin));
    expect(201, call("POST", "/v2/users", "{\"name\": \"Pat\", \"email\": \"pat@example.com\", \"role\": \"MEMBER\","
        + " \"password\": \"pat-password-123\"}", admin));
    JsonNode logs = expect(200, c.get("/v2/audit-logs?limit=10", admin));
    List<String> operations = new ArrayList<>();
    logs.get("logs").forEach(l -> operations.add(l.get("operation_name").asText()));
    assertEquals(List.of("POST /v2/users", "POST /v2/api-keys"), operations.subList(0, 2), "newest first");
    JsonNode entry = logs.at("/logs/0");
    assertEquals(Set.of("id", "user_id", "ip", "operation_type", "operation_name", "operation_text", "variables",
        "created_at", "api_key_id"), fieldNames(entry));
    assertEquals("MUTATION", entry.get("operation_type").asText());
    assertEquals(ApiIds.encode("User", s.admin.id()), entry.get("user_id").asText());
    assertFalse(logs.toString().contains("pat-password-123"));
    assertFalse(logs.toString().contains(key.get("key").asText()));
    assertEquals(0, expect(200, c.get("/v2/audit-logs?operation_type=QUERY", admin)).get("logs").size());
    assertEquals(0, expect(200, c.get("/v2/audit-logs?end_time=2001-01-01T00:00:00Z", admin)).get("logs").size());
    assertTrue(expect(200, c.get("/v2/audit-logs?user_id=" + q(ApiIds.encode("User", s.admin.id())), admin))
        .get("logs").size() >= 2);
    problem(c.get("/v2/audit-logs?start_time=yesterday", admin), 400);
    problem(c.get("/v2/audit-logs?operation_type=READ", admin), 400);
  }
}
