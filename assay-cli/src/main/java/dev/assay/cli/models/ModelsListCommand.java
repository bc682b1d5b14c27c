package dev.assay.cli.models;

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
    description = "List model configs. API keys are never shown: has_api_key says whether one is set.")
public final class ModelsListCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin LimitOptions limit;
  @Mixin NameFilterOptions filter;

  @Override
  public Integer call() {
    int max = limit.value();
    try (ApiClient api = client.client()) {
      ApiClient.Listing listing = api.list("/v2/ai-integrations", filter.query(client), "ai_integrations", max);
      output.output().listNarrowTable(listing.items(), ModelsCommand.COLUMNS);
      limit.noteTruncation(listing, "model configs");
    }
    return ExitCodes.OK;
  }
}
