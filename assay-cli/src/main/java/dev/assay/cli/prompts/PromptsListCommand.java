package dev.assay.cli.prompts;

import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LimitOptions;
import dev.assay.cli.NameFilterOptions;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List prompts.")
public final class PromptsListCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin LimitOptions limit;
  @Mixin NameFilterOptions filter;

  @Override
  public Integer call() {
    try (ApiClient api = client.client()) {
      ApiClient.Listing listing = api.list("/v2/prompts", filter.query(client), "prompts", limit.value());
      output.output().listNarrowTable(listing.items(), PromptsCommand.COLUMNS);
      limit.noteTruncation(listing, "prompts");
    }
    return ExitCodes.OK;
  }
}
