package dev.assay.cli.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.cli.Cli;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LiveServer;
import dev.assay.testing.FakeModelServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * {@code assay experiments} against a live server and the fake model: two prompt versions on one dataset, the CI
 * gate (exit 1 on a regression against the {@code main} baseline, 0 without), JUnit XML and the step summary,
 * compare, export, labels, delete, a command task, and usage errors that change nothing.
 */
class ExperimentsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir static Path serverDir;
  private static LiveServer server;
  private static FakeModelServer fake;
  private static String v2VersionId;

  @TempDir Path tmp;
  private Cli cli;

  @BeforeAll
  static void start() throws Exception {
    server = new LiveServer(serverDir);
    // Version 1 of the prompt gets right answers (with digits), version 2 a regression (none).
    fake = FakeModelServer.create().answer(p -> p.contains("V1"), "the answer is 4")
        .answer(p -> p.contains("V2"), "no idea").start();
    post("/v2/datasets", """
        {"name": "cli-exp-ds", "space_id": "default", "examples": [
          {"question": "2+2", "expected_output": "4"}, {"question": "3+1", "expected_output": "4"}]}""");
    post("/v2/evaluators", """
        {"name": "has_digit", "version": {"spec": {"kind": "CODE", "name": "has_digit", "check": "MATCHES_REGEX",
         "variables": ["output"], "params": {"pattern": "[0-9]"}}}}""");
    String prompt = post("/v2/prompts", "{\"name\": \"cli-answerer\", \"version\": " + version("V1") + "}")
        .get("id").asText();
    JsonNode v1 = post("/v2/prompts/" + prompt + "/versions", version("V1 again"));
    put("/v2/prompt-versions/" + v1.get("id").asText() + "/labels", "{\"labels\": [\"production\"]}");
    v2VersionId = post("/v2/prompts/" + prompt + "/versions", version("V2")).get("id").asText();
  }

  private static String version(String marker) {
    return """
        {"commit_message": "%s", "provider": "OPEN_AI", "model": "fake", "input_variable_format": "MUSTACHE",
         "messages": [{"role": "USER", "content": "%s: {{question}}"}]}""".formatted(marker, marker);
  }

  @AfterAll
  static void stop() {
    server.close();
    fake.close();
  }

  @BeforeEach
  void setUp() {
    cli = new Cli(tmp).env("ASSAY_URL", server.url()).env("FAKE_KEY", "k");
    if (cli.run("models", "get", "fake").exitCode() != ExitCodes.OK) {
      ok("models", "create", "fake", "--provider", "CUSTOM", "--base-url", fake.openAiBaseUrl(), "--model", "fake",
          "--api-key-env", "FAKE_KEY");
    }
  }

  private Cli.Result ok(String... args) {
    Cli.Result result = cli.run(args);
    assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
    return result;
  }

  private Cli.Result fails(int exitCode, String... args) {
    Cli.Result result = cli.run(args);
    assertEquals(exitCode, result.exitCode(), result.toString());
    return result;
  }

  private static JsonNode json(Cli.Result result) throws Exception {
    return JSON.readTree(result.out());
  }

  @Test
  void twoPromptVersions_gateFailsOnTheRegression_withJunitAndSummary_andPassesWithout() throws Exception {
    JsonNode baseline = json(ok("experiments", "run", "--dataset", "cli-exp-ds", "--prompt", "cli-answerer@production",
        "--model-config", "fake", "--evaluator", "has_digit", "--name", "gate-v1", "--label", "main", "--wait",
        "--poll-interval", "0.2", "-o", "json"));
    assertEquals("COMPLETED", baseline.path("status").asText(), baseline.toString());

    Path junit = tmp.resolve("reports/junit.xml");
    Path summary = tmp.resolve("summary.md");
    cli.env("GITHUB_STEP_SUMMARY", summary.toString());
    Cli.Result failed = fails(ExitCodes.FAILURE, "experiments", "run", "--dataset", "cli-exp-ds", "--prompt",
        "cli-answerer:" + v2VersionId, "--model-config", "fake", "--evaluator", "has_digit", "--name", "gate-v2",
        "--baseline", "main", "--max-regression", "has_digit=0.02", "--fail-under", "has_digit=0.5", "--junit",
        junit.toString(), "--poll-interval", "0.2");
    assertTrue(failed.out().contains("Gate FAILED"), failed.toString());
    assertTrue(failed.out().contains("REGRESSED") || failed.out().contains("Regressed examples (2)"), failed.toString());
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
    assertEquals(2, xml.getElementsByTagName("testcase").getLength(), "one testcase per example × evaluator");
    assertEquals(2, xml.getElementsByTagName("failure").getLength());
    assertTrue(Files.readString(summary).contains("failed"), Files.readString(summary));

    JsonNode passed = json(ok("experiments", "run", "--dataset", "cli-exp-ds", "--prompt", "cli-answerer@production",
        "--model-config", "fake", "--evaluator", "has_digit", "--name", "gate-v1b", "--baseline", "main",
        "--max-regression", "has_digit=0.02", "--poll-interval", "0.2", "-o", "json"));
    assertTrue(passed.path("passed").asBoolean(), passed.toString());
    assertEquals("max-regression", passed.at("/checks/0/rule").asText(), passed.toString());

    Cli.Result compared = ok("experiments", "compare", "gate-v2", "--baseline", "gate-v1");
    assertTrue(compared.out().contains("has_digit") && compared.out().contains("-1.000"), compared.toString());
    assertTrue(compared.out().contains("Regressed examples (2)"), compared.toString());
    assertTrue(compared.out().contains("no idea"), "regressed outputs are shown: " + compared);
  }

  @Test
  void listGetRunsExportLabelAndDelete_ofACommandExperiment() throws Exception {
    ok("experiments", "run", "--dataset", "cli-exp-ds", "--command", "printf 'answer 7'", "--evaluator", "has_digit",
        "--name", "cmd-exp", "--repetitions", "2", "--wait", "--poll-interval", "0.2");
    JsonNode got = json(ok("experiments", "get", "cmd-exp", "-o", "json"));
    assertEquals(java.util.List.of("printf", "answer 7"), java.util.List.of(got.at("/experiment/task/argv/0").asText(),
        got.at("/experiment/task/argv/1").asText()), "split without a shell: " + got);
    assertEquals(4, got.at("/summary/successful_runs").asLong(), got.toString());
    assertEquals(1.0, got.at("/summary/evaluators/0/mean_score").asDouble(), got.toString());
    assertTrue(ok("experiments", "get", "cmd-exp").out().contains("has_digit"));

    JsonNode runs = json(ok("experiments", "runs", "cmd-exp", "-o", "json"));
    assertEquals(4, runs.size());
    assertEquals("answer 7", runs.get(0).path("output").asText());
    assertTrue(ok("experiments", "list", "--dataset", "cli-exp-ds").out().contains("cmd-exp"));

    Path csv = tmp.resolve("runs.csv");
    ok("experiments", "export", "cmd-exp", "--format", "csv", "--file", csv.toString());
    assertTrue(Files.readString(csv).startsWith("id,example_id,repetition,output"), Files.readString(csv));
    assertTrue(Files.readString(csv).contains("has_digit.score"));
    assertEquals(4, ok("experiments", "export", "cmd-exp", "--format", "jsonl").out().strip().split("\n").length);

    JsonNode labelled = json(ok("experiments", "label", "cmd-exp", "nightly", "-o", "json"));
    assertEquals("nightly", labelled.path("labels").get(0).asText());
    assertEquals(0, json(ok("experiments", "label", "cmd-exp", "--remove", "nightly", "-o", "json")).path("labels").size());

    ok("experiments", "delete", "cmd-exp", "--force");
    fails(ExitCodes.NOT_FOUND, "experiments", "get", "cmd-exp");
  }

  @Test
  void usageErrors_exit2_andStoreNothing() throws Exception {
    int before = json(ok("experiments", "list", "-o", "json")).size();
    fails(ExitCodes.USAGE, "experiments", "run", "--dataset", "cli-exp-ds", "--command", "true", "--http-url", "http://x");
    fails(ExitCodes.USAGE, "experiments", "run", "--dataset", "cli-exp-ds");
    fails(ExitCodes.USAGE, "experiments", "run", "--dataset", "cli-exp-ds", "--prompt", "cli-answerer");
    fails(ExitCodes.USAGE, "experiments", "run", "--dataset", "cli-exp-ds", "--command", "true",
        "--max-regression", "has_digit=0.1");
    fails(ExitCodes.USAGE, "experiments", "run", "--dataset", "cli-exp-ds", "--command", "echo 'unclosed");
    fails(ExitCodes.USAGE, "experiments", "run", "--dataset", "cli-exp-ds", "--command", "true",
        "--min-pass-rate", "has_digit=2");
    fails(ExitCodes.NOT_FOUND, "experiments", "run", "--dataset", "cli-exp-ds", "--prompt", "cli-answerer",
        "--model-config", "no-such-config");
    fails(ExitCodes.NOT_FOUND, "experiments", "get", "no-such-experiment");
    fails(ExitCodes.NOT_FOUND, "experiments", "compare", "no-such-experiment", "--baseline", "main");
    assertEquals(before, json(ok("experiments", "list", "-o", "json")).size(), "nothing was stored");
  }

  private static JsonNode post(String path, String body) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(server.url() + path)).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static JsonNode put(String path, String body) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(server.url() + path)).PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static JsonNode send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response = HTTP.send(request.header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
    assertTrue(response.statusCode() < 300, response.body());
    assertFalse(response.body().isEmpty());
    return JSON.readTree(response.body());
  }
}
