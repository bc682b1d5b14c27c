package dev.assay.cli.traces;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.Output;
import dev.assay.cli.output.OutputFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "get", mixinStandardHelpOptions = true,
    description = "Show one span, whole (no preview cut). A table lists its fields, then one row per attribute.")
public final class SpansGetCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "SPAN_ID", description = "The span id (16 hex digits).")
  String spanId;

  @Mixin ProjectOption project;

  @Option(names = "--trace-id", paramLabel = "TRACE_ID", description = "The span's trace, when span ids repeat across traces.")
  String traceId;

  @Override
  public Integer call() {
    try (ApiClient api = client.client()) {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("project_id", project.projectId(api, client));
      query.put("trace_id", traceId);
      JsonNode span = api.get("/v2/spans/" + ApiClient.segment(spanId), query);
      Output out = output.output();
      if (out.format() == OutputFormat.JSON || out.format() == OutputFormat.JSONL) {
        out.item(span, Rows.SPAN_COLUMNS);
      } else {
        out.list(Rows.fields(span), Rows.FIELD_COLUMNS);
      }
    }
    return ExitCodes.OK;
  }
}
