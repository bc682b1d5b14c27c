package dev.assay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.testing.FakeModelServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's full flow through the CLI against a live server, the fake model server as the only fake: an app's LLM
 * spans arrive through the real OTel SDK exporter, {@code assay datasets from-spans} turns them into a dataset, a
 * prompt gets two versions (v2 carries a planted regression: the fake model answers two questions wrongly when the
 * system message asks it to "think step by step"), both run as experiments with a stored code evaluator, compare
 * shows the regressed examples, and the CI gate fails on v2 (exit 1) and passes on v1 (exit 0), with JUnit XML that
 * Surefire's own parser reads.
 */
class ExperimentFlowTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROJECT = "flow-app";
  private static final String V1_SYSTEM = "Answer the question with one word or number and nothing else.";
  private static final String V2_SYSTEM = "Think step by step, then answer the question with one word or number.";
  /** The app's questions and the answers it gave in production (the dataset's expected outputs). */
  private static final Map<String, String> ANSWERS = new LinkedHashMap<>();
  /** The two questions v2 gets wrong: key words of the question → the wrong answer. */
  private static final Map<String, String> REGRESSED = Map.of("2 + 2", "5", "largest planet", "Saturn");

  static {
    ANSWERS.put("What is the capital of France?", "Paris");
    ANSWERS.put("What is 2 + 2?", "4");
    ANSWERS.put("Who wrote Hamlet?", "Shakespeare");
    ANSWERS.put("What is the largest planet?", "Jupiter");
    ANSWERS.put("What color is the sky on a clear day?", "Blue");
    ANSWERS.put("How many legs does a spider have?", "8");
  }

  @TempDir static Path serverDir;
  private static LiveServer server;
  private static FakeModelServer model;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    server = new LiveServer(serverDir);
    model = FakeModelServer.create().requireApiKey("sk-flow");
    // The planted regression first (rules are tried in order), then the right answer to each question.
    REGRESSED.forEach((words, wrong) -> model.answer(p -> p.contains("step by step") && p.contains(words), wrong));
    ANSWERS.forEach((question, answer) -> model.answer(p -> p.contains(question), answer));
    model.start();
  }

  @AfterAll
  static void stop() {
    model.close();
    server.close();
  }

  @Test
  void spansToDatasetToTwoPromptVersions_compareShowsTheRegression_andTheGateFailsOnIt() throws Exception {
    Cli cli = new Cli(tmp).env("ASSAY_URL", server.url()).env("FLOW_KEY", "sk-flow");
    Set<String> llmSpanIds = sendAppTraces();

    // spans → dataset: only the LLM spans (the CHAIN roots are filtered out), each example linked to its span
    JsonNode fromSpans = json(ok(cli, "datasets", "from-spans", "-p", PROJECT, "--filter", "span_kind = 'LLM'",
        "--name", "qa", "-o", "json"));
    assertEquals(ANSWERS.size(), fromSpans.path("num_created").asInt(), fromSpans.toString());
    JsonNode examples = json(ok(cli, "datasets", "examples", "qa", "-o", "json"));
    List<JsonNode> rows = new ArrayList<>();
    (examples.isArray() ? examples : examples.path("examples")).forEach(rows::add);
    assertEquals(ANSWERS.size(), rows.size(), examples.toString());
    Set<String> linked = new HashSet<>();
    for (JsonNode row : rows) {
      linked.add(row.path("_assay").path("source_span_id").asText());
    }
    assertEquals(llmSpanIds, linked, "every example links back to the LLM span it came from");

    // the model, two prompt versions, a stored code evaluator
    ok(cli, "models", "create", "fake", "--provider", "CUSTOM", "--base-url", model.openAiBaseUrl(), "--model",
        "fake-model", "--api-key-env", "FLOW_KEY");
    String v1 = json(ok(cli, "prompts", "create", "answerer", "--message", "system=" + V1_SYSTEM, "--message",
        "user={input}", "--model", "fake-model", "-o", "json")).path("version").path("id").asText();
    String v2 = json(ok(cli, "prompts", "create-version", "answerer", "--message", "system=" + V2_SYSTEM,
        "--message", "user={input}", "--model", "fake-model", "-c", "think first", "-o", "json")).path("id").asText();
    assertFalse(v1.isBlank() || v2.isBlank() || v1.equals(v2), v1 + " / " + v2);
    ok(cli, "evaluators", "create", "exact", "--kind", "code", "--check", "EXACT_MATCH", "--var", "output", "--var",
        "reference");

    // v1 is the baseline; v2 runs beside it
    JsonNode base = json(ok(cli, run("baseline-v1", v1, "--label", "baseline", "--wait")));
    assertEquals("COMPLETED", base.path("status").asText(), base.toString());
    JsonNode candidate = json(ok(cli, run("candidate-v2", v2, "--wait")));
    assertEquals("COMPLETED", candidate.path("status").asText(), candidate.toString());
    assertEquals(ANSWERS.size() * 2L, model.calls(), "one model call per example and experiment");

    JsonNode comparison = json(ok(cli, "experiments", "compare", "candidate-v2", "--baseline", "baseline", "-o", "json"));
    JsonNode exact = comparison.path("evaluators").get(0);
    assertEquals("exact", exact.path("name").asText(), comparison.toString());
    assertEquals(1.0, exact.path("baseline_mean").asDouble(), 1e-9, comparison.toString());
    assertEquals(4.0 / 6, exact.path("mean").asDouble(), 1e-9, comparison.toString());
    assertEquals(2, exact.path("regressed").asInt(), comparison.toString());
    assertEquals(4, exact.path("unchanged").asInt(), comparison.toString());
    List<String> regressedOutputs = new ArrayList<>();
    comparison.path("examples").forEach(e -> {
      if (e.path("change").asText().equals("REGRESSED")) {
        regressedOutputs.add(e.path("output").asText());
      }
    });
    assertEquals(Set.of("5", "Saturn"), Set.copyOf(regressedOutputs), comparison.toString());

    // the CI gate: fails on the planted regression, passes on v1 (no regression)
    Path failedXml = tmp.resolve("v2.xml");
    Cli.Result failed = cli.run(gate("gate-v2", v2, failedXml));
    assertEquals(ExitCodes.FAILURE, failed.exitCode(), failed.toString());
    JsonNode failedGate = JSON.readTree(failed.out());
    assertFalse(failedGate.path("passed").asBoolean(true), failed.out());
    Map<String, Boolean> rules = new LinkedHashMap<>();
    failedGate.path("checks").forEach(c -> rules.put(c.path("rule").asText(), c.path("passed").asBoolean()));
    assertEquals(2, rules.size(), failed.out());
    assertFalse(rules.containsValue(true), "both the regression and the floor fail: " + failed.out());
    ReportTestSuite failedSuite = junit(failedXml);
    assertEquals(ANSWERS.size(), failedSuite.getNumberOfTests(), "one testcase per example × evaluator");
    assertEquals(2, failedSuite.getNumberOfFailures());
    for (ReportTestCase c : failedSuite.getTestCases()) {
      assertEquals("gate-v2", c.getClassName());
      assertTrue(c.getName().endsWith(" · exact"), c.getName());
    }

    Path passedXml = tmp.resolve("v1.xml");
    Cli.Result passed = cli.run(gate("gate-v1", v1, passedXml));
    assertEquals(ExitCodes.OK, passed.exitCode(), passed.toString());
    JsonNode passedGate = JSON.readTree(passed.out());
    assertTrue(passedGate.path("passed").asBoolean(), passed.out());
    passedGate.path("checks").forEach(c -> assertTrue(c.path("passed").asBoolean(), passed.out()));
    ReportTestSuite passedSuite = junit(passedXml);
    assertEquals(ANSWERS.size(), passedSuite.getNumberOfTests());
    assertEquals(0, passedSuite.getNumberOfFailures() + passedSuite.getNumberOfErrors());
  }

  private static String[] run(String name, String versionId, String... more) {
    List<String> args = new ArrayList<>(List.of("experiments", "run", "--name", name, "--dataset", "qa", "--prompt",
        "answerer:" + versionId, "--model-config", "fake", "--evaluator", "exact", "--poll-interval", "0.2", "-o",
        "json"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private static String[] gate(String name, String versionId, Path junit) {
    return run(name, versionId, "--baseline", "baseline", "--max-regression", "exact=0.02", "--fail-under",
        "exact=0.9", "--junit", junit.toString());
  }

  /**
   * Six app traces through the real OTel SDK: a CHAIN root ({@code answer-question}) with an LLM child holding
   * the question and the production answer. Returns the LLM spans' ids.
   */
  private static Set<String> sendAppTraces() {
    OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(server.url() + "/v1/traces").build();
    Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
        AttributeKey.stringKey("openinference.project.name"), PROJECT)));
    SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource)
        .addSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build();
    Set<String> ids = new HashSet<>();
    try {
      Tracer tracer = provider.get("flow-app");
      ANSWERS.forEach((question, answer) -> {
        Span root = tracer.spanBuilder("answer-question").setAttribute("openinference.span.kind", "CHAIN")
            .setAttribute("input.value", question).startSpan();
        try (Scope ignored = root.makeCurrent()) {
          Span llm = tracer.spanBuilder("llm").setAttribute("openinference.span.kind", "LLM")
              .setAttribute("llm.model_name", "gpt-4o-mini").setAttribute("input.value", question)
              .setAttribute("output.value", answer).startSpan();
          ids.add(llm.getSpanContext().getSpanId());
          llm.end();
        } finally {
          root.setAttribute("output.value", answer);
          root.end();
        }
      });
      assertTrue(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess(), "the exporter delivered the spans");
    } finally {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
    return ids;
  }

  private static ReportTestSuite junit(Path file) throws Exception {
    assertTrue(Files.isRegularFile(file), file + " was written");
    var parser = new TestSuiteXmlParser(new NullConsoleLogger());
    List<ReportTestSuite> suites;
    try (var reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
      suites = parser.parse(reader);
    }
    assertTrue(parser.isValid(), "Surefire's parser accepts " + Files.readString(file));
    assertEquals(1, suites.size(), Files.readString(file));
    return suites.get(0);
  }

  private static Cli.Result ok(Cli cli, String... args) {
    Cli.Result result = cli.run(args);
    assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
    return result;
  }

  private static JsonNode json(Cli.Result result) throws Exception {
    return JSON.readTree(result.out());
  }
}
