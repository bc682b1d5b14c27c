package dev.assay.cli.evaluations;

import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LimitOptions;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.traces.ProjectOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List a project's evaluation results, most recently updated first; -o json shows explanation and metadata whole.")
public final class EvaluationsListCommand implements Callable<Integer> {
  /** What a result is about. */
  enum TargetKind { SPAN, TRACE, SESSION }

  @Mixin ClientOptions client;
  @Mixin ProjectOption project;
  @Mixin OutputOptions output;
  @Mixin LimitOptions limit;

  @Option(names = "--target-kind", paramLabel = "KIND", description = "Only results on ${COMPLETION-CANDIDATES}.")
  TargetKind targetKind;

  @Option(names = "--target-id", paramLabel = "ID", description = "Only results on this span, trace or session id.")
  String targetId;

  @Option(names = "--name", paramLabel = "NAME", description = "Only results with this name (e.g. hallucination).")
  String name;

  @Option(names = "--evaluator", paramLabel = "EVALUATOR", description = "Only results written by this evaluator (name or id).")
  String evaluator;

  @Option(names = "--run-id", paramLabel = "ID", description = "Only results of this run.")
  String runId;

  @Option(names = "--all", description = "Every matching result, following the pages (ignores --limit).")
  boolean all;

  @Override
  public Integer call() {
    int max = all ? Integer.MAX_VALUE : limit.value();
    try (ApiClient api = client.client()) {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("project_id", project.projectId(api, client));
      query.put("target_kind", targetKind == null ? null : targetKind.name());
      query.put("target_id", targetId);
      query.put("name", name);
      if (evaluator != null) {
        // Names are resolved here: the API filters by id, and a wrong name should say "not found", not list nothing.
        String space = client.space(project.space());
        query.put("evaluator_id", api.get("/v2/evaluators/" + ApiClient.segment(evaluator),
            space == null ? Map.of() : Map.of("space_id", space)).path("id").asText());
      }
      query.put("run_id", runId);
      ApiClient.Listing listing = api.list("/v2/evaluations", query, "evaluations", max);
      output.output().list(listing.items(), EvaluationsCommand.COLUMNS);
      limit.noteTruncation(listing, "evaluations");
    }
    return ExitCodes.OK;
  }
}
