package dev.assay.server;

import static dev.assay.server.V2TestClient.q;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.server.OpenApiDocumentTest.Checker;

/**
 * The users, API keys, roles, role bindings, space members and audit log operations as {@link OpenApiDocumentTest}
 * exercises them (local mode: the caller may do everything), each called once or more, including refused requests.
 */
final class IdentityRouteExercises {
  private IdentityRouteExercises() {}

  static void identity(HttpTestClient c, Checker check) {
    JsonNode admin = check.run("POST", "/v2/users", () -> c.post("/v2/users", "{\"name\": \"Docs Admin\", \"email\":"
        + " \"docs-admin@example.com\", \"role\": {\"type\": \"PREDEFINED\", \"name\": \"ADMIN\"},"
        + " \"invite_mode\": \"TEMPORARY_PASSWORD\"}"));
    JsonNode member = check.run("POST", "/v2/users", () -> c.post("/v2/users", "{\"name\": \"Docs Member\", \"email\":"
        + " \"docs-member@example.com\", \"role\": {\"type\": \"PREDEFINED\", \"name\": \"MEMBER\"},"
        + " \"invite_mode\": \"NONE\", \"password\": \"correct horse battery\"}"));
    check.run("POST", "/v2/users", () -> c.post("/v2/users", "{\"name\": \"x\", \"email\": \"docs-member@example.com\","
        + " \"role\": \"MEMBER\", \"invite_mode\": \"NONE\"}"));
    check.run("POST", "/v2/users", () -> c.post("/v2/users", "{\"name\": \"x\", \"email\": \"nope\", \"role\": \"MEMBER\","
        + " \"invite_mode\": \"NONE\"}"));
    check.run("POST", "/v2/users", () -> c.post("/v2/users", "{\"name\": \"x\", \"email\": \"x@example.com\","
        + " \"role\": \"MEMBER\", \"invite_mode\": \"EMAIL_LINK\"}"));
    String user = "/v2/users/" + q(member.get("id").asText());
    check.run("GET", "/v2/users", () -> c.get("/v2/users?limit=1&email=docs"));
    check.run("GET", "/v2/users", () -> c.get("/v2/users?status=GONE"));
    check.run("GET", "/v2/users/{user_id}", () -> c.get(user));
    check.run("GET", "/v2/users/{user_id}", () -> c.get("/v2/users/nope"));
    check.run("PATCH", "/v2/users/{user_id}", () -> c.patch(user, "{\"name\": \"Docs Member 2\"}"));
    check.run("PATCH", "/v2/users/{user_id}", () -> c.patch(user, "{}"));
    check.run("PATCH", "/v2/users/{user_id}", () -> c.patch(user, "{\"is_developer\": false}"));
    check.run("POST", "/v2/users/{user_id}/reset-password", () -> c.post(user + "/reset-password", ""));
    check.run("POST", "/v2/users/{user_id}/reset-password", () -> c.post("/v2/users/nope/reset-password", ""));

    String spaceId = c.post("/v2/spaces", "{\"name\": \"docs-members\"}").json().get("id").asText();
    String members = "/v2/spaces/" + q(spaceId) + "/users";
    String memberId = member.get("id").asText();
    check.run("POST", "/v2/spaces/{space_id}/users", () -> c.post(members, "{\"user_id\": \"" + memberId + "\","
        + " \"role\": {\"type\": \"PREDEFINED\", \"name\": \"MEMBER\"}}"));
    check.run("POST", "/v2/spaces/{space_id}/users", () -> c.post(members, "{\"user_id\": \"" + memberId + "\","
        + " \"role\": {\"type\": \"CUSTOM\", \"id\": \"r\"}}"));
    check.run("POST", "/v2/spaces/{space_id}/users", () -> c.post(members, "{\"user_id\": \"nope\", \"role\": \"MEMBER\"}"));
    check.run("GET", "/v2/spaces/{space_id}/users", () -> c.get(members + "?limit=10"));
    check.run("GET", "/v2/spaces/{space_id}/users", () -> c.get("/v2/spaces/nope/users"));

    JsonNode roles = check.run("GET", "/v2/roles", () -> c.get("/v2/roles?limit=2"));
    check.run("GET", "/v2/roles", () -> c.get("/v2/roles?is_predefined=maybe"));
    String readOnly = roles.at("/roles/1/id").asText();
    check.run("GET", "/v2/roles/{role_id}", () -> c.get("/v2/roles/" + q(readOnly)));
    check.run("GET", "/v2/roles/{role_id}", () -> c.get("/v2/roles/nope"));

    String adminId = admin.get("id").asText();
    String binding = "{\"role_id\": \"" + readOnly + "\", \"user_id\": \"" + adminId + "\", \"resource_type\": \"SPACE\","
        + " \"resource_id\": \"" + spaceId + "\"}";
    JsonNode bound = check.run("POST", "/v2/role-bindings", () -> c.post("/v2/role-bindings", binding));
    check.run("POST", "/v2/role-bindings", () -> c.post("/v2/role-bindings", binding));
    check.run("POST", "/v2/role-bindings", () -> c.post("/v2/role-bindings", binding.replace("SPACE", "PROJECT")));
    check.run("POST", "/v2/role-bindings", () -> c.post("/v2/role-bindings", "{\"role_id\": \"" + readOnly + "\"}"));
    check.run("GET", "/v2/role-bindings", () -> c.get("/v2/role-bindings?resource_type=SPACE&limit=1"));
    check.run("GET", "/v2/role-bindings", () -> c.get("/v2/role-bindings?resource_type=GROUP"));
    String b = "/v2/role-bindings/" + q(bound.get("id").asText());
    check.run("GET", "/v2/role-bindings/{binding_id}", () -> c.get(b));
    check.run("GET", "/v2/role-bindings/{binding_id}", () -> c.get("/v2/role-bindings/nope"));
    check.run("PATCH", "/v2/role-bindings/{binding_id}", () -> c.patch(b, "{\"role_id\": \"ADMIN\"}"));
    check.run("PATCH", "/v2/role-bindings/{binding_id}", () -> c.patch(b, "{\"role_id\": \"ADMIN\", \"user_id\": \"x\"}"));
    check.run("DELETE", "/v2/role-bindings/{binding_id}", () -> c.delete(b));
    check.run("DELETE", "/v2/role-bindings/{binding_id}", () -> c.delete(b));

    String service = "{\"key_type\": \"SERVICE\", \"name\": \"docs-bot\", \"expires_at\": \"2999-01-01T00:00:00Z\","
        + " \"organizations\": [{\"org_id\": \"o\", \"spaces\": [{\"space_id\": \"" + spaceId + "\","
        + " \"role\": {\"name\": \"MEMBER\"}}]}]}";
    JsonNode key = check.run("POST", "/v2/api-keys", () -> c.post("/v2/api-keys", service));
    check.run("POST", "/v2/api-keys", () -> c.post("/v2/api-keys", service.replace(spaceId, "nope")));
    check.run("POST", "/v2/api-keys", () -> c.post("/v2/api-keys", service.replace("2999", "2001")));
    check.run("POST", "/v2/api-keys", () -> c.post("/v2/api-keys", "{\"key_type\": \"MAGIC\", \"name\": \"x\"}"));
    check.run("POST", "/v2/api-keys", () -> c.post("/v2/api-keys", "{\"key_type\": \"USER\", \"name\": \"x\"}"));
    check.run("GET", "/v2/api-keys", () -> c.get("/v2/api-keys?limit=1&space_id=" + q(spaceId)));
    check.run("GET", "/v2/api-keys", () -> c.get("/v2/api-keys?key_type=MAGIC"));
    String k = "/v2/api-keys/" + q(key.get("id").asText());
    check.run("POST", "/v2/api-keys/{api_key_id}/refresh", () -> c.post(k + "/refresh",
        "{\"expires_at\": \"2998-01-01T00:00:00Z\", \"grace_period_seconds\": 60}"));
    check.run("POST", "/v2/api-keys/{api_key_id}/refresh", () -> c.post(k + "/refresh", "{}"));
    check.run("POST", "/v2/api-keys/{api_key_id}/refresh", () -> c.post(k + "/refresh", "{\"grace_period_seconds\": -1}"));
    check.run("POST", "/v2/api-keys/{api_key_id}/refresh", () -> c.post("/v2/api-keys/nope/refresh", ""));
    check.run("PUT", "/v2/api-keys/{api_key_id}/revoke", () -> c.put(k + "/revoke", ""));
    check.run("PUT", "/v2/api-keys/{api_key_id}/revoke", () -> c.put("/v2/api-keys/nope/revoke", ""));
    check.run("POST", "/v2/api-keys/{api_key_id}/revoke", () -> c.post(k + "/revoke", ""));
    check.run("POST", "/v2/api-keys/{api_key_id}/revoke", () -> c.post("/v2/api-keys/nope/revoke", ""));

    check.run("DELETE", "/v2/spaces/{space_id}/users/{user_id}", () -> c.delete(members + "/" + q(memberId)));
    check.run("DELETE", "/v2/spaces/{space_id}/users/{user_id}", () -> c.delete(members + "/" + q(memberId)));
    check.run("DELETE", "/v2/users/{user_id}", () -> c.delete(user));
    check.run("DELETE", "/v2/users/{user_id}", () -> c.delete(user));
    check.run("DELETE", "/v2/users/{user_id}", () -> c.delete("/v2/users/" + q(adminId)));

    check.run("GET", "/v2/audit-logs", () -> c.get("/v2/audit-logs?limit=5&operation_type=MUTATION"));
    check.run("GET", "/v2/audit-logs", () -> c.get("/v2/audit-logs?start_time=yesterday"));
  }
}
