package dev.assay.cli.evaluations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.cli.Cli;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LiveServer;
import dev.assay.cli.SampleSpans;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay evaluations list|import} against a live server; each test imports into its own project. */
class EvaluationsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path serverDir;
  private static LiveServer server;

  @TempDir Path tmp;
  private Cli cli;
  private String project;

  @BeforeAll
  static void startServer() {
    server = new LiveServer(serverDir);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void setUp(TestInfo test) throws Exception {
    cli = new Cli(tmp).env("ASSAY_URL", server.url());
    project = "evals-" + test.getTestMethod().orElseThrow().getName().toLowerCase();
    SampleSpans.send(server.url(), project);
  }

  private Cli.Result ok(String... args) {
    Cli.Result result = cli.run(args);
    assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
    return result;
  }

  private JsonNode listed(String... filters) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("evaluations", "list", "-p", project, "-o", "json"));
    args.addAll(List.of(filters));
    return JSON.readTree(ok(args.toArray(String[]::new)).out());
  }

  private static List<String> field(JsonNode array, String name) {
    return StreamSupport.stream(array.spliterator(), false).map(n -> n.path(name).asText()).sorted().toList();
  }

  private static void assertFails(Cli.Result result, int exitCode, String contains) {
    assertEquals(exitCode, result.exitCode(), result.toString());
    assertTrue(result.err().startsWith("assay: ") && result.err().contains(contains), result.toString());
    assertEquals("", result.out(), result.toString());
  }

  @Test
  void importJsonl_thenList_filtersByNameAndTarget() throws Exception {
    Path file = cli.workingDir().resolve("results.jsonl");
    Files.writeString(file, """
        {"target_kind": "SPAN", "target_id": "a000000000000001", "name": "correct", "label": "correct", "score": 1, "passed": true}
        {"target_kind": "SPAN", "target_id": "a000000000000002", "name": "correct", "label": "incorrect", "score": 0, "passed": false, "explanation": "2 + 2 is 4", "metadata": {"grader": "offline"}}
        {"target_kind": "SPAN", "target_id": "a000000000000002", "name": "tone", "label": "neutral"}
        """);

    Cli.Result imported = ok("evaluations", "import", "-p", project, "results.jsonl", "-o", "json");

    assertEquals(3, JSON.readTree(imported.out()).path("imported").asInt(), imported.toString());
    assertTrue(imported.err().contains("Imported 3 evaluations."), imported.err());
    JsonNode all = listed();
    assertEquals(3, all.size(), all.toString());
    JsonNode correct = listed("--name", "correct");
    assertEquals(List.of("a000000000000001", "a000000000000002"), field(correct, "target_id"));
    JsonNode onTwo = listed("--target-kind", "span", "--target-id", "a000000000000002");
    assertEquals(List.of("correct", "tone"), field(onTwo, "name"));
    JsonNode wrong = listed("--name", "correct", "--target-id", "a000000000000002").get(0);
    assertEquals("incorrect", wrong.path("label").asText());
    assertEquals(false, wrong.path("passed").asBoolean(true));
    assertEquals("2 + 2 is 4", wrong.path("explanation").asText());
    assertEquals("offline", wrong.at("/metadata/grader").asText());
    assertEquals("LLM", wrong.path("annotator_kind").asText(), "the import's default annotator");

    String table = ok("evaluations", "list", "-p", project, "--name", "tone").out();
    List<String> lines = table.lines().toList();
    assertEquals(2, lines.size(), table);
    assertTrue(lines.get(0).startsWith("target_kind  target_id") && lines.get(0).contains("label"), table);
    assertTrue(lines.get(1).matches("SPAN\\s+a000000000000002\\s+tone\\s+neutral.*"), table);
  }

  @Test
  void importCsv_isReadByItsExtension_andReimportingReplaces() throws Exception {
    Files.writeString(cli.workingDir().resolve("results.csv"), "target_kind,target_id,name,label,score,annotator_kind,metadata\r\n"
        + "SPAN,a000000000000003,author,correct,1,HUMAN,\"{\"\"by\"\": \"\"alice\"\"}\"\r\n"
        + "SPAN,a000000000000001,author,correct,1,HUMAN,\r\n");

    ok("evaluations", "import", "-p", project, "results.csv");
    Files.writeString(cli.workingDir().resolve("again.csv"), "target_kind,target_id,name,label,score\r\n"
        + "SPAN,a000000000000003,author,wrong,0\r\n");
    ok("evaluations", "import", "-p", project, "again.csv");

    JsonNode all = listed("--name", "author");
    assertEquals(2, all.size(), "upserted by (target, name, identifier): " + all);
    JsonNode three = listed("--target-id", "a000000000000003").get(0);
    assertEquals("wrong", three.path("label").asText());
    JsonNode one = listed("--target-id", "a000000000000001").get(0);
    assertEquals("HUMAN", one.path("annotator_kind").asText());
    String csv = ok("evaluations", "list", "-p", project, "-o", "csv").out();
    assertTrue(csv.startsWith("target_kind,target_id,name,label,score,passed,annotator_kind,source"), csv);
  }

  @Test
  void importFromStdin_withAFormat() throws Exception {
    cli.stdin("{\"target_kind\": \"TRACE\", \"target_id\": \"" + SampleSpans.TRACE + "\", \"name\": \"goal\", \"label\": \"done\"}\n");

    ok("evaluations", "import", "-p", project, "-", "--format", "jsonl");

    assertEquals(List.of("TRACE"), field(listed("--target-kind", "TRACE"), "target_kind"));
  }

  @Test
  void aBadLine_storesNothing_andTheErrorNamesTheLine() throws Exception {
    Files.writeString(cli.workingDir().resolve("bad.jsonl"), """
        {"target_kind": "SPAN", "target_id": "a000000000000001", "name": "ok", "label": "fine"}
        {"target_kind": "SPAN", "target_id": "a000000000000002", "name": "ok", "score": "high"}
        """);

    Cli.Result failed = cli.run("evaluations", "import", "-p", project, "bad.jsonl");

    assertFails(failed, ExitCodes.FAILURE, "line 2");
    assertTrue(failed.err().contains("score"), failed.err());
    assertEquals(0, listed().size(), "all or nothing");
  }

  @Test
  void badArguments_exitWithUsageOrNotFound_andChangeNothing() throws Exception {
    Files.writeString(cli.workingDir().resolve("results.txt"), "{}\n");
    assertFails(cli.run("evaluations", "import", "-p", project, "results.txt"), ExitCodes.USAGE, "--format");
    assertFails(cli.run("evaluations", "import", "-p", project, "missing.jsonl"), ExitCodes.USAGE, "no such file");
    Files.writeString(cli.workingDir().resolve("empty.csv"), "");
    assertFails(cli.run("evaluations", "import", "-p", project, "empty.csv"), ExitCodes.USAGE, "empty");
    assertFails(cli.run("evaluations", "import", "-p", project, "results.txt", "--format", "xml"), ExitCodes.USAGE, "xml");
    assertFails(cli.run("evaluations", "list", "-p", "no-such-project"), ExitCodes.NOT_FOUND, "no-such-project");
    assertFails(cli.run("evaluations", "list", "-p", project, "--evaluator", "no-such-evaluator"), ExitCodes.NOT_FOUND,
        "no-such-evaluator");
    assertFails(cli.run("evaluations", "list", "-p", project, "--target-kind", "ROW"), ExitCodes.USAGE, "ROW");
    assertEquals(0, listed().size());
  }

  @Test
  void list_limitNotesTruncation_andAllFollowsPages() throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      lines.append("{\"target_kind\": \"SPAN\", \"target_id\": \"a000000000000001\", \"name\": \"n").append(i)
          .append("\", \"score\": ").append(i).append("}\n");
    }
    Files.writeString(cli.workingDir().resolve("five.jsonl"), lines);
    ok("evaluations", "import", "-p", project, "five.jsonl");

    Cli.Result cut = ok("evaluations", "list", "-p", project, "--limit", "2", "-o", "jsonl");
    assertEquals(2, cut.out().lines().count());
    assertTrue(cut.err().contains("more exist"), cut.err());
    assertEquals(5, ok("evaluations", "list", "-p", project, "--limit", "1", "--all", "-o", "jsonl").out().lines().count());
  }
}
