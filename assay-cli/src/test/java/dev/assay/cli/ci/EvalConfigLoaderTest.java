package dev.assay.cli.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.cli.ci.EvalConfig.DatasetSource;
import dev.assay.cli.ci.EvalConfig.EvaluatorDef;
import dev.assay.eval.CodeCheck;
import dev.assay.eval.CodeSpec;
import dev.assay.eval.EmbeddingSpec;
import dev.assay.eval.JudgeSpec;
import dev.assay.experiments.ExperimentTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalConfigLoaderTest {
  @TempDir Path dir;

  private EvalConfig parse(String yaml) {
    return EvalConfigLoader.parse(Path.of("assay.yaml"), dir.resolve("assay.yaml"), yaml);
  }

  private List<String> problems(String yaml) {
    return assertThrows(EvalConfigException.class, () -> parse(yaml)).problems();
  }

  private static final String TESTS = """
      tests:
        - input: {question: "Capital of France?"}
          expected: Paris
        - vars: {question: "2+2?"}
          expected: {answer: "4"}
          metadata: {topic: math}
      """;

  @Test
  void theOfflineExampleLoads() {
    Path example = Path.of("..", "examples", "assay.yaml");
    EvalConfig config = EvalConfigLoader.load(example);
    assertEquals("qa-app", config.name());
    assertInstanceOf(DatasetSource.File.class, config.dataset());
    var task = assertInstanceOf(ExperimentTask.CommandTask.class, config.variants().getFirst().task());
    assertTrue(Path.of(task.argv().getLast()).isAbsolute(), task.argv().toString());
    assertTrue(Files.exists(Path.of(task.argv().getLast())));
    assertEquals(List.of("exact", "similar", "answered"), config.evaluators().stream().map(EvaluatorDef::name).toList());
    assertEquals(Map.of("exact", 0.8, "answered", 1.0), config.gate().failUnder());
    assertEquals(Map.of("similar", 0.9), config.gate().minPassRate());
    assertEquals(false, config.needsServer());
  }

  @Test
  void inlineTestsBecomeExamplesWithExpectedOutputs() {
    EvalConfig config = parse(TESTS + """
        task: {http: "http://127.0.0.1:9/answer", output_path: "$.answer"}
        evaluators:
          - type: equals
          - {name: close, type: levenshtein, threshold: 0.8}
          - {type: icontains-any, value: [paris, "4"]}
          - {type: similar}
        """);
    var examples = assertInstanceOf(DatasetSource.Inline.class, config.dataset()).examples();
    assertEquals(Map.of("question", "Capital of France?"), examples.get(0).input());
    assertEquals(Map.of("expected", "Paris"), examples.get(0).output());
    assertEquals(Map.of("answer", "4"), examples.get(1).output());
    assertEquals(Map.of("topic", "math"), examples.get(1).metadata());
    var equals = (CodeSpec) ((EvaluatorDef.Inline) config.evaluators().get(0)).spec();
    assertEquals(CodeCheck.EXACT_MATCH, equals.check());
    assertEquals("equals", equals.name());
    assertEquals(0.8, ((CodeSpec) ((EvaluatorDef.Inline) config.evaluators().get(1)).spec()).threshold());
    var contains = (CodeSpec) ((EvaluatorDef.Inline) config.evaluators().get(2)).spec();
    assertEquals(CodeCheck.CONTAINS_ANY_KEYWORD, contains.check());
    assertEquals(false, contains.params().get("case_sensitive"));
    assertInstanceOf(EmbeddingSpec.class, ((EvaluatorDef.Inline) config.evaluators().get(3)).spec());
    assertEquals(4, config.concurrency());
    assertEquals(1, config.repetitions());
  }

  @Test
  void promptsTimesProvidersWithTheNamedBaselineFirst() {
    EvalConfig config = parse(TESTS + """
        prompts:
          - {label: v1, text: "Answer: {{question}}"}
          - label: v2
            messages:
              - {role: system, content: Be brief.}
              - {role: user, content: "{{question}}"}
        providers:
          - {label: fake, base_url: "http://127.0.0.1:9/v1", model: m, api_key_env: FAKE_KEY}
        baseline: v2
        evaluators:
          - {type: llm-rubric, rubric: "Names the right capital", max_regression: 0.05}
        gate:
          fail_under: {llm-rubric: 0.5}
        """);
    assertEquals(List.of("v2", "v1"), config.variants().stream().map(EvalConfig.Variant::label).toList());
    assertTrue(config.baselineVariant());
    assertEquals(1, config.candidates().size());
    var judge = (EvaluatorDef.Inline) config.evaluators().getFirst();
    assertEquals("fake", judge.provider());
    assertTrue(((JudgeSpec) judge.spec()).messages().get(1).content().contains("Names the right capital"));
    assertEquals(Map.of("llm-rubric", 0.05), config.gate().maxRegression());
    assertEquals(Map.of("llm-rubric", 0.5), config.gate().failUnder());
  }

  @Test
  void everyProblemIsReportedWithItsLineAndColumn() {
    List<String> problems = problems("""
        description: broken
        promts: []
        tests:
          - input: {q: 1}
            expected: x
        task:
          command: [python3, app.py]
          timeout_ms: fast
        evaluators:
          - type: equalz
          - {type: similar, threshold: 2}
        gate:
          fail_under: {nope: 0.5}
        """);
    String all = String.join("\n", problems);
    assertTrue(all.contains("assay.yaml:2:1: unknown key 'promts' in the top level (did you mean 'prompts'?)"), all);
    assertTrue(all.contains("assay.yaml:8:3: task.timeout_ms must be a whole number"), all);
    assertTrue(all.contains("assay.yaml:10:5: unknown evaluator type 'equalz' (did you mean 'equals'?)"), all);
    assertTrue(all.contains("assay.yaml:11:21: evaluators[1].threshold must be between -1 and 1, got 2"), all);
    assertTrue(all.contains("assay.yaml:13:16: gate.fail_under names 'nope'"), all);
    assertEquals(5, problems.size(), all);
  }

  @Test
  void yamlSyntaxErrorsNameTheLine() {
    List<String> problems = problems("tests:\n  - input: {q: 1\nevaluators: []\n");
    assertEquals(1, problems.size());
    assertTrue(problems.getFirst().matches("assay\\.yaml:\\d+:\\d+: .+"), problems.toString());
    assertTrue(problems("a: 1\na: 2\n").getFirst().startsWith("assay.yaml:2:"), "duplicate keys are refused");
  }

  @Test
  void semanticRulesAreChecked() {
    String base = TESTS + "task: {command: [echo, hi]}\n";
    assertTrue(problems(base + "evaluators: [{type: equals, max_regression: 0.1}]\n").getFirst()
        .contains("max_regression compares with a baseline, and there is none"));
    assertTrue(problems(base + "evaluators: [{type: llm-rubric, rubric: ok}]\n").getFirst()
        .contains("needs a model: add 'providers'"));
    assertTrue(problems(base + "evaluators: [{type: regex, value: \"(\"}]\n").getFirst()
        .startsWith("assay.yaml:"));
    assertTrue(problems(base + "evaluators: [{type: equals}, {type: equals}]\n").getFirst()
        .contains("another evaluator is named 'equals'"));
    assertTrue(problems("dataset: {file: missing.csv}\ntask: {command: [x]}\nevaluators: [{type: equals}]\n")
        .getFirst().startsWith("assay.yaml:1:11: file 'missing.csv' does not exist"));
    assertTrue(problems(base + "prompts: [hi]\nevaluators: [{type: equals}]\n").getFirst()
        .contains("either 'task'"));
    assertTrue(problems(TESTS + "prompts: [hi]\nproviders: [{label: p, base_url: x, model: m}]\n"
        + "evaluators: [{type: equals}]\n").getFirst().contains("base_url must start with http"));
  }

  @Test
  void promptFilesAreReadAndBadTemplatesRefused() throws Exception {
    Files.writeString(dir.resolve("chat.yaml"), "- {role: system, content: Be brief.}\n- {role: user, content: \"{{q}}\"}\n");
    Files.writeString(dir.resolve("plain.txt"), "Q: {{q}}\n");
    String providers = "providers: [openai:gpt-4o-mini]\nevaluators: [{type: equals}]\n";
    EvalConfig config = parse(TESTS + "prompts: [{file: chat.yaml}, {file: plain.txt}]\n" + providers);
    assertEquals(List.of("chat", "plain"), config.variants().stream().map(EvalConfig.Variant::label).toList());
    var chat = (EvalConfig.PromptDef.Inline) config.variants().get(0).prompt();
    assertEquals(2, chat.messages().size());
    assertEquals("OPENAI_API_KEY", config.variants().get(0).provider().apiKeyEnv());
    Files.writeString(dir.resolve("bad.yaml"), "- {role: user}\n");
    String bad = problems(TESTS + "prompts: [{file: bad.yaml}]\n" + providers).getFirst();
    assertTrue(bad.startsWith("assay.yaml:7:12: in the prompt file: "), bad);
    assertTrue(bad.contains("needs 'content'"), bad);
    String hot = problems(TESTS + "prompts: [hi]\nproviders: [{base_url: \"http://x\", model: m, config: "
        + "{temperature: 5}}]\nevaluators: [{type: equals}]\n").getFirst();
    assertTrue(hot.startsWith("assay.yaml:8:46: providers[0].config: temperature must be from 0 to 2"), hot);
  }

  @Test
  void aTaskMayHaveProvidersForItsJudges() {
    EvalConfig config = parse(TESTS + """
        task: {command: [echo]}
        providers: [{label: judge-model, base_url: "http://127.0.0.1:9/v1", model: m, api_key_env: K}]
        evaluators: [{type: llm-rubric, template: qa_correctness, fail_under: 0.8}]
        """);
    assertEquals(1, config.variants().size());
    assertEquals("judge-model", ((EvaluatorDef.Inline) config.evaluators().getFirst()).provider());
    assertEquals("m", config.provider("judge-model").model());
  }

  @Test
  void storedReferencesNeedAServer() {
    EvalConfig config = parse("""
        dataset: {name: golden, version: v3}
        task: {http: {url: "https://app.example/qa", headers: {X-Team: qa}}}
        evaluators: [helpfulness, {name: correctness, version: 2, fail_under: 0.9}]
        baseline: {label: production}
        gate: {max_regression: {helpfulness: 0.02}}
        """);
    assertTrue(config.needsServer());
    assertInstanceOf(EvaluatorDef.Stored.class, config.evaluators().get(1));
    assertEquals("production", ((EvalConfig.StoredBaseline.Ref) config.storedBaseline()).ref());
    assertNull(((DatasetSource.Stored) config.dataset()).splits().isEmpty() ? null : "splits");
  }

  @Test
  void headerSecretsComeFromTheEnvironment() {
    Env.source = Map.of("APP_TOKEN", "s3cret");
    try {
      EvalConfig config = parse(TESTS + """
          task: {http: {url: "http://127.0.0.1:9/qa", headers: {Authorization: "Bearer ${APP_TOKEN}"}}}
          evaluators: [{type: equals}]
          """);
      var task = (ExperimentTask.HttpTask) config.variants().getFirst().task();
      assertEquals("Bearer s3cret", task.headers().get("Authorization"));
      assertTrue(problems(TESTS + """
          task: {http: {url: "http://127.0.0.1:9/qa", headers: {Authorization: "Bearer ${NOPE}"}}}
          evaluators: [{type: equals}]
          """).getFirst().contains("uses ${NOPE}, which is not set"));
    } finally {
      Env.source = System.getenv();
    }
  }

  @Test
  void anEmptyDocument_orSeveralDocuments_areProblemsWithLineAndColumn() {
    assertEquals(List.of("assay.yaml:1:1: assay.yaml must be a mapping with at least 'evaluators' and a 'dataset' or 'tests'"),
        problems("# only a comment\n"));
    assertEquals(List.of("assay.yaml:3:1: only one YAML document is allowed"), problems("name: a\n---\nname: b\n"));
  }
}
