package dev.assay.cli.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "test", mixinStandardHelpOptions = true,
    description = {"Send a webhook.test event now (with the retries) and print the delivery.",
        "Exits 1 when the delivery FAILED (a non-2xx answer, no answer, or an address the server refuses), with the reason."})
public final class WebhooksTestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "WEBHOOK", description = "Webhook name or id.")
  String webhook;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Override
  public Integer call() {
    String spaceRef = client.space(space);
    try (ApiClient api = client.client()) {
      JsonNode found = WebhooksCommand.resolve(api, webhook, spaceRef);
      JsonNode delivery = api.post(WebhooksCommand.path(found.path("id").asText()) + "/test", Map.of(), ApiClient.object());
      output.output().item(delivery, WebhooksCommand.DELIVERY_COLUMNS);
      if (!"SUCCEEDED".equals(delivery.path("status").asText())) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("webhook '" + found.path("name").asText(webhook) + "' test delivery failed: "
            + delivery.path("error").asText("no reason given"));
        err.flush();
        return ExitCodes.FAILURE;
      }
    }
    return ExitCodes.OK;
  }
}
