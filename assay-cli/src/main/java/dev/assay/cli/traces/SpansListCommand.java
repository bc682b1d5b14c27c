package dev.assay.cli.traces;

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
    description = "List spans, newest first. Tables show ids, name, kind, status, start and latency; -o json shows whole spans.")
public final class SpansListCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin QueryOptions query;
  @Mixin OutputOptions output;
  @Mixin LimitOptions limit;

  @Option(names = "--all", description = "Every matching span, following the pages (ignores --limit).")
  boolean all;

  @Override
  public Integer call() {
    int max = all ? Integer.MAX_VALUE : limit.value();
    try (ApiClient api = client.client()) {
      ApiClient.Listing listing = api.listPosted("/v2/spans", query.body(api, client), "spans", max, 500);
      Output out = output.output();
      if (out.format() == OutputFormat.JSON || out.format() == OutputFormat.JSONL) {
        out.list(listing.items(), Rows.SPAN_COLUMNS);
      } else {
        out.list(listing.items().stream().map(Rows::span).toList(), Rows.SPAN_COLUMNS);
      }
      limit.noteTruncation(listing, "spans");
    }
    return ExitCodes.OK;
  }
}
