package dev.assay.cli.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.ci.JunitReport;
import dev.assay.cli.ci.MarkdownSummary;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.Output;
import dev.assay.experiments.GateResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run a dataset through a task under test — a prompt version on a model (--prompt), your HTTP "
        + "endpoint (--http-url) or a command (--command) — and score every output with the evaluators. The server "
        + "does the work (resumable); --wait follows it with a progress bar.",
        "Gate flags (--fail-under, --max-regression, --min-pass-rate, --baseline, --junit) wait for the end, check the "
            + "rules and exit 0 when the gate passes, 1 when it fails; the Markdown summary goes to "
            + "$GITHUB_STEP_SUMMARY when set; -o json prints the gate result.",
        "Example: assay experiments run --dataset qa --prompt answerer@staging --model-config openai "
            + "--evaluator correctness --baseline main --max-regression correctness=0.02 --junit report.xml"})
public final class ExperimentsRunCommand implements Callable<Integer> {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Option(names = "--name", paramLabel = "NAME", description = "Experiment name (default: <dataset>-<UTC time>).")
  String name;

  @Option(names = "--description", paramLabel = "TEXT") String description;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space of the dataset and experiment (name or id).")
  String space;

  @Option(names = {"-d", "--dataset"}, required = true, paramLabel = "DATASET", description = "Dataset name or id.")
  String dataset;

  // Not --version: that is picocli's standard version flag on every command.
  @Option(names = "--dataset-version", paramLabel = "VERSION", description = "Dataset version id (default: the latest).")
  String version;

  @Option(names = "--split", paramLabel = "SPLIT", description = "Only examples in this split (repeatable).")
  List<String> splits = new ArrayList<>();

  @Option(names = "--prompt", paramLabel = "NAME[@LABEL|:VERSION]",
      description = "Task: this prompt (latest version, the version with LABEL, or a version id) on --model-config.")
  String prompt;

  @Option(names = "--model-config", paramLabel = "CONFIG", description = "Model config the prompt runs on (name or id).")
  String modelConfig;

  @Option(names = "--model", paramLabel = "MODEL", description = "Model name (default: the config's).")
  String model;

  @Option(names = "--http-url", paramLabel = "URL",
      description = "Task: POST {input, metadata, example_id} to URL; the JSON response is the output.")
  String httpUrl;

  @Option(names = "--command", paramLabel = "COMMAND",
      description = "Task: run COMMAND (split into words, no shell) with the same JSON on stdin; stdout is the output.")
  String command;

  @Option(names = "--arg", paramLabel = "ARG", description = "Task: one argv word (repeatable; instead of --command).")
  List<String> args = new ArrayList<>();

  @Option(names = "--output-path", paramLabel = "JSONPATH", description = "Read the output at this JSONPath.")
  String outputPath;

  @Option(names = "--task-timeout", paramLabel = "SECONDS", description = "Timeout of one HTTP call or command.")
  Double taskTimeout;

  @Option(names = {"-e", "--evaluator"}, paramLabel = "EVALUATOR",
      description = "Score outputs with this evaluator (name or id, repeatable).")
  List<String> evaluators = new ArrayList<>();

  @Option(names = "--repetitions", paramLabel = "N", defaultValue = "1", description = "Runs per example.")
  int repetitions;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4", description = "Runs at once.")
  int concurrency;

  @Option(names = "--label", paramLabel = "LABEL", description = "Label the experiment (repeatable), e.g. main.")
  List<String> labels = new ArrayList<>();

  @Option(names = "--wait", description = "Follow the experiment until it ends.")
  boolean wait;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3600",
      description = "Stop waiting after this long (default: ${DEFAULT-VALUE}); the experiment goes on, exit 8.")
  double timeoutSeconds;

  @Option(names = "--poll-interval", paramLabel = "SECONDS", defaultValue = "2",
      description = "How often to ask for progress (default: ${DEFAULT-VALUE}).")
  double pollSeconds;

  @Mixin GateOptions gate;

  @Override
  public Integer call() {
    ObjectNode body = body();
    gate.check();
    if (!(timeoutSeconds > 0) || !(pollSeconds > 0)) {
      throw CliException.usage("--timeout and --poll-interval must be more than 0 seconds");
    }
    PrintWriter err = spec.commandLine().getErr();
    Output out = output.output();
    try (ApiClient api = client.client()) {
      if (prompt != null) {
        // The config is looked up here so a wrong name is exit 3 before anything is stored.
        JsonNode config = api.get("/v2/ai-integrations/" + ApiClient.segment(modelConfig), client.spaceQuery(space));
        ObjectNode task = (ObjectNode) body.get("task");
        task.put("ai_integration_id", config.path("id").asText());
        if (model == null && config.path("model_names").size() > 0) {
          // The prompt version may name no model; the config's first model is the one it was created for.
          task.put("model", config.path("model_names").get(0).asText());
        }
      }
      Instant begin = Instant.now();
      JsonNode started = api.post("/v2/experiments/run", body);
      if (!wait && !gate.active()) {
        ExperimentsCommand.printExperiment(out, started);
        return ExitCodes.OK;
      }
      ExperimentWaiter.Outcome outcome = new ExperimentWaiter(api, client.environment(), err).await(started,
          Duration.ofMillis(Math.round(timeoutSeconds * 1000)), Duration.ofMillis(Math.round(pollSeconds * 1000)));
      String id = started.path("id").asText();
      if (outcome.exitCode() != ExitCodes.OK || !gate.active()) {
        ExperimentsCommand.printExperiment(out, outcome.experiment());
        if (outcome.exitCode() == ExitCodes.OK && !ExperimentsCommand.whole(out)) {
          ExperimentsGetCommand.printSummary(spec.commandLine().getOut(),
              api.get(ExperimentsCommand.path(id) + "/summary", Map.of()));
        }
        return outcome.exitCode();
      }
      JsonNode resultJson = api.post(ExperimentsCommand.path(id) + "/gate", gate.body());
      GateResult result = GateOptions.read(resultJson);
      String experimentName = started.path("name").asText();
      if (gate.junit != null) {
        Path file = client.environment().resolve(gate.junit.toString());
        JunitReport.write(file, List.of(new JunitReport.Suite(experimentName, result,
            Duration.between(begin, Instant.now()))));
      }
      String summaryFile = client.environment().get("GITHUB_STEP_SUMMARY");
      if (summaryFile != null && !summaryFile.isBlank()) {
        MarkdownSummary.append(client.environment().resolve(summaryFile), MarkdownSummary.render(experimentName, result));
      }
      if (ExperimentsCommand.whole(out)) {
        out.item(resultJson, List.of());
      } else {
        printGate(spec.commandLine().getOut(), experimentName, resultJson);
      }
      if (!result.passed()) {
        err.println("assay: the gate failed for experiment " + experimentName);
        err.flush();
        return ExitCodes.FAILURE;
      }
      return ExitCodes.OK;
    }
  }

  /** The request body; exit 2 for a wrong combination of flags, before anything is sent. */
  ObjectNode body() {
    int tasks = (prompt != null ? 1 : 0) + (httpUrl != null ? 1 : 0) + (command != null || !args.isEmpty() ? 1 : 0);
    if (tasks != 1) {
      throw CliException.usage("give exactly one task under test: --prompt (with --model-config), --http-url, or "
          + "--command / --arg");
    }
    if (command != null && !args.isEmpty()) {
      throw CliException.usage("give --command or --arg, not both");
    }
    if (repetitions < 1 || concurrency < 1) {
      throw CliException.usage("--repetitions and --concurrency must be at least 1");
    }
    ObjectNode task = ApiClient.object();
    if (prompt != null) {
      if (modelConfig == null) {
        throw CliException.usage("--prompt needs --model-config (the model config the prompt runs on)");
      }
      if (outputPath != null || taskTimeout != null) {
        throw CliException.usage("--output-path and --task-timeout apply to --http-url and --command tasks");
      }
      task.put("type", "PROMPT");
      int colon = prompt.lastIndexOf(':');
      int at = prompt.lastIndexOf('@');
      if (colon > 0) {
        task.put("prompt_version_id", prompt.substring(colon + 1));
      } else if (at > 0) {
        task.put("prompt_id", prompt.substring(0, at));
        task.put("label", prompt.substring(at + 1));
      } else {
        task.put("prompt_id", prompt);
      }
      if (model != null) {
        task.put("model", model);
      }
    } else {
      if (modelConfig != null || model != null) {
        throw CliException.usage("--model-config and --model apply to --prompt tasks");
      }
      if (httpUrl != null) {
        task.put("type", "HTTP");
        task.put("url", httpUrl);
      } else {
        List<String> argv = command != null ? Argv.split(command) : args;
        if (argv.isEmpty()) {
          throw CliException.usage("--command is empty");
        }
        task.put("type", "COMMAND");
        ArrayNode array = task.putArray("argv");
        argv.forEach(array::add);
      }
      if (outputPath != null) {
        task.put("output_path", outputPath);
      }
      if (taskTimeout != null) {
        if (!(taskTimeout > 0) || taskTimeout > 600) {
          throw CliException.usage("--task-timeout must be more than 0 and at most 600 seconds");
        }
        task.put("timeout_ms", Math.max(1, Math.round(taskTimeout * 1000)));
      }
    }
    ObjectNode body = ApiClient.object();
    body.put("name", name != null ? name : dataset + "-" + STAMP.format(Instant.now()));
    if (description != null) {
      body.put("description", description);
    }
    String spaceRef = client.space(space);
    if (spaceRef != null) {
      body.put("space_id", spaceRef);
    }
    body.put("dataset_id", dataset);
    if (version != null) {
      body.put("dataset_version_id", version);
    }
    if (!splits.isEmpty()) {
      splits.forEach(body.putArray("splits")::add);
    }
    body.set("task", task);
    ArrayNode evaluatorList = body.putArray("evaluators");
    evaluators.forEach(e -> evaluatorList.addObject().put("evaluator_id", e));
    body.put("repetitions", repetitions);
    body.put("concurrency", concurrency);
    if (!labels.isEmpty()) {
      labels.forEach(body.putArray("labels")::add);
    }
    return body;
  }

  static void printGate(PrintWriter out, String name, JsonNode result) {
    boolean passed = result.path("passed").asBoolean();
    out.println("Gate " + (passed ? "PASSED" : "FAILED") + " for experiment " + name
        + (result.hasNonNull("baseline_id") ? " (baseline " + result.get("baseline_id").asText() + ")" : ""));
    for (JsonNode check : result.path("checks")) {
      out.println("  " + (check.path("passed").asBoolean() ? "ok    " : "FAILED") + " " + check.path("message").asText());
    }
    if (result.hasNonNull("summary")) {
      ExperimentsGetCommand.printSummary(out, result.get("summary"));
    }
    if (result.hasNonNull("comparison")) {
      out.println();
      ExperimentsCompareCommand.print(out, result.get("comparison"));
    }
    out.flush();
  }
}
