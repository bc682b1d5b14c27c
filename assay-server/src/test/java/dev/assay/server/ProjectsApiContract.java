package dev.assay.server;

import static dev.assay.server.V2TestClient.BEARER;
import static dev.assay.server.V2TestClient.body;
import static dev.assay.server.V2TestClient.expect;
import static dev.assay.server.V2TestClient.fieldNames;
import static dev.assay.server.V2TestClient.names;
import static dev.assay.server.V2TestClient.problem;
import static dev.assay.server.V2TestClient.q;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.server.v2.ApiIds;
import dev.assay.spaces.Space;
import dev.assay.store.BatchingWriter;
import dev.assay.store.JdbcSpanSink;
import dev.assay.store.JdbcStore;
import dev.assay.store.WriterSettings;
import dev.assay.traces.Span;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /v2/projects} and {@code /v2/project-summaries} over HTTP; one short subclass per database. */
abstract class ProjectsApiContract extends LiveServerContract {
  static final String DEFAULT_SPACE = ApiIds.encode("Space", Space.DEFAULT_ID);

  /** Unique per test, so tests never see each other's projects. */
  private final String prefix = "p" + UUID.randomUUID().toString().substring(0, 8) + "-";

  @Test
  void create_answers201WithAxsProjectShape_inTheDefaultSpace() {
    JsonNode project = v2.createProject(prefix + "chat", null);

    assertEquals(Set.of("id", "name", "space_id", "created_at"), fieldNames(project));
    assertEquals(prefix + "chat", project.get("name").asText());
    assertEquals(DEFAULT_SPACE, project.get("space_id").asText());
    String storeId = ApiIds.decode("Project", project.get("id").asText());
    assertTrue(storeId.matches("[0-9a-f-]{36}"), project.toString());
    Instant.parse(project.get("created_at").asText());
  }

  @Test
  void get_byApiIdByRawIdAndByName() {
    JsonNode created = v2.createProject(prefix + "lookup", DEFAULT_SPACE);
    String id = created.get("id").asText();

    assertEquals(created, v2.getProject(id));
    assertEquals(created, v2.getProject(ApiIds.decode("Project", id)));
    assertEquals(created, v2.getProject(prefix + "lookup"));
    assertEquals(created, expect(200, server.client.get("/v2/projects/" + q(prefix + "lookup") + "?space_name=default")));
  }

  @Test
  void byName_inAnotherSpace_needsThatSpaceBySpaceIdOrSpaceName() {
    JsonNode team = v2.createSpace(prefix + "team");
    JsonNode inTeam = v2.createProject(prefix + "app", team.get("id").asText());
    String path = "/v2/projects/" + q(prefix + "app");

    assertEquals(team.get("id"), inTeam.get("space_id"));
    assertEquals(404, server.client.get(path).status());
    assertEquals(inTeam, expect(200, server.client.get(path + "?space_id=" + q(team.get("id").asText()))));
    assertEquals(inTeam, expect(200, server.client.get(path + "?space_id=" + q(prefix + "team"))));
    assertEquals(inTeam, expect(200, server.client.get(path + "?space_name=" + q(prefix + "team"))));
    assertEquals(404, server.client.get(path + "?space_name=no-such-space").status());
  }

  @Test
  void list_pagesWithAxsEnvelope_andOmitsNextCursorOnTheLastPage() {
    for (String n : List.of("c", "a", "b")) {
      v2.createProject(prefix + n, null);
    }
    String filter = "?name=" + q(prefix) + "&limit=2";

    JsonNode first = v2.listProjects(filter);
    assertEquals(Set.of("projects", "pagination"), fieldNames(first));
    assertEquals(List.of(prefix + "a", prefix + "b"), names(first.get("projects")));
    assertTrue(first.get("pagination").get("has_more").asBoolean());
    JsonNode second = v2.listProjects(filter + "&cursor=" + q(first.get("pagination").get("next_cursor").asText()));
    assertEquals(List.of(prefix + "c"), names(second.get("projects")));
    assertEquals(Set.of("has_more"), fieldNames(second.get("pagination")));
    assertFalse(second.get("pagination").get("has_more").asBoolean());
  }

  @Test
  void list_filtersBySpaceIdOrNameAndBySubstringsIgnoringCase() {
    JsonNode team = v2.createSpace(prefix + "Team");
    v2.createProject(prefix + "Alpha", team.get("id").asText());
    v2.createProject(prefix + "alphabet", null);
    v2.createProject(prefix + "beta", null);

    assertEquals(List.of(prefix + "Alpha", prefix + "alphabet"), names(v2.listProjects("?name=" + q(prefix.toUpperCase() + "ALPHA")).get("projects")));
    assertEquals(List.of(prefix + "Alpha"), names(v2.listProjects("?space_id=" + q(team.get("id").asText())).get("projects")));
    assertEquals(List.of(prefix + "Alpha"), names(v2.listProjects("?space_id=" + q(prefix + "Team")).get("projects")));
    assertEquals(List.of(prefix + "Alpha"), names(v2.listProjects("?space_name=" + q(prefix + "team")).get("projects")));
    assertEquals(List.of(prefix + "alphabet", prefix + "beta"),
        names(v2.listProjects("?space_id=" + q(DEFAULT_SPACE) + "&name=" + q(prefix)).get("projects")));
    problem(server.client.get("/v2/projects?space_id=no-such-space"), 404);
  }

  @Test
  void list_badPaging_is400NamingTheParameter() {
    for (String limit : List.of("0", "101", "ten")) {
      JsonNode p = problem(server.client.get("/v2/projects?limit=" + limit), 400);
      assertEquals("invalid limit", p.get("detail").asText());
      assertTrue(p.get("errors").has("limit"), p.toString());
    }
    assertTrue(problem(server.client.get("/v2/projects?cursor=garbage!"), 400).get("detail").asText().contains("cursor"));
  }

  @Test
  void create_badInput_is400_duplicate409_unknownSpace404() {
    v2.createProject(prefix + "dup", null);

    assertTrue(problem(server.client.post("/v2/projects", body("name", prefix + "dup")), 409)
        .get("detail").asText().contains("already exists"));
    assertEquals("name is required", problem(server.client.post("/v2/projects", body("space_id", DEFAULT_SPACE)), 400)
        .get("detail").asText());
    assertTrue(problem(server.client.post("/v2/projects", body("name", " ")), 400).get("detail").asText().contains("name"));
    problem(server.client.post("/v2/projects", "{\"name\": "), 400);
    problem(server.client.post("/v2/projects", body("name", prefix + "x", "space_id", "no-such-space")), 404);
  }

  @Test
  void update_renames_andRejectsTakenOrMissingNames() {
    JsonNode p = v2.createProject(prefix + "old", null);
    v2.createProject(prefix + "taken", null);
    String path = "/v2/projects/" + q(p.get("id").asText());

    JsonNode renamed = expect(200, server.client.patch(path, body("name", prefix + "new"), BEARER));
    assertEquals(prefix + "new", renamed.get("name").asText());
    assertEquals(p.get("id"), renamed.get("id"));
    assertEquals(renamed, v2.getProject(prefix + "new"));
    problem(server.client.patch(path, body("name", prefix + "taken")), 409);
    assertEquals("name is required", problem(server.client.patch(path, "{}"), 400).get("detail").asText());
    problem(server.client.patch("/v2/projects/" + q(prefix + "missing"), body("name", "x")), 404);
  }

  @Test
  void delete_answers204_thenTheProjectIsGone() {
    JsonNode p = v2.createProject(prefix + "doomed", null);

    HttpTestClient.Reply deleted = server.client.delete("/v2/projects/" + q(prefix + "doomed"), BEARER);

    assertEquals(204, deleted.status(), deleted.body());
    assertEquals("", deleted.body());
    problem(server.client.get("/v2/projects/" + q(p.get("id").asText())), 404);
    problem(server.client.delete("/v2/projects/" + q(p.get("id").asText())), 404);
  }

  @Test
  void summaries_countSpansTracesSessionsAndTheLastSpanTime_withTheSameFiltersAsList() throws Exception {
    JsonNode busy = v2.createProject(prefix + "busy", null);
    JsonNode idle = v2.createProject(prefix + "idle", null);
    String busyId = ApiIds.decode("Project", busy.get("id").asText());
    write(List.of(span(busyId, "t1", "a", null, "s1", 2_000_000), span(busyId, "t1", "b", "a", "s1", 5_000_000),
        span(busyId, "t2", "c", null, null, 3_000_000)));

    JsonNode page = v2.summaries("?name=" + q(prefix) + "&limit=1");
    JsonNode rest = v2.summaries("?name=" + q(prefix) + "&cursor=" + q(page.get("pagination").get("next_cursor").asText()));

    assertEquals(Set.of("project_summaries", "pagination"), fieldNames(page));
    JsonNode b = page.get("project_summaries").get(0);
    assertEquals(Set.of("id", "name", "space_id", "created_at", "span_count", "trace_count", "session_count", "last_span_time"),
        fieldNames(b));
    assertEquals(busy.get("id"), b.get("id"));
    assertEquals(List.of(3L, 2L, 1L), List.of(b.get("span_count").asLong(), b.get("trace_count").asLong(), b.get("session_count").asLong()));
    assertEquals("1970-01-01T00:00:05Z", b.get("last_span_time").asText());
    JsonNode i = rest.get("project_summaries").get(0);
    assertEquals(idle.get("id"), i.get("id"));
    assertEquals(0, i.get("span_count").asLong());
    assertTrue(i.get("last_span_time").isNull());
    assertFalse(rest.get("pagination").get("has_more").asBoolean());
  }

  private static Span span(String project, String trace, String id, String parent, String session, long endMicros) {
    return new Span(project, trace, id, parent, "op", "CHAIN", 1_000_000, endMicros, "OK", null, null, null, null, null,
        null, null, null, null, null, null, session, null, null, null);
  }

  private void write(List<Span> spans) throws Exception {
    JdbcStore store = (JdbcStore) server.server.store();
    try (var writer = new BatchingWriter<>("spans", store.database().jdbi(), new JdbcSpanSink(store.dialect(), Clock.systemUTC()),
        WriterSettings.DEFAULTS, Clock.systemUTC())) {
      writer.submit(new ArrayList<>(spans)).get(20, SECONDS);
    }
  }
}
