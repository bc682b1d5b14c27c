package dev.assay.cli.webhooks;

import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LimitOptions;
import dev.assay.cli.NameFilterOptions;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List webhooks by name. Tokens are never shown (has_auth_token says whether one is set); header values "
        + "read ********.")
public final class WebhooksListCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin LimitOptions limit;
  @Mixin NameFilterOptions filter;

  @Override
  public Integer call() {
    int max = limit.value();
    try (ApiClient api = client.client()) {
      ApiClient.Listing listing = api.list("/v2/webhooks", filter.query(client), "webhooks", max);
      output.output().listNarrowTable(listing.items(), WebhooksCommand.COLUMNS);
      limit.noteTruncation(listing, "webhooks");
    }
    return ExitCodes.OK;
  }
}
