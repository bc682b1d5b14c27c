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

@Command(name = "list", mixinStandardHelpOptions = true, description = "List sessions, newest first, with their roll-ups.")
public final class SessionsListCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin QueryOptions query;
  @Mixin OutputOptions output;
  @Mixin LimitOptions limit;

  @Option(names = "--all", description = "Every matching session, following the pages (ignores --limit).")
  boolean all;

  @Override
  public Integer call() {
    int max = all ? Integer.MAX_VALUE : limit.value();
    try (ApiClient api = client.client()) {
      ApiClient.Listing listing = api.listPosted("/v2/sessions", query.body(api, client), "sessions", max, 100);
      Output out = output.output();
      if (out.format() == OutputFormat.JSON || out.format() == OutputFormat.JSONL) {
        out.list(listing.items(), Rows.SESSION_COLUMNS);
      } else {
        out.list(listing.items().stream().map(s -> Rows.pick(s, Rows.SESSION_COLUMNS)).toList(), Rows.SESSION_COLUMNS);
      }
      limit.noteTruncation(listing, "sessions");
    }
    return ExitCodes.OK;
  }
}
