package dev.assay.cli.webhooks;

import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "get", mixinStandardHelpOptions = true,
    description = "Show one webhook (its token and header values are never shown).")
public final class WebhooksGetCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "WEBHOOK", description = "Webhook name or id.")
  String webhook;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Override
  public Integer call() {
    try (ApiClient api = client.client()) {
      output.output().itemNarrowTable(WebhooksCommand.resolve(api, webhook, client.space(space)), WebhooksCommand.COLUMNS);
    }
    return ExitCodes.OK;
  }
}
