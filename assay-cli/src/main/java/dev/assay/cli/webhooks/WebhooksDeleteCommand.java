package dev.assay.cli.webhooks;

import dev.assay.cli.ClientOptions;
import dev.assay.cli.ConfirmedDelete;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "delete", mixinStandardHelpOptions = true,
    description = {"Delete a webhook, its stored token and its delivery log.",
        "Asks for confirmation at a terminal; elsewhere (scripts, agents) it refuses with exit 2 unless --force is given."})
public final class WebhooksDeleteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "WEBHOOK", description = "Webhook name or id.")
  String webhook;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Option(names = {"-f", "--force"}, description = "Delete without asking.")
  boolean force;

  @Override
  public Integer call() {
    String spaceRef = client.space(space);
    return ConfirmedDelete.run(client, spec.commandLine().getErr(), force, "webhook", webhook,
        (api, ref) -> WebhooksCommand.resolve(api, ref, spaceRef), WebhooksCommand::path, client.spaceQuery(space));
  }
}
