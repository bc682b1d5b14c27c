package dev.assay.cli.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.Output;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "get", mixinStandardHelpOptions = true,
    description = "Show an experiment and its summary: runs, latency, and per evaluator the mean score with its 95% "
        + "confidence interval and the pass rate. -o json prints {experiment, summary}.")
public final class ExperimentsGetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin ExperimentLookup lookup;

  @Parameters(paramLabel = "EXPERIMENT", description = "Experiment name or id.")
  String experiment;

  @Override
  public Integer call() {
    try (ApiClient api = client.client()) {
      JsonNode found = lookup.experiment(api, client, experiment);
      JsonNode summary = api.get(ExperimentsCommand.path(found.path("id").asText()) + "/summary", java.util.Map.of());
      Output out = output.output();
      if (ExperimentsCommand.whole(out)) {
        ObjectNode both = ApiClient.object();
        both.set("experiment", found);
        both.set("summary", summary);
        out.item(both, java.util.List.of());
      } else {
        ExperimentsCommand.printExperiment(out, found);
        printSummary(spec.commandLine().getOut(), summary);
      }
    }
    return ExitCodes.OK;
  }

  /** The summary as a few lines of text under the table. */
  static void printSummary(PrintWriter out, JsonNode s) {
    out.printf("%nRuns: %d ok, %d failed, %d missing of %d", s.path("successful_runs").asLong(),
        s.path("failed_runs").asLong(), s.path("missing_runs").asLong(), s.path("expected_runs").asLong());
    if (s.hasNonNull("mean_latency_ms")) {
      out.printf("; latency mean %.0f ms, p95 %.0f ms", s.get("mean_latency_ms").asDouble(),
          s.path("p95_latency_ms").asDouble());
    }
    out.println();
    for (JsonNode ev : s.path("evaluators")) {
      out.printf("  %-24s mean %s  95%% CI [%s, %s]  pass rate %s  (%d scored, %d errors)%n", ev.path("name").asText(),
          num(ev.get("mean_score")), num(ev.get("ci_low")), num(ev.get("ci_high")), num(ev.get("pass_rate")),
          ev.path("scored").asLong(), ev.path("errors").asLong());
    }
    out.flush();
  }

  static String num(JsonNode value) {
    return value == null || value.isNull() ? "-" : String.format(java.util.Locale.ROOT, "%.3f", value.asDouble());
  }
}
