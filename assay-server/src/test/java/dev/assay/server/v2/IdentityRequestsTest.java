package dev.assay.server.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.auth.AccountRole;
import dev.assay.auth.ApiKey;
import dev.assay.auth.SpaceRole;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.UnprocessableException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The identity request bodies: AX's forms read as Assay means them; what Assay lacks is a 422, malformed is a 400. */
class IdentityRequestsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void createUser_readsAxsBody_andAssaysPassword() {
    var temporary = IdentityRequests.createUser(json("{\"name\": \" Jane \", \"email\": \"jane@example.com\","
        + " \"role\": {\"type\": \"PREDEFINED\", \"name\": \"admin\"}, \"invite_mode\": \"TEMPORARY_PASSWORD\"}"));
    assertEquals("Jane", temporary.user().name());
    assertEquals(AccountRole.ADMIN, temporary.user().role());
    assertNull(temporary.user().password());
    assertTrue(temporary.user().temporary());
    assertEquals("TEMPORARY_PASSWORD", temporary.inviteMode());

    var direct = IdentityRequests.createUser(json("{\"name\": \"Sam\", \"email\": \"sam@example.com\", \"role\": \"MEMBER\","
        + " \"password\": \"a long password\"}"));
    assertEquals("NONE", direct.inviteMode());
    assertEquals("a long password", direct.user().password());
    assertFalse(direct.user().temporary());
    assertFalse(direct.toString().contains("a long password"), "a password never reaches a log line");
  }

  @Test
  void createUser_refusesWhatAssayLacks_with422_andMalformedBodies_with400() {
    String base = "\"name\": \"a\", \"email\": \"a@example.com\"";
    for (String lacking : new String[] {
        "{" + base + ", \"role\": \"MEMBER\", \"invite_mode\": \"EMAIL_LINK\"}",
        "{" + base + ", \"role\": \"ANNOTATOR\", \"invite_mode\": \"NONE\"}",
        "{" + base + ", \"role\": {\"type\": \"CUSTOM\", \"id\": \"r\"}, \"invite_mode\": \"NONE\"}",
        "{" + base + ", \"role\": {\"id\": \"r\"}, \"invite_mode\": \"NONE\"}",
        "{" + base + ", \"role\": \"MEMBER\", \"invite_mode\": \"NONE\", \"is_developer\": false}"}) {
      assertThrows(UnprocessableException.class, () -> IdentityRequests.createUser(json(lacking)), lacking);
    }
    for (String malformed : new String[] {
        "{" + base + ", \"role\": \"OWNER\", \"invite_mode\": \"NONE\"}",
        "{" + base + ", \"role\": \"READ_ONLY\", \"invite_mode\": \"NONE\"}",
        "{" + base + ", \"role\": {\"type\": \"BUILTIN\", \"name\": \"MEMBER\"}, \"invite_mode\": \"NONE\"}",
        "{" + base + ", \"role\": 7, \"invite_mode\": \"NONE\"}",
        "{" + base + ", \"role\": \"MEMBER\"}",
        "{\"name\": \"a\", \"email\": \"a@\", \"role\": \"MEMBER\", \"invite_mode\": \"NONE\"}",
        "{\"name\": \"" + "n".repeat(256) + "\", \"email\": \"a@example.com\", \"role\": \"MEMBER\", \"invite_mode\": \"NONE\"}",
        "{" + base + ", \"role\": \"MEMBER\", \"invite_mode\": \"NONE\", \"status\": \"ACTIVE\"}"}) {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> IdentityRequests.createUser(json(malformed)));
      assertFalse(e instanceof UnprocessableException, malformed + ": " + e.getMessage());
    }
  }

  @Test
  void createKey_readsServiceSpacesWithRoles_defaultingToMember() {
    var key = IdentityRequests.createKey(json("{\"key_type\": \"SERVICE\", \"name\": \"bot\", \"account_role\":"
        + " {\"name\": \"MEMBER\"}, \"organizations\": [{\"org_id\": \"o\", \"role\": {\"name\": \"READ_ONLY\"},"
        + " \"spaces\": [{\"space_id\": \"" + ApiIds.encode("Space", "s1") + "\", \"role\": {\"name\": \"READ_ONLY\"}},"
        + " {\"space_id\": \"team\"}]}]}"));
    assertEquals(ApiKey.Type.SERVICE, key.type());
    assertEquals(Map.of("s1", SpaceRole.VIEWER, "team", SpaceRole.MEMBER), key.spaces());
    assertThrows(InvalidInputException.class, () -> IdentityRequests.createKey(json("{\"key_type\": \"SERVICE\","
        + " \"name\": \"bot\", \"organizations\": [{\"spaces\": [{\"space_id\": \"a\"}, {\"space_id\": \"a\"}]}]}")));
  }

  @Test
  void refresh_graceIsZeroTo24Hours_andTheBodyIsOptional() {
    assertEquals(Duration.ZERO, IdentityRequests.refresh(null).grace());
    assertEquals(Duration.ofDays(1), IdentityRequests.refresh(json("{\"grace_period_seconds\": 86400}")).grace());
    assertThrows(InvalidInputException.class, () -> IdentityRequests.refresh(json("{\"grace_period_seconds\": 1.5}")));
    assertThrows(InvalidInputException.class, () -> IdentityRequests.refresh(json("{\"grace_period_seconds\": -1}")));
  }

  @Test
  void bindings_takeRoleIdsOrNames_spaceOnly() {
    var binding = IdentityRequests.createBinding(json("{\"role_id\": \"" + PredefinedRoles.id(SpaceRole.VIEWER) + "\","
        + " \"user_id\": \"" + ApiIds.encode("User", "u1") + "\", \"resource_type\": \"SPACE\", \"resource_id\": \"team\"}"));
    assertEquals(SpaceRole.VIEWER, binding.role());
    assertEquals("u1", binding.userId());
    assertEquals("team", binding.spaceRef());
    assertEquals(SpaceRole.ADMIN, IdentityRequests.updateBinding(json("{\"role_id\": \"admin\"}")));
    assertThrows(UnprocessableException.class, () -> IdentityRequests.createBinding(json("{\"role_id\": \"ADMIN\","
        + " \"user_id\": \"u\", \"resource_type\": \"PROJECT\", \"resource_id\": \"p\"}")));
    assertThrows(UnprocessableException.class, () -> IdentityRequests.updateBinding(json("{\"role_id\": \"OWNER\"}")));
    assertThrows(InvalidInputException.class, () -> IdentityRequests.updateBinding(json("{\"role_id\": \"ADMIN\","
        + " \"resource_id\": \"x\"}")));
  }

  @Test
  void predefinedRoles_areThree_withGrowingPermissions() {
    var roles = PredefinedRoles.all();
    assertEquals(3, roles.size());
    assertTrue(roles.get(0).permissions().containsAll(roles.get(1).permissions()));
    assertTrue(roles.get(1).permissions().containsAll(roles.get(2).permissions()));
    assertTrue(roles.get(0).permissions().contains("ROLE_BINDING_CREATE"));
    assertFalse(roles.get(1).permissions().contains("ROLE_BINDING_CREATE"));
    assertEquals(SpaceRole.VIEWER, PredefinedRoles.get(roles.get(2).id()));
  }
}
