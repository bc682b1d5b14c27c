package dev.assay.cli.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LimitOptions;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "deliveries", mixinStandardHelpOptions = true,
    description = "List a webhook's deliveries, newest first: event, SUCCEEDED or FAILED, HTTP status, attempts, duration, error.")
public final class WebhooksDeliveriesCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin LimitOptions limit;

  @Parameters(paramLabel = "WEBHOOK", description = "Webhook name or id.")
  String webhook;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Override
  public Integer call() {
    int max = limit.value();
    try (ApiClient api = client.client()) {
      JsonNode found = WebhooksCommand.resolve(api, webhook, client.space(space));
      ApiClient.Listing listing = api.list(WebhooksCommand.path(found.path("id").asText()) + "/deliveries", Map.of(),
          "deliveries", max);
      output.output().list(listing.items(), WebhooksCommand.DELIVERY_COLUMNS);
      limit.noteTruncation(listing, "deliveries");
    }
    return ExitCodes.OK;
  }
}
