package dev.assay.server;

import static dev.assay.server.V2TestClient.BEARER;
import static dev.assay.server.V2TestClient.body;
import static dev.assay.server.V2TestClient.expect;
import static dev.assay.server.V2TestClient.fieldNames;
import static dev.assay.server.V2TestClient.names;
import static dev.assay.server.V2TestClient.problem;
import static dev.assay.server.V2TestClient.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.server.v2.ApiIds;
import dev.assay.spaces.Space;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /v2/spaces} over HTTP; one short subclass per database. */
abstract class SpacesApiContract extends LiveServerContract {
  private final String prefix = "s" + UUID.randomUUID().toString().substring(0, 8) + "-";

  @Test
  void list_showsTheDefaultSpaceInAxsShape_toAClientWithABearerToken() {
    JsonNode page = v2.listSpaces("?name=default");

    assertEquals(Set.of("spaces", "pagination"), fieldNames(page));
    JsonNode space = page.get("spaces").get(0);
    assertEquals(Set.of("id", "name", "description", "created_at", "is_private"), fieldNames(space));
    assertEquals(ApiIds.encode("Space", Space.DEFAULT_ID), space.get("id").asText());
    assertEquals(Space.DEFAULT_NAME, space.get("name").asText());
    assertFalse(space.get("is_private").asBoolean());
    assertEquals(Set.of("has_more"), fieldNames(page.get("pagination")));
  }

  @Test
  void create_answers201_andGetFindsItByIdOrName() {
    JsonNode created = expect(201, server.client.post("/v2/spaces",
        body("name", prefix + "team", "organization_id", "T3JnOjE=", "description", "the team", "is_private", true)));

    assertEquals(prefix + "team", created.get("name").asText());
    assertEquals("the team", created.get("description").asText());
    assertTrue(created.get("is_private").asBoolean());
    assertEquals(created, expect(200, server.client.get("/v2/spaces/" + q(created.get("id").asText()), BEARER)));
    assertEquals(created, expect(200, server.client.get("/v2/spaces/" + q(prefix + "team"))));
    assertEquals("", v2.createSpace(prefix + "bare").get("description").asText());
  }

  @Test
  void create_duplicateIs409_missingNameIs400() {
    v2.createSpace(prefix + "dup");

    problem(server.client.post("/v2/spaces", body("name", prefix + "dup")), 409);
    assertEquals("name is required", problem(server.client.post("/v2/spaces", body("description", "x")), 400)
        .get("detail").asText());
  }

  @Test
  void list_filtersByNameSubstringAndPages() {
    for (String n : List.of("b", "a", "c")) {
      v2.createSpace(prefix + n);
    }

    JsonNode first = v2.listSpaces("?name=" + q(prefix.toUpperCase()) + "&limit=2");
    JsonNode second = v2.listSpaces("?name=" + q(prefix) + "&limit=2&cursor=" + q(first.get("pagination").get("next_cursor").asText()));

    assertEquals(List.of(prefix + "a", prefix + "b"), names(first.get("spaces")));
    assertEquals(List.of(prefix + "c"), names(second.get("spaces")));
    assertFalse(second.get("pagination").get("has_more").asBoolean());
  }

  @Test
  void update_changesOnlyTheGivenFields_andNullDescriptionClearsIt() {
    JsonNode space = expect(201, server.client.post("/v2/spaces", body("name", prefix + "old", "description", "keep")));
    String path = "/v2/spaces/" + q(space.get("id").asText());

    JsonNode renamed = expect(200, server.client.patch(path, body("name", prefix + "new"), BEARER));
    assertEquals(prefix + "new", renamed.get("name").asText());
    assertEquals("keep", renamed.get("description").asText());

    JsonNode cleared = expect(200, server.client.patch(path, "{\"description\": null, \"is_private\": true}"));
    assertEquals("", cleared.get("description").asText());
    assertTrue(cleared.get("is_private").asBoolean());
    assertEquals(prefix + "new", cleared.get("name").asText());
  }

  @Test
  void update_rejectsEmptyBodiesTakenNamesAndRenamingTheDefaultSpace() {
    JsonNode space = v2.createSpace(prefix + "one");
    v2.createSpace(prefix + "two");
    String path = "/v2/spaces/" + q(space.get("id").asText());

    assertTrue(problem(server.client.patch(path, "{}"), 400).get("detail").asText().contains("at least one of name"));
    problem(server.client.patch(path, body("name", prefix + "two")), 409);
    problem(server.client.patch("/v2/spaces/default", body("name", prefix + "renamed-default")), 400);
    problem(server.client.patch("/v2/spaces/" + q(prefix + "missing"), body("name", "x")), 404);
  }

  @Test
  void delete_removesTheSpaceAndItsProjects_butNeverTheDefaultSpace() {
    JsonNode space = v2.createSpace(prefix + "doomed");
    JsonNode project = v2.createProject(prefix + "inside", space.get("id").asText());

    assertEquals(204, server.client.delete("/v2/spaces/" + q(prefix + "doomed"), BEARER).status());

    problem(server.client.get("/v2/spaces/" + q(space.get("id").asText())), 404);
    problem(server.client.get("/v2/projects/" + q(project.get("id").asText())), 404);
    problem(server.client.delete("/v2/spaces/" + q(space.get("id").asText())), 404);
    assertTrue(problem(server.client.delete("/v2/spaces/" + q(ApiIds.encode("Space", Space.DEFAULT_ID))), 400)
        .get("detail").asText().contains("default space"));
  }
}
