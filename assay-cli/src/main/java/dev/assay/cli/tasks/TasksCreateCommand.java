package dev.assay.cli.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "create", mixinStandardHelpOptions = true,
    description = {"Create an evaluation task: evaluators bound to a project. Not continuous unless --continuous: "
        + "backfill a few spans first (`assay tasks trigger-run NAME --max-spans 100 --wait`), check the results, then "
        + "`assay tasks update NAME --continuous`.",
        "Example: assay tasks create faithfulness-check -p demo --evaluator faithful "
            + "--mapping faithful:context=attributes.retrieval.text --filter \"span_kind = 'LLM'\" --sampling-rate 0.2"})
public final class TasksCreateCommand implements Callable<Integer> {
  /** AX's evaluation task types: LLM judges are TEMPLATE evaluations, every other evaluator a CODE evaluation. */
  enum TaskType { TEMPLATE_EVALUATION, CODE_EVALUATION }

  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin EvaluatorOptions evaluatorOptions;

  @Parameters(paramLabel = "NAME", description = "The task's name (unique per project).")
  String name;

  @Option(names = {"-p", "--project"}, paramLabel = "PROJECT", required = true, description = "Project to evaluate (name or id).")
  String project;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the project and evaluator names up in.")
  String space;

  @Option(names = "--type", paramLabel = "TYPE",
      description = "${COMPLETION-CANDIDATES} (default: TEMPLATE_EVALUATION when the evaluators are LLM judges, "
          + "CODE_EVALUATION when none is).")
  TaskType type;

  @Option(names = "--filter", paramLabel = "FILTER",
      description = "Only spans matching this filter, e.g. \"span_kind = 'LLM'\" (a trace or session matches when any of its spans does).")
  String filter;

  @Option(names = "--sampling-rate", paramLabel = "RATE",
      description = "Share of matching targets to evaluate, 0 to 1 (default: 1); the same targets are picked every time.")
  Double samplingRate;

  @Option(names = "--continuous", description = "Evaluate new data as it arrives (default: only in triggered runs).")
  boolean continuous;

  @Override
  public Integer call() {
    if (evaluatorOptions.evaluators.isEmpty()) {
      throw CliException.usage("a task needs at least one --evaluator EVALUATOR (see `assay evaluators list`)");
    }
    checkSamplingRate(samplingRate);
    try (ApiClient api = client.client()) {
      String projectId = TaskLookup.projectId(api, client, project, space);
      List<EvaluatorOptions.Resolved> resolved = evaluatorOptions.resolve(api, client, space);
      ObjectNode body = ApiClient.object().put("name", name).put("type", type(resolved).name()).put("project_id", projectId);
      if (samplingRate != null) {
        body.put("sampling_rate", samplingRate);
      }
      body.put("is_continuous", continuous);
      if (filter != null) {
        body.put("query_filter", filter);
      }
      body.set("evaluators", evaluatorOptions.body(client.environment(), resolved));
      JsonNode created = api.post("/v2/tasks", body);
      TasksCommand.printTask(output.output(), created);
    }
    return ExitCodes.OK;
  }

  private TaskType type(List<EvaluatorOptions.Resolved> resolved) {
    if (type != null) {
      return type;
    }
    long judges = resolved.stream().filter(r -> r.type().equals("TEMPLATE")).count();
    if (judges == resolved.size()) {
      return TaskType.TEMPLATE_EVALUATION;
    }
    if (judges == 0) {
      return TaskType.CODE_EVALUATION;
    }
    throw CliException.usage("the evaluators mix LLM judges and other kinds: say --type TEMPLATE_EVALUATION or "
        + "--type CODE_EVALUATION");
  }

  static void checkSamplingRate(Double rate) {
    if (rate != null && !(rate >= 0 && rate <= 1)) {
      throw CliException.usage("--sampling-rate must be between 0 and 1, got " + rate);
    }
  }
}
