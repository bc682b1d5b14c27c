package dev.assay.cli.evaluators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.cli.Cli;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LiveServer;
import dev.assay.cli.SampleSpans;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay evaluators …} for templates and code checks against a live server; judges are in {@link EvaluatorsJudgeTest}. */
class EvaluatorsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String PROJECT = "cli-evaluators";
  @TempDir static Path serverDir;
  private static LiveServer server;

  @TempDir Path tmp;
  private Cli cli;
  private String prefix;

  @BeforeAll
  static void startServer() throws Exception {
    server = new LiveServer(serverDir);
    SampleSpans.send(server.url(), PROJECT);
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

  private static void assertFails(Cli.Result result, int exitCode, String contains) {
    assertEquals(exitCode, result.exitCode(), result.toString());
    assertTrue(result.err().startsWith("assay: ") && result.err().contains(contains), result.toString());
    assertEquals("", result.out(), result.toString());
  }

  private int count(String namePrefix) throws Exception {
    return json(ok("evaluators", "list", "--name", namePrefix, "-o", "json")).size();
  }

  @Test
  void templates_listsTheBuiltInJudges_withRailsAndVariables() throws Exception {
    JsonNode all = json(ok("evaluators", "templates", "-o", "json"));
    List<String> ids = new ArrayList<>();
    all.forEach(t -> ids.add(t.path("id").asText()));
    for (String id : List.of("hallucination", "faithfulness", "qa_correctness", "document_relevance", "retrieval_relevance",
        "toxicity", "summarization", "conciseness", "refusal", "tool_selection", "tool_invocation", "tool_response_handling",
        "agent_goal_completion", "user_frustration")) {
      assertTrue(ids.contains(id), id + " in " + ids);
    }

    String table = ok("evaluators", "templates").out();
    List<String> lines = table.lines().toList();
    assertTrue(lines.get(0).matches("id\\s+name\\s+granularity\\s+direction\\s+rails\\s+variables\\s+description"), table);
    assertEquals(all.size() + 1, lines.size(), table);
    String frustration = lines.stream().filter(l -> l.startsWith("user_frustration ")).findFirst().orElseThrow();
    assertTrue(frustration.contains("SESSION"), frustration);

    JsonNode one = json(ok("evaluators", "templates", "--id", "hallucination", "-o", "json"));
    assertEquals("hallucination", one.path("id").asText());
    assertTrue(one.path("rails").size() >= 2 && one.path("messages").size() >= 1, one.toString());
    String row = ok("evaluators", "templates", "--id", "hallucination").out().lines().toList().get(1);
    one.path("rails").fieldNames().forEachRemaining(label -> assertTrue(row.contains(label + "="), row));
    assertFails(cli.run("evaluators", "templates", "--id", "nope"), ExitCodes.NOT_FOUND, "judge template 'nope' not found");
  }

  @Test
  void codeEvaluator_createGetVersionsAndDelete() throws Exception {
    JsonNode created = json(ok("evaluators", "create", prefix + "exact", "--kind", "code", "--check", "EXACT_MATCH",
        "--var", "output", "--var", "reference", "--map", "reference=metadata.gold", "--description", "answer matches gold",
        "-o", "json"));

    assertEquals("CODE", created.path("type").asText(), created.toString());
    assertEquals("answer matches gold", created.path("description").asText());
    JsonNode spec = created.at("/version/spec");
    assertEquals("CODE", spec.path("kind").asText());
    assertEquals("EXACT_MATCH", spec.path("check").asText());
    assertEquals(prefix + "exact", spec.path("name").asText(), "the result name defaults to the evaluator's name");
    assertEquals("metadata.gold", spec.at("/mappings/reference").asText());
    assertEquals(List.of("output", "reference"), List.of(spec.at("/variables/0").asText(), spec.at("/variables/1").asText()));
    String id = created.path("id").asText();

    assertEquals(id, json(ok("evaluators", "get", prefix + "exact", "-o", "json")).path("id").asText());
    assertEquals(id, json(ok("evaluators", "get", id, "-o", "json")).path("id").asText());
    String table = ok("evaluators", "get", prefix + "exact").out();
    assertTrue(table.lines().toList().get(1).matches(prefix + "exact\\s+" + id + "\\s+CODE\\s+1\\s+.*"), table);
    assertEquals(1, count(prefix));

    JsonNode v2 = json(ok("evaluators", "create-version", prefix + "exact", "--kind", "code", "--check", "LEVENSHTEIN",
        "--var", "output", "--var", "reference", "--map", "reference=metadata.gold", "--threshold", "0.8",
        "-m", "fuzzy match", "-o", "json"));
    assertEquals(2, v2.path("version_number").asInt(), v2.toString());
    assertEquals("fuzzy match", v2.path("commit_message").asText());
    assertEquals(0.8, v2.at("/spec/threshold").asDouble());
    assertEquals(prefix + "exact", v2.at("/spec/name").asText(), "the result name is kept");

    JsonNode versions = json(ok("evaluators", "list-versions", prefix + "exact", "-o", "json"));
    assertEquals(2, versions.size());
    assertEquals(2, versions.at("/0/version_number").asInt(), "newest first");
    String firstVersion = versions.at("/1/id").asText();
    JsonNode old = json(ok("evaluators", "get", prefix + "exact", "--version-id", firstVersion, "-o", "json"));
    assertEquals("EXACT_MATCH", old.at("/version/spec/check").asText());
    assertEquals("LEVENSHTEIN", json(ok("evaluators", "get", prefix + "exact", "-o", "json")).at("/version/spec/check").asText());
    String versionTable = ok("evaluators", "list-versions", prefix + "exact").out();
    assertTrue(versionTable.lines().toList().get(0).matches("version_number\\s+id\\s+type\\s+commit_hash\\s+commit_message.*"),
        versionTable);

    assertFails(cli.run("evaluators", "delete", prefix + "exact"), ExitCodes.USAGE, "pass --force");
    assertEquals(1, count(prefix));
    assertTrue(ok("evaluators", "delete", prefix + "exact", "--force").err().contains("Deleted evaluator"));
    assertFails(cli.run("evaluators", "get", prefix + "exact"), ExitCodes.NOT_FOUND, "assay: ");
    assertEquals(0, count(prefix));
  }

  @Test
  void test_runsACodeCheckOnRealSpans_andSavesNothing() throws Exception {
    Cli.Result result = ok("evaluators", "test", "-p", PROJECT, "--kind", "code", "--check", "EXACT_MATCH",
        "--var", "output", "--var", "reference", "--map", "reference=metadata.gold", "-o", "json");

    JsonNode results = json(result);
    assertEquals(3, results.size(), result.toString());
    Map<String, Boolean> passed = new TreeMap<>();
    results.forEach(r -> passed.put(r.path("target_id").asText(), r.path("passed").asBoolean()));
    assertEquals(Map.of("a000000000000001", true, "a000000000000002", false, "a000000000000003", true), passed);
    assertTrue(result.err().contains("3 results: 2 passed, 1 failed, 0 errors (nothing was saved)"), result.err());
    assertEquals(0, json(ok("evaluations", "list", "-p", PROJECT, "-o", "json")).size(), "nothing stored");

    String table = ok("evaluators", "test", "-p", PROJECT, "--limit", "1", "--kind", "code", "--check", "EXACT_MATCH",
        "--var", "output", "--var", "reference", "--map", "reference=metadata.gold").out();
    assertTrue(table.lines().findFirst().orElseThrow().matches("SPAN a00000000000000\\d .*passed=(true|false)"), table);
    JsonNode filtered = json(ok("evaluators", "test", "-p", PROJECT, "-f", "output_value = '5'", "--kind", "code",
        "--check", "EXACT_MATCH", "--var", "output", "--var", "reference", "--map", "reference=metadata.gold", "-o", "json"));
    assertEquals(1, filtered.size(), filtered.toString());
    assertEquals("a000000000000002", filtered.at("/0/target_id").asText());
  }

  @Test
  void test_ofASavedEvaluator_andFromASpecFile() throws Exception {
    Path spec = cli.workingDir().resolve("regex.json");
    Files.writeString(spec, """
        {"kind": "CODE", "check": "MATCHES_REGEX", "variables": ["output"], "params": {"pattern": "^[A-Z]"}}
        """);
    JsonNode created = json(ok("evaluators", "create", prefix + "capital", "--spec-file", "regex.json", "-o", "json"));
    assertEquals(prefix + "capital", created.at("/version/spec/name").asText());
    assertEquals("^[A-Z]", created.at("/version/spec/params/pattern").asText());

    JsonNode saved = json(ok("evaluators", "test", prefix + "capital", "-p", PROJECT, "-o", "json"));
    Map<String, Boolean> passed = new TreeMap<>();
    saved.forEach(r -> passed.put(r.path("target_id").asText(), r.path("passed").asBoolean()));
    assertEquals(Map.of("a000000000000001", true, "a000000000000002", false, "a000000000000003", true), passed);

    JsonNode inline = json(ok("evaluators", "test", "-p", PROJECT, "--spec-file", "regex.json", "--limit", "2", "-o", "json"));
    assertEquals(2, inline.size(), "--limit: " + inline);
    cli.stdin(Files.readString(spec));
    assertEquals(3, json(ok("evaluators", "test", "-p", PROJECT, "--spec-file", "-", "-o", "json")).size());
  }

  @Test
  void badInput_exitsNonZeroWithAMessage_andCreatesNothing() throws Exception {
    String name = prefix + "x";
    assertFails(cli.run("evaluators", "create", name), ExitCodes.USAGE, "say what to evaluate");
    assertFails(cli.run("evaluators", "create", name, "--template", "nope"), ExitCodes.NOT_FOUND, "judge template 'nope' not found");
    assertFails(cli.run("evaluators", "create", name, "--template", "hallucination", "--map", "bogus=output"), ExitCodes.USAGE,
        "template hallucination has no variable 'bogus'");
    assertFails(cli.run("evaluators", "create", name, "--kind", "code"), ExitCodes.USAGE, "--kind code needs --check");
    assertFails(cli.run("evaluators", "create", name, "--template", "hallucination", "--check", "EXACT_MATCH"), ExitCodes.USAGE,
        "--check does not apply to --kind judge");
    assertFails(cli.run("evaluators", "create", name, "--kind", "code", "--check", "NOPE"), ExitCodes.USAGE, "NOPE");
    assertFails(cli.run("evaluators", "create", name, "--kind", "http"), ExitCodes.USAGE, "--endpoint");
    assertFails(cli.run("evaluators", "create", name, "--kind", "command"), ExitCodes.USAGE, "--command");
    assertFails(cli.run("evaluators", "create", name, "--kind", "http", "--endpoint", "http://127.0.0.1:9/x", "--header-env",
        "Authorization=UNSET_VARIABLE"), ExitCodes.USAGE, "UNSET_VARIABLE is not set");
    assertFails(cli.run("evaluators", "create", name, "--template", "hallucination", "--model", "no-such-model"),
        ExitCodes.NOT_FOUND, "model config 'no-such-model' not found");
    Files.writeString(cli.workingDir().resolve("broken.json"), "{\"kind\": \"CODE\", ");
    assertFails(cli.run("evaluators", "create", name, "--spec-file", "broken.json"), ExitCodes.USAGE, "is not JSON");
    Files.writeString(cli.workingDir().resolve("nokind.json"), "{\"check\": \"EXACT_MATCH\"}");
    assertFails(cli.run("evaluators", "create", name, "--spec-file", "nokind.json"), ExitCodes.USAGE, "`kind`");
    assertFails(cli.run("evaluators", "create", name, "--spec-file", "missing.json"), ExitCodes.USAGE, "no such file");
    assertFails(cli.run("evaluators", "create", name, "--spec-file", "nokind.json", "--kind", "code"), ExitCodes.USAGE,
        "no other spec option");
    // Valid for the CLI, refused by the server: a regex check without its pattern.
    Cli.Result serverSide = cli.run("evaluators", "create", name, "--kind", "code", "--check", "MATCHES_REGEX", "--var", "output");
    assertFails(serverSide, ExitCodes.FAILURE, "HTTP 400");
    assertTrue(serverSide.err().contains("pattern"), serverSide.err());
    assertEquals(0, count(prefix), "nothing was created");

    assertFails(cli.run("evaluators", "test", "-p", PROJECT), ExitCodes.USAGE, "say what to evaluate");
    assertFails(cli.run("evaluators", "test", "-p", PROJECT, "--limit", "0", "--kind", "code", "--check", "EXACT_MATCH"),
        ExitCodes.USAGE, "--limit");
    assertFails(cli.run("evaluators", "test", "-p", "no-such-project", "--kind", "code", "--check", "EXACT_MATCH"),
        ExitCodes.NOT_FOUND, "no-such-project");
    assertFails(cli.run("evaluators", "test", "some-evaluator", "-p", PROJECT, "--kind", "code", "--check", "EXACT_MATCH"),
        ExitCodes.USAGE, "either EVALUATOR");
    assertFails(cli.run("evaluators", "test", "no-such-evaluator", "-p", PROJECT), ExitCodes.NOT_FOUND, "assay: ");
    assertFails(cli.run("evaluators", "create-version", "no-such-evaluator", "--kind", "code", "--check", "EXACT_MATCH"),
        ExitCodes.NOT_FOUND, "assay: ");
    assertFails(cli.run("evaluators", "get", "no-such-evaluator"), ExitCodes.NOT_FOUND, "assay: ");
    assertFalse(json(ok("evaluations", "list", "-p", PROJECT, "-o", "json")).size() > 0);
  }
}
