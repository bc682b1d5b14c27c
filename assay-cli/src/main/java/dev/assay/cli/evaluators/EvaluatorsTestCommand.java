package dev.assay.cli.evaluators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.Output;
import dev.assay.cli.output.OutputFormat;
import dev.assay.cli.traces.QueryOptions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code assay evaluators test}: runs an evaluator (saved, or described by the create options) on a few real
 * subjects and prints the results; nothing is stored. The exit code says whether the test ran, not how the
 * subjects scored: 0 even when results carry errors (each is printed with its error).
 */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = {"Try an evaluator on a few real subjects (newest first, matching --filter) without saving anything: "
        + "a saved one (EVALUATOR), or the options of `evaluators create` / --spec-file.",
        "Prints each result: target, label, score, passed, explanation, error. Exit 0 whenever the test ran, even when "
            + "some results are errors (read their `error`); 1 when the request failed."})
public final class EvaluatorsTestCommand implements Callable<Integer> {
  static final List<String> COLUMNS = List.of("target_kind", "target_id", "label", "score", "passed", "explanation", "error");

  @Spec CommandSpec commandSpec;
  @Mixin ClientOptions client;
  @Mixin QueryOptions query;
  @Mixin OutputOptions output;
  @Mixin SpecOptions specOptions;

  @Parameters(paramLabel = "EVALUATOR", arity = "0..1", description = "A saved evaluator (name or id); leave out to try the spec options.")
  String evaluator;

  @Option(names = "--version-id", paramLabel = "ID", description = "With EVALUATOR: try this version instead of the latest.")
  String versionId;

  @Option(names = {"-l", "--limit"}, paramLabel = "N", defaultValue = "5", description = "Subjects to try, 1-50 (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--target-id", paramLabel = "ID", description = "Try these spans, traces or sessions (repeatable) instead of the newest.")
  List<String> targetIds = new ArrayList<>();

  @Override
  public Integer call() {
    if (limit < 1 || limit > 50) {
      throw CliException.usage("--limit must be between 1 and 50, got " + limit);
    }
    if (evaluator != null && specOptions.given()) {
      throw CliException.usage("give either EVALUATOR (a saved evaluator) or spec options, not both");
    }
    if (evaluator == null && versionId != null) {
      throw CliException.usage("--version-id needs EVALUATOR");
    }
    PrintWriter err = commandSpec.commandLine().getErr();
    try (ApiClient api = client.client()) {
      ObjectNode body = query.body(api, client);
      body.put("limit", limit);
      if (!targetIds.isEmpty()) {
        ArrayNode ids = body.putArray("target_ids");
        targetIds.forEach(ids::add);
      }
      String spaceRef = client.space(query.space());
      if (evaluator != null) {
        JsonNode found = api.get(EvaluatorsCommand.path(evaluator), client.spaceQuery(query.space()));
        body.put("evaluator_id", found.path("id").asText());
        if (versionId != null) {
          body.put("version_id", versionId);
        }
      } else {
        ObjectNode spec = specOptions.spec(api, client.environment(), specOptions.trialName(), spaceRef);
        EvaluatorsCreateCommand.warnWithoutModel(err, spec);
        body.set("spec", spec);
      }
      JsonNode answer = api.post("/v2/evaluators/test", Map.of(), body);
      List<JsonNode> results = new ArrayList<>();
      answer.path("results").forEach(results::add);
      print(output.output(), commandSpec.commandLine().getOut(), results);
      summarize(err, results, answer.path("paused_reason").asText(null));
    }
    return ExitCodes.OK;
  }

  /** Tables show each result as a block, so explanations are never cut; the other formats are the API's objects. */
  private static void print(Output out, PrintWriter stdout, List<JsonNode> results) {
    if (out.format() != OutputFormat.TABLE) {
      out.list(results, COLUMNS);
      return;
    }
    for (JsonNode result : results) {
      StringBuilder line = new StringBuilder();
      line.append(result.path("target_kind").asText("")).append(' ').append(result.path("target_id").asText(""));
      if (result.hasNonNull("label")) {
        line.append("  label=").append(result.get("label").asText());
      }
      if (result.hasNonNull("score")) {
        line.append("  score=").append(result.get("score").asText());
      }
      if (result.hasNonNull("passed")) {
        line.append("  passed=").append(result.get("passed").asBoolean());
      }
      stdout.print(line.append('\n'));
      if (result.hasNonNull("explanation") && !result.get("explanation").asText().isBlank()) {
        stdout.print("  explanation: " + oneLine(result.get("explanation").asText()) + "\n");
      }
      if (result.hasNonNull("error") && !result.get("error").asText().isBlank()) {
        stdout.print("  error: " + oneLine(result.get("error").asText()) + "\n");
      }
    }
    stdout.flush();
  }

  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }

  /** One line on stderr: how many ran, passed, failed, errored, and why the work paused if it did. */
  private static void summarize(PrintWriter err, List<JsonNode> results, String pausedReason) {
    long errors = results.stream().filter(r -> r.hasNonNull("error") && !r.get("error").asText().isBlank()).count();
    long passed = results.stream().filter(r -> r.path("passed").isBoolean() && r.get("passed").asBoolean()).count();
    long failed = results.stream().filter(r -> r.path("passed").isBoolean() && !r.get("passed").asBoolean()).count();
    err.println(results.isEmpty()
        ? "note: no subject matched (widen --start-time or --filter); nothing was evaluated"
        : results.size() + " results: " + passed + " passed, " + failed + " failed, " + errors + " errors (nothing was saved)");
    if (pausedReason != null && !pausedReason.isBlank()) {
      err.println("note: the test paused: " + pausedReason);
    }
    err.flush();
  }
}
