package dev.assay.cli.datasets;

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
    description = {"Delete a dataset with every version and example.",
        "Asks for confirmation at a terminal; elsewhere (scripts, agents) it refuses with exit 2 unless --force is given."})
public final class DatasetsDeleteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "DATASET", description = "Dataset name or id.")
  String dataset;

  @Option(names = {"-f", "--force"}, description = "Delete without asking.")
  boolean force;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Override
  public Integer call() {
    return ConfirmedDelete.run(client, spec.commandLine().getErr(), force, "dataset", dataset,
        (api, ref) -> DatasetsCommand.dataset(api, client, space, ref), DatasetsCommand::path, Map.of());
  }
}
