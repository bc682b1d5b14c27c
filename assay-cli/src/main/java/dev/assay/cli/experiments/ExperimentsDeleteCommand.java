package dev.assay.cli.experiments;

import dev.assay.cli.ClientOptions;
import dev.assay.cli.ConfirmedDelete;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "delete", mixinStandardHelpOptions = true,
    description = {"Delete an experiment, its runs and their evaluations (its trace project stays).",
        "Asks for confirmation at a terminal; elsewhere it refuses with exit 2 unless --force is given."})
public final class ExperimentsDeleteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Mixin ExperimentLookup lookup;

  @Parameters(paramLabel = "EXPERIMENT", description = "Experiment name or id.")
  String experiment;

  @Option(names = {"-f", "--force"}, description = "Delete without asking.")
  boolean force;

  @Override
  public Integer call() {
    return ConfirmedDelete.run(client, spec.commandLine().getErr(), force, "experiment", experiment,
        (api, ref) -> lookup.experiment(api, client, ref), ExperimentsCommand::path, Map.of());
  }
}
