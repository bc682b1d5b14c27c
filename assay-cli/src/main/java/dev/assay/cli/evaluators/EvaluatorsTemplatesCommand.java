package dev.assay.cli.evaluators;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.Output;
import dev.assay.cli.output.OutputFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "templates", mixinStandardHelpOptions = true,
    description = {"List the built-in LLM-judge templates: id, granularity, rails (label=score), direction, variables.",
        "With --id, one template; -o json also shows its messages (the prompt)."})
public final class EvaluatorsTemplatesCommand implements Callable<Integer> {
  static final List<String> COLUMNS = List.of("id", "name", "granularity", "direction", "rails", "variables", "description");

  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Option(names = "--id", paramLabel = "ID", description = "Only this template, e.g. hallucination.")
  String id;

  @Override
  public Integer call() {
    try (ApiClient api = client.client()) {
      List<JsonNode> templates = new ArrayList<>();
      if (id != null) {
        templates.add(EvaluatorsCommand.template(api, id));
      } else {
        api.get("/v2/evaluator-templates", Map.of()).path("templates").forEach(templates::add);
      }
      Output out = output.output();
      boolean whole = out.format() == OutputFormat.JSON || out.format() == OutputFormat.JSONL;
      List<JsonNode> rows = whole ? templates : templates.stream().map(t -> (JsonNode) EvaluatorsCommand.templateRow(t)).toList();
      if (id != null) {
        out.item(rows.get(0), COLUMNS);
      } else {
        out.list(rows, COLUMNS);
      }
    }
    return ExitCodes.OK;
  }
}
