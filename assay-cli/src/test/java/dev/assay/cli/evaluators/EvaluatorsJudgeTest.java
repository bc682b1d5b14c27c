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
import dev.assay.testing.FakeModelServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * LLM-judge evaluators from the CLI: built from a template with a model config, tried on real spans against the
 * fake model server (which calls the 2 + 2 answer unfaithful and everything else faithful), saved and versioned.
 */
class EvaluatorsJudgeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROJECT = "cli-judges";
  @TempDir static Path serverDir;
  private static LiveServer server;
  private static FakeModelServer fake;

  @TempDir Path tmp;
  private Cli cli;
  private String prefix;

  @BeforeAll
  static void start() throws Exception {
    server = new LiveServer(serverDir);
    fake = FakeModelServer.create().answer(prompt -> prompt.contains("What is 2 + 2?"), "unfaithful").start();
    SampleSpans.send(server.url(), PROJECT);
  }

  @AfterAll
  static void stop() {
    server.close();
    fake.close();
  }

  @BeforeEach
  void setUp(TestInfo test) {
    cli = new Cli(tmp).env("ASSAY_URL", server.url()).env("JUDGE_KEY", "sk-judge-test");
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

  private JsonNode model(String name) throws Exception {
    return json(ok("models", "create", name, "--provider", "CUSTOM", "--base-url", fake.openAiBaseUrl(), "--model",
        "judge-small", "--model", "judge-large", "--api-key-env", "JUDGE_KEY", "-o", "json"));
  }

  private static Map<String, String> labels(JsonNode results) {
    Map<String, String> labels = new TreeMap<>();
    results.forEach(r -> labels.put(r.path("target_id").asText(), r.path("label").asText()));
    return labels;
  }

  @Test
  void test_triesATemplateJudgeOnRealSpans_withExplanations() throws Exception {
    model(prefix + "m");

    Cli.Result result = ok("evaluators", "test", "-p", PROJECT, "--template", "faithfulness", "--model", prefix + "m",
        "--explain", "-o", "json");

    JsonNode results = json(result);
    assertEquals(Map.of("a000000000000001", "faithful", "a000000000000002", "unfaithful", "a000000000000003", "faithful"),
        labels(results), result.toString());
    for (JsonNode r : results) {
      assertTrue(r.path("error").isNull() || r.path("error").isMissingNode(), r.toString());
      assertEquals(r.path("label").asText().equals("faithful"), r.path("passed").asBoolean(), "MAXIMIZE: " + r);
      assertFalse(r.path("explanation").asText("").isBlank(), "--explain: " + r);
    }
    assertEquals("judge-small", fake.lastRequest().path("model").asText(), "the config's first model");
    assertTrue(result.err().contains("3 results: 2 passed, 1 failed, 0 errors"), result.err());

    String table = ok("evaluators", "test", "-p", PROJECT, "--template", "faithfulness", "--model", prefix + "m/judge-large",
        "--filter", "output_value = '5'").out();
    List<String> lines = table.lines().toList();
    assertTrue(lines.get(0).matches("SPAN a000000000000002\\s+label=unfaithful\\s+score=0(\\.0)?\\s+passed=false"), table);
    assertTrue(lines.get(1).startsWith("  explanation: "), "the template explains by default: " + table);
    assertEquals("judge-large", fake.lastRequest().path("model").asText());
  }

  @Test
  void create_savesTheTemplateWithTheModel_andASavedJudgeCanBeTested() throws Exception {
    JsonNode config = model(prefix + "m");

    JsonNode created = json(ok("evaluators", "create", prefix + "faithful", "--template", "faithfulness", "--model",
        prefix + "m/judge-large", "--map", "context=attributes.retrieval.documents.0.document.content", "--no-explain",
        "-o", "json"));

    assertEquals("TEMPLATE", created.path("type").asText(), created.toString());
    JsonNode spec = created.at("/version/spec");
    assertEquals("LLM_JUDGE", spec.path("kind").asText());
    assertEquals("faithfulness", spec.path("template_id").asText());
    assertEquals(config.path("id").asText(), created.at("/version/template_config/llm_config/ai_integration_id").asText(),
        created.toString());
    assertEquals("judge-large", spec.at("/model/model_name").asText());
    assertEquals(false, spec.path("include_explanation").asBoolean(true));
    assertEquals(1.0, spec.at("/rails/faithful").asDouble());
    assertEquals("attributes.retrieval.documents.0.document.content", spec.at("/mappings/context").asText());

    JsonNode results = json(ok("evaluators", "test", prefix + "faithful", "-p", PROJECT, "-o", "json"));
    assertEquals(Map.of("a000000000000001", "faithful", "a000000000000002", "unfaithful", "a000000000000003", "faithful"),
        labels(results));
    assertEquals(0, json(ok("evaluations", "list", "-p", PROJECT, "-o", "json")).size(), "a test stores nothing");

    JsonNode v2 = json(ok("evaluators", "create-version", prefix + "faithful", "--template", "hallucination", "--model",
        prefix + "m", "-m", "hallucination instead", "-o", "json"));
    assertEquals(2, v2.path("version_number").asInt());
    assertEquals(prefix + "faithful", v2.at("/spec/name").asText(), "the result name is kept across versions");
    assertEquals("judge-small", v2.at("/spec/model/model_name").asText());
  }

  @Test
  void aJudgeWithoutAModel_isADraft_whoseTestSaysHowToConfigureOne() throws Exception {
    Cli.Result created = ok("evaluators", "create", prefix + "draft", "--template", "toxicity");
    assertTrue(created.err().contains("no model yet"), created.err());

    Cli.Result tested = ok("evaluators", "test", prefix + "draft", "-p", PROJECT, "--limit", "1", "-o", "json");
    JsonNode result = json(tested).get(0);
    assertTrue(result.path("label").isNull() || result.path("label").isMissingNode(), result.toString());
    assertTrue(result.path("error").asText().toLowerCase().contains("model"), result.toString());
    assertTrue(tested.err().contains("1 errors"), tested.err());
  }

  @Test
  void aFailingModel_givesErrorResults_notAFailedCommand() throws Exception {
    ok("models", "create", prefix + "gone", "--provider", "CUSTOM", "--base-url", "http://127.0.0.1:9/v1", "--model", "m");

    Cli.Result tested = ok("evaluators", "test", "-p", PROJECT, "--template", "faithfulness", "--model", prefix + "gone",
        "--limit", "1");

    assertTrue(tested.out().contains("  error: "), tested.toString());
  }
}
