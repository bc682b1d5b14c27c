package dev.assay.cli.experiments;

import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "cancel", mixinStandardHelpOptions = true,
    description = "Cancel a PENDING or RUNNING experiment: runs in flight finish, nothing new starts; "
        + "`resume` picks it up again.")
public final class ExperimentsCancelCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin ExperimentLookup lookup;

  @Parameters(paramLabel = "EXPERIMENT", description = "Experiment name or id.")
  String experiment;

  @Override
  public Integer call() {
    try (ApiClient api = client.client()) {
      String id = lookup.experiment(api, client, experiment).path("id").asText();
      ExperimentsCommand.printExperiment(output.output(), api.post(ExperimentsCommand.path(id) + "/cancel",
          ApiClient.object()));
    }
    return ExitCodes.OK;
  }
}
