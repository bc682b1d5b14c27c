package dev.assay.cli.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.Output;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Compare an experiment with a baseline on the same dataset: per evaluator the mean scores, the "
        + "change and a paired t-test p-value, then the examples that regressed. -o json prints the whole comparison.",
        "Example: assay experiments compare prompt-v2 --baseline main"})
public final class ExperimentsCompareCommand implements Callable<Integer> {
  static final int SHOWN_REGRESSIONS = 20;

  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin ExperimentLookup lookup;

  @Parameters(paramLabel = "EXPERIMENT", description = "Experiment name or id.")
  String experiment;

  @Option(names = "--baseline", required = true, paramLabel = "EXPERIMENT|LABEL",
      description = "Baseline experiment (name or id) or label (the newest experiment on the dataset carrying it).")
  String baseline;

  @Override
  public Integer call() {
    try (ApiClient api = client.client()) {
      String id = lookup.experiment(api, client, experiment).path("id").asText();
      JsonNode comparison = api.get(ExperimentsCommand.path(id) + "/compare", Map.of("baseline", baseline));
      Output out = output.output();
      if (ExperimentsCommand.whole(out)) {
        out.item(comparison, List.of());
      } else {
        print(spec.commandLine().getOut(), comparison);
      }
    }
    return ExitCodes.OK;
  }

  static void print(PrintWriter out, JsonNode c) {
    out.printf("%-24s %10s %10s %10s %8s %6s %6s %6s%n", "evaluator", "baseline", "mean", "delta", "p", "better",
        "worse", "same");
    for (JsonNode e : c.path("evaluators")) {
      out.printf("%-24s %10s %10s %10s %8s %6d %6d %6d%n", e.path("name").asText(),
          ExperimentsGetCommand.num(e.get("baseline_mean")), ExperimentsGetCommand.num(e.get("mean")),
          signed(e.get("delta")), ExperimentsGetCommand.num(e.get("p_value")), e.path("improved").asLong(),
          e.path("regressed").asLong(), e.path("unchanged").asLong());
    }
    List<JsonNode> regressed = new java.util.ArrayList<>();
    c.path("examples").forEach(x -> {
      if ("REGRESSED".equals(x.path("change").asText())) {
        regressed.add(x);
      }
    });
    if (!regressed.isEmpty()) {
      out.printf("%nRegressed examples (%d):%n", regressed.size());
      for (JsonNode x : regressed.subList(0, Math.min(SHOWN_REGRESSIONS, regressed.size()))) {
        out.printf("  %s  %s: %s -> %s%n    baseline: %s%n    now:      %s%n", x.path("example_id").asText(),
            x.path("evaluator").asText(), ExperimentsGetCommand.num(x.get("baseline_score")),
            ExperimentsGetCommand.num(x.get("score")), cut(x.path("baseline_output").asText("")),
            cut(x.path("output").asText("")));
      }
      if (regressed.size() > SHOWN_REGRESSIONS) {
        out.printf("  … and %d more (-o json shows every example)%n", regressed.size() - SHOWN_REGRESSIONS);
      }
    }
    out.flush();
  }

  private static String signed(JsonNode value) {
    return value == null || value.isNull() ? "-" : String.format(java.util.Locale.ROOT, "%+.3f", value.asDouble());
  }

  /** One line of at most 100 characters: outputs are untrusted and may hold newlines or control characters. */
  static String cut(String text) {
    String line = text.replaceAll("\\p{Cntrl}", " ");
    return line.length() > 100 ? line.substring(0, 99) + "…" : line;
  }
}
