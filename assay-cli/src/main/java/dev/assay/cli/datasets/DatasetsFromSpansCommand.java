package dev.assay.cli.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LimitOptions;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "from-spans", mixinStandardHelpOptions = true,
    description = {"Make examples from the spans of a project that match a filter: a new dataset (--name) or appended "
        + "to one (--dataset). Each example links back to its span and trace.",
        "Input is the span's input.value (a JSON object becomes the input itself, anything else {\"input\": value}); "
            + "output likewise from output.value. --input-path/--output-path pick part of it with JSONPath."})
public final class DatasetsFromSpansCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Option(names = {"-p", "--project"}, required = true, paramLabel = "PROJECT", description = "Project (name or id).")
  String project;

  @Option(names = "--filter", paramLabel = "FILTER", description = "Filter language, e.g. \"span_kind = 'LLM'\".")
  String filter;

  @Option(names = "--start", paramLabel = "TIME", description = "Spans starting at or after (ISO-8601; default 7 days ago).")
  String start;

  @Option(names = "--end", paramLabel = "TIME", description = "Spans starting before (ISO-8601; default now).")
  String end;

  @Option(names = "--max", paramLabel = "N", defaultValue = "1000", description = "At most N spans, newest first (<= 10000; default ${DEFAULT-VALUE}).")
  int max;

  @Option(names = "--name", paramLabel = "NAME", description = "Create a new dataset with this name.")
  String name;

  @Option(names = "--dataset", paramLabel = "DATASET", description = "Append to this dataset (name or id) instead.")
  String dataset;

  @Option(names = "--input-path", paramLabel = "JSONPATH", description = "Part of input.value to use, e.g. $.messages[-1].content.")
  String inputPath;

  @Option(names = "--output-path", paramLabel = "JSONPATH", description = "Part of output.value to use.")
  String outputPath;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space of the dataset (name or id).")
  String space;

  @Override
  public Integer call() {
    if ((name == null) == (dataset == null)) {
      throw dev.assay.cli.CliException.usage("give exactly one of --name (a new dataset) and --dataset (an existing one)");
    }
    ObjectNode body = ApiClient.object();
    body.put("project_id", project);
    body.put("limit", max);
    putIf(body, "filter", filter);
    putIf(body, "start_time", start);
    putIf(body, "end_time", end);
    putIf(body, "name", name);
    putIf(body, "space_id", client.space(space));
    putIf(body, "input_path", inputPath);
    putIf(body, "output_path", outputPath);
    try (ApiClient api = client.client()) {
      if (dataset != null) {
        body.put("dataset_id", DatasetsCommand.dataset(api, client, space, dataset).path("id").asText());
      }
      DatasetsCommand.printWrite(output.output(), api.post("/v2/datasets/from-spans", body));
    }
    return ExitCodes.OK;
  }

  private static void putIf(ObjectNode body, String field, String value) {
    if (value != null) {
      body.put(field, value);
    }
  }
}
