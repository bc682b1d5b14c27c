package dev.assay.cli.traces;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LimitOptions;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.Output;
import dev.assay.cli.output.OutputFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List traces, newest first, with their roll-ups (root name, span and error counts, latency, tokens, cost).")
public final class TracesListCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin QueryOptions query;
  @Mixin OutputOptions output;
  @Mixin LimitOptions limit;

  @Option(names = "--all", description = "Every matching trace, following the pages (ignores --limit).")
  boolean all;

  @Option(names = "--with-spans", description = "Include each trace's spans (up to 1,000) in JSON output.")
  boolean withSpans;

  @Override
  public Integer call() {
    int max = all ? Integer.MAX_VALUE : limit.value();
    try (ApiClient api = client.client()) {
      ObjectNode body = query.body(api, client).put("include_spans", withSpans);
      ApiClient.Listing listing = api.listPosted("/v2/traces", body, "traces", max, 50);
      Output out = output.output();
      if (out.format() == OutputFormat.JSON || out.format() == OutputFormat.JSONL) {
        out.list(listing.items(), Rows.TRACE_COLUMNS);
      } else {
        out.list(listing.items().stream().map(t -> Rows.pick(t, Rows.TRACE_COLUMNS)).toList(), Rows.TRACE_COLUMNS);
      }
      limit.noteTruncation(listing, "traces");
    }
    return ExitCodes.OK;
  }
}
