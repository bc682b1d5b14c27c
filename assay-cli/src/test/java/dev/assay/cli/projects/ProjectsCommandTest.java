package dev.assay.cli.projects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.cli.Cli;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LiveServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay projects ...} in-process against a live server (DuckDB in a temp dir); each test names its own projects. */
class ProjectsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path serverDir;
  private static LiveServer server;

  @TempDir Path tmp;
  private Cli cli;
  private String prefix;

  @BeforeAll
  static void startServer() {
    server = new LiveServer(serverDir);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void setUp(TestInfo test) {
    cli = new Cli(tmp).env("ASSAY_URL", server.url());
    prefix = test.getTestMethod().orElseThrow().getName().toLowerCase() + "-";
  }

  private Cli.Result ok(String... args) {
    Cli.Result result = cli.run(args);
    assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
    return result;
  }

  private static JsonNode json(Cli.Result result) throws Exception {
    return JSON.readTree(result.out());
  }

  private static void assertOneLine(Cli.Result result, int exitCode, String start) {
    assertEquals(exitCode, result.exitCode(), result.toString());
    assertEquals(1, result.err().lines().count(), "one line on stderr: " + result.err());
    assertTrue(result.err().startsWith("assay: " + start), result.err());
    assertEquals("", result.out());
  }

  @Test
  void createThenListAsJson_roundTripsThroughTheServer() throws Exception {
    JsonNode created = json(ok("projects", "create", prefix + "demo", "-o", "json"));
    assertEquals(prefix + "demo", created.get("name").asText());

    JsonNode listed = json(ok("projects", "list", "--name", prefix, "-o", "json"));

    assertTrue(listed.isArray(), listed.toString());
    assertEquals(1, listed.size(), listed.toString());
    assertEquals(created, listed.get(0));
    assertEquals(List.of("id", "name", "space_id", "created_at"), fieldNames(listed.get(0)));
  }

  @Test
  void get_acceptsANameOrAnId() throws Exception {
    JsonNode created = json(ok("projects", "create", prefix + "p", "-o", "json"));

    assertEquals(created, json(ok("projects", "get", prefix + "p", "-o", "json")));
    assertEquals(created, json(ok("projects", "get", created.get("id").asText(), "-o", "json")));
    assertEquals(created, json(ok("projects", "get", prefix + "p", "--space", "default", "-o", "json")));
  }

  @Test
  void table_isTheDefault_withAHeaderAndAlignedColumns() {
    ok("projects", "create", prefix + "a");
    ok("projects", "create", prefix + "longer-name");

    List<String> lines = ok("projects", "list", "--name", prefix).out().lines().toList();

    assertEquals(3, lines.size(), lines.toString());
    assertTrue(lines.get(0).matches("name +id +space_id +created_at"), lines.get(0));
    int idColumn = lines.get(0).indexOf("id ");
    for (String line : lines.subList(1, 3)) {
      assertEquals(' ', line.charAt(idColumn - 1), "ids start in one column: " + lines);
      assertTrue(line.substring(idColumn).matches("\\S+ +\\S+ +\\S+"), line);
    }
  }

  @Test
  void update_renames() throws Exception {
    ok("projects", "create", prefix + "old");

    JsonNode renamed = json(ok("projects", "update", prefix + "old", "--name", prefix + "new", "-o", "json"));

    assertEquals(prefix + "new", renamed.get("name").asText());
    assertOneLine(cli.run("projects", "get", prefix + "old"), ExitCodes.NOT_FOUND, "project '" + prefix + "old' not found");
  }

  @Test
  void deleteWithoutForce_withoutATerminal_refusesWithExit2_andDeletesNothing() {
    ok("projects", "create", prefix + "keep");

    Cli.Result refused = cli.run("projects", "delete", prefix + "keep");

    assertOneLine(refused, ExitCodes.USAGE, "refusing to delete project '" + prefix + "keep' without confirmation");
    assertTrue(refused.err().contains("pass --force"), refused.err());
    ok("projects", "get", prefix + "keep");
  }

  @Test
  void deleteWithForce_deletes() {
    ok("projects", "create", prefix + "gone");

    Cli.Result deleted = ok("projects", "delete", prefix + "gone", "--force");

    assertEquals("Deleted project '" + prefix + "gone'.\n", deleted.err());
    assertOneLine(cli.run("projects", "get", prefix + "gone"), ExitCodes.NOT_FOUND, "project '" + prefix + "gone' not found");
  }

  @Test
  void deleteAtATerminal_asksFirst_andDeletesOnlyOnYes() {
    ok("projects", "create", prefix + "asked");

    Cli.Result declined = cli.terminal("n\n").run("projects", "delete", prefix + "asked");
    assertEquals(ExitCodes.FAILURE, declined.exitCode(), declined.toString());
    assertTrue(declined.err().startsWith("Really delete project '" + prefix + "asked' ("), declined.err());
    assertTrue(declined.err().contains("assay: cancelled"), declined.err());
    ok("projects", "get", prefix + "asked");

    Cli.Result confirmed = cli.terminal("y\n").run("projects", "delete", prefix + "asked");
    assertEquals(ExitCodes.OK, confirmed.exitCode(), confirmed.toString());
    assertEquals(ExitCodes.NOT_FOUND, cli.run("projects", "get", prefix + "asked").exitCode());
  }

  @Test
  void missingProject_isExit3_withTheServersDetail() {
    assertOneLine(cli.run("projects", "get", prefix + "missing"), ExitCodes.NOT_FOUND,
        "project '" + prefix + "missing' not found in space 'default'");
    assertOneLine(cli.run("projects", "delete", prefix + "missing", "--force"), ExitCodes.NOT_FOUND,
        "project '" + prefix + "missing' not found");
    assertOneLine(cli.run("projects", "list", "--space", prefix + "nowhere"), ExitCodes.NOT_FOUND,
        "space '" + prefix + "nowhere' not found");
  }

  @Test
  void duplicateName_isExit1_withTheProblemTitleAndDetail() {
    ok("projects", "create", prefix + "dup");

    assertOneLine(cli.run("projects", "create", prefix + "dup"), ExitCodes.FAILURE,
        "HTTP 409 Conflict: a project named '" + prefix + "dup' already exists in this space");
  }

  @Test
  void list_followsPagesUpToTheLimit_andSaysWhenItCut() throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      names.add(prefix + i);
      ok("projects", "create", prefix + i);
    }

    Cli.Result cut = ok("projects", "list", "--name", prefix, "--limit", "3", "-o", "json");
    assertEquals(names.subList(0, 3), nameList(json(cut)));
    assertEquals("note: showing the first 3 projects; more exist (raise --limit)\n", cut.err());

    Cli.Result all = ok("projects", "list", "--name", prefix, "--limit", "5", "-o", "jsonl");
    assertEquals(5, all.out().lines().count());
    assertEquals("", all.err());

    assertOneLine(cli.run("projects", "list", "--limit", "0"), ExitCodes.USAGE, "--limit must be at least 1");
  }

  @Test
  void theProfilesSpace_isUsedWhenNoSpaceIsGiven() {
    ok("profiles", "create", "nospace", "--url", server.url(), "--space", prefix + "absent");

    assertOneLine(cli.run("projects", "create", prefix + "x"), ExitCodes.NOT_FOUND, "space '" + prefix + "absent' not found");
    ok("projects", "create", prefix + "x", "--space", "default");
  }

  @Test
  void namesWithSpacesAndSlashes_areEncodedInThePath() throws Exception {
    String name = prefix + "a b/c?d";
    ok("projects", "create", name);

    assertEquals(name, json(ok("projects", "get", name, "-o", "json")).get("name").asText());
  }

  @Test
  void spaces_listAndGet() throws Exception {
    JsonNode spaces = json(ok("spaces", "list", "-o", "json"));
    assertTrue(nameList(spaces).contains("default"), spaces.toString());

    JsonNode byName = json(ok("spaces", "get", "default", "-o", "json"));
    assertEquals(byName, json(ok("spaces", "get", byName.get("id").asText(), "-o", "json")));
    assertOneLine(cli.run("spaces", "get", prefix + "none"), ExitCodes.NOT_FOUND, "space '" + prefix + "none' not found");
  }

  private static List<String> nameList(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(node -> names.add(node.get("name").asText()));
    return names;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
