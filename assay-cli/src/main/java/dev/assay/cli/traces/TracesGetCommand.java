package dev.assay.cli.traces;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.Output;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "get", mixinStandardHelpOptions = true,
    description = "Show one trace. A table prints a summary line, then the span tree: names indented under their "
        + "parents, kind, latency, status and span id. -o json prints the trace with all its spans.")
public final class TracesGetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "TRACE_ID", description = "The trace id (32 hex digits).")
  String traceId;

  @Mixin ProjectOption project;

  @Override
  public Integer call() {
    try (ApiClient api = client.client()) {
      JsonNode trace = api.get("/v2/traces/" + ApiClient.segment(traceId), Map.of("project_id", project.projectId(api, client)));
      Output out = output.output();
      List<JsonNode> spans = new ArrayList<>();
      trace.path("spans").forEach(spans::add);
      List<Rows.Node> tree = Rows.tree(spans);
      switch (out.format()) {
        case JSON, JSONL -> out.item(trace, Rows.TRACE_COLUMNS);
        case CSV -> out.list(tree.stream().map(Rows::treeCsvRow).toList(), Rows.TREE_CSV_COLUMNS);
        case TABLE -> {
          PrintWriter stdout = spec.commandLine().getOut();
          stdout.print(summary(trace) + "\n\n");
          out.list(tree.stream().map(Rows::treeRow).toList(), Rows.TREE_COLUMNS);
          if (trace.path("spans_truncated").asBoolean(false)) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("note: the trace has more spans than shown; use `assay traces export` for all of them");
            err.flush();
          }
        }
      }
    }
    return ExitCodes.OK;
  }

  /** e.g. "trace 0af7… agent: 3 spans, 1 error, 9 ms, 150 tokens, cost 0.0125, session s-1". */
  private static String summary(JsonNode t) {
    StringBuilder line = new StringBuilder("trace ").append(t.path("trace_id").asText());
    if (t.hasNonNull("name")) {
      line.append(' ').append(t.get("name").asText());
    }
    line.append(": ").append(t.path("span_count").asLong()).append(" spans, ")
        .append(t.path("error_count").asLong()).append(t.path("error_count").asLong() == 1 ? " error" : " errors")
        .append(", ").append(t.path("latency_ms").asText("?")).append(" ms, ")
        .append(t.path("total_tokens").asLong()).append(" tokens, cost ").append(t.path("cost_total").asText("0"));
    if (t.hasNonNull("session_id")) {
      line.append(", session ").append(t.get("session_id").asText());
    }
    return line.toString();
  }
}
