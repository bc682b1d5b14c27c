package dev.assay.cli.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.cli.Cli;
import dev.assay.cli.LiveServer;
import dev.assay.testing.FakeModelServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay eval} end to end: a real embedded store per run, real task processes, the fake model server. */
class EvalCommandTest {
  static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
  static final String QA_APP = EXAMPLES.resolve("qa-app/QaApp.java").toString();
  static final String JAVA = "[java, -XX:TieredStopAtLevel=1, -XX:+UseSerialGC, " + QA_APP;

  @TempDir Path tmp;

  @Test
  void theOfflineExamplePassesWithoutAServerAndWritesJunitJsonAndStepSummary() throws Exception {
    Cli cli = new Cli(tmp);
    Path summary = tmp.resolve("step-summary.md");
    cli.env("GITHUB_STEP_SUMMARY", summary.toString()).env("PATH", System.getenv("PATH"));
    Cli.Result r = cli.run("eval", "-c", EXAMPLES.resolve("assay.yaml").toString(), "--junit", "reports/junit.xml",
        "-o", "json");
    assertEquals(0, r.exitCode(), r.toString());

    JsonNode gate = new ObjectMapper().readTree(r.out());
    assertTrue(gate.path("passed").asBoolean(), r.out());
    assertEquals(45, gate.path("cases").size(), "15 examples × 3 evaluators");
    assertEquals(3, gate.path("checks").size());
    assertEquals(15, gate.path("summary").path("successful_runs").asLong());

    var suites = JunitXml.parse(cli.workingDir().resolve("reports/junit.xml"));
    assertEquals(1, suites.size());
    assertEquals("qa-app", suites.getFirst().getName());
    var cases = suites.getFirst().getTestCases();
    assertEquals(45, cases.size());
    assertTrue(cases.stream().anyMatch(c -> c.getName().equals("capital-france · exact") && c.isSuccessful()));
    // The app says "100 degrees Celsius" where "100 °C" is expected: not an exact match.
    ReportTestCase boiling = cases.stream().filter(c -> c.getName().equals("water-boiling · exact")).findFirst()
        .orElseThrow();
    assertTrue(boiling.hasFailure(), boiling.toString());
    assertEquals(0, suites.getFirst().getNumberOfErrors());

    String md = Files.readString(summary);
    assertTrue(md.contains("## ✅ Assay gate passed: qa-app"), md);
    assertTrue(md.contains("| fail-under | exact | 0.800 |"), md);
    assertTrue(r.err().contains("qa-app: runs 15/15"), r.err());
  }

  @Test
  void aRegressedAppFailsTheGateWithFailuresInTheJunitXml() throws Exception {
    Cli cli = new Cli(tmp);
    cli.env("PATH", System.getenv("PATH"));
    Files.writeString(cli.workingDir().resolve("assay.yaml"), """
        name: regressed
        tests:
          - {id: au, input: {question: "What is the capital of Australia?"}, expected: Canberra}
          - {id: fr, input: {question: "What is the capital of France?"}, expected: Paris}
          - {id: fe, input: {question: "What is the chemical symbol for iron?"}, expected: Fe}
        task:
          command: %s, --regress]
        evaluators:
          - {name: exact, type: equals, fail_under: 0.9}
          - {name: nonempty, type: regex, value: ".+", min_pass_rate: 1.0}
        """.formatted(JAVA));
    Cli.Result r = cli.run("eval", "--junit", "junit.xml");
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.out().contains("FAIL fail-under exact"), r.out());
    assertTrue(r.out().contains("ok   min-pass-rate nonempty"), r.out());
    assertTrue(r.out().contains("Gate FAILED."), r.out());
    var suite = JunitXml.parse(cli.workingDir().resolve("junit.xml")).getFirst();
    assertEquals(6, suite.getNumberOfTests());
    assertEquals(2, suite.getNumberOfFailures(), "au and fe answer wrongly");
    assertTrue(suite.getTestCases().stream().filter(ReportTestCase::hasFailure)
        .allMatch(c -> c.getName().endsWith("· exact")));
  }

  @Test
  void aBadConfigExitsTwoNamingTheLineAndRunsNothing() throws Exception {
    Cli cli = new Cli(tmp);
    Files.writeString(cli.workingDir().resolve("assay.yaml"), """
        tests:
          - {input: {q: hi}, expected: hi}
        task: {command: [echo]}
        evaluators:
          - {type: equals, fail_under: high}
        """);
    Cli.Result r = cli.run("eval", "--junit", "junit.xml");
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals("assay: assay.yaml:5:20: evaluators[0].fail_under must be a number, got text 'high'",
        r.err().strip());
    assertFalse(Files.exists(cli.workingDir().resolve("junit.xml")));
    assertEquals(2, cli.run("eval", "-c", "missing.yaml").exitCode());
    Cli.Result stored = cli.run("eval", "-c", write(cli, "dataset: {name: golden}\ntask: {command: [echo]}\n"
        + "evaluators: [{type: equals}]\n"));
    assertEquals(2, stored.exitCode(), stored.toString());
    assertTrue(stored.err().contains("--url"), stored.err());
    Cli.Result valid = cli.run("eval", "-c", write(cli, "tests: [{input: {q: a}}]\ntask: {command: [echo]}\n"
        + "evaluators: [{type: is-json}]\n"), "--validate");
    assertEquals(0, valid.exitCode(), valid.toString());
  }

  private static String write(Cli cli, String yaml) throws Exception {
    Path file = Files.createTempFile(cli.workingDir(), "assay", ".yaml");
    Files.writeString(file, yaml);
    return file.getFileName().toString();
  }

  @Test
  void twoPromptsOnAModelWithAJudgeGateOnTheRegressionAgainstTheFirst() throws Exception {
    try (FakeModelServer model = FakeModelServer.create()
        // The judge: the rubric is in its prompt; Barcelona is the wrong capital.
        .answer(p -> p.contains("<rubric>") && p.contains("Barcelona"), "fail")
        .answer(p -> p.contains("<rubric>"), "pass")
        // The prompts under test: v2 ("Reply:") gets Spain wrong.
        .answer(p -> p.contains("Reply:") && p.contains("Spain"), "Barcelona")
        .answer(p -> p.contains("Spain"), "Madrid")
        .answer(p -> p.contains("France"), "Paris")
        .answer(p -> p.contains("Italy"), "Rome")
        .requireApiKey("test-key")
        .start()) {
      Cli cli = new Cli(tmp);
      Path summary = tmp.resolve("summary.md");
      cli.env("FAKE_KEY", "test-key").env("GITHUB_STEP_SUMMARY", summary.toString());
      Files.writeString(cli.workingDir().resolve("assay.yaml"), """
          name: capitals
          tests:
            - {id: es, input: {country: Spain}, expected: Madrid}
            - {id: fr, input: {country: France}, expected: Paris}
            - {id: it, input: {country: Italy}, expected: Rome}
          prompts:
            - {label: v1, text: "Answer with the capital of {{country}}."}
            - label: v2
              messages:
                - {role: system, content: "Reply: the capital only."}
                - {role: user, content: "{{country}}"}
          providers:
            - {label: fake, base_url: "%s", model: fake-model, api_key_env: FAKE_KEY}
          evaluators:
            - {name: correct, type: llm-rubric, rubric: "The output names the expected capital.", max_regression: 0.1}
            - {name: exact, type: equals}
          gate:
            fail_under: {exact: 0.5}
          """.formatted(model.openAiBaseUrl()));
      Cli.Result r = cli.run("eval", "--junit", "junit.xml");
      assertEquals(1, r.exitCode(), r.toString());
      assertTrue(r.out().contains("capitals [v1]  (baseline)"), r.out());
      assertTrue(r.out().contains("capitals [v2]  FAILED"), r.out());
      assertTrue(r.out().contains("FAIL max-regression correct"), r.out());
      assertTrue(r.out().contains("ok   fail-under exact"), r.out());
      var suites = JunitXml.parse(cli.workingDir().resolve("junit.xml"));
      assertEquals(1, suites.size(), "only the candidate is a test suite");
      assertEquals("capitals [v2]", suites.getFirst().getName());
      assertEquals(6, suites.getFirst().getNumberOfTests());
      assertEquals(2, suites.getFirst().getNumberOfFailures(), "es fails both the judge and the exact match");
      String md = Files.readString(summary);
      assertTrue(md.contains("Top regressions"), md);
      assertTrue(md.lines().anyMatch(l -> l.startsWith("| es | correct | 1.000 | 0.000 | Madrid | Barcelona |")), md);
    }
  }

  @Test
  void withUrlTheSameConfigRunsOnAServerAndTheExperimentsStay() throws Exception {
    try (LiveServer server = new LiveServer(tmp.resolve("server"))) {
      Cli cli = new Cli(tmp);
      cli.env("PATH", System.getenv("PATH"));
      Files.writeString(cli.workingDir().resolve("assay.yaml"), """
          name: remote-qa
          tests:
            - {id: fr, input: {question: "What is the capital of France?"}, expected: Paris}
            - {id: au, input: {question: "What is the capital of Australia?"}, expected: Canberra}
          task:
            command: %s]
          evaluators:
            - {name: exact, type: equals, fail_under: 1.0}
          """.formatted(JAVA));
      Cli.Result r = cli.run("eval", "--url", server.url(), "-o", "json", "--junit", "junit.xml");
      assertEquals(0, r.exitCode(), r.toString());
      JsonNode gate = new ObjectMapper().readTree(r.out());
      assertTrue(gate.path("passed").asBoolean());
      assertEquals(2, gate.path("cases").size());
      assertEquals(2, JunitXml.parse(cli.workingDir().resolve("junit.xml")).getFirst().getNumberOfTests());
      Cli.Result listed = cli.run("experiments", "list", "--url", server.url(), "-o", "json");
      assertTrue(listed.out().contains("remote-qa 20"), listed.toString());
    }
  }

  @Test
  void theTemporaryStoreIsDeleted() {
    Path dir;
    try (StandaloneHarness harness = StandaloneHarness.open(Clock.systemUTC())) {
      dir = harness.directory();
      assertTrue(Files.isDirectory(dir));
      try (Stream<Path> files = assertDoesNotThrowList(dir)) {
        assertTrue(files.findAny().isPresent());
      }
    }
    assertFalse(Files.exists(dir));
  }

  private static Stream<Path> assertDoesNotThrowList(Path dir) {
    try {
      return Files.list(dir);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
