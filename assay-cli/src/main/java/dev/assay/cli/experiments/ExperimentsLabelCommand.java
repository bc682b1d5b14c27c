package dev.assay.cli.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "label", mixinStandardHelpOptions = true,
    description = {"Add or remove an experiment's labels. A label names one experiment per dataset (e.g. main, "
        + "production): adding it here moves it from the dataset's other experiment, so `--baseline main` always means "
        + "the current one.",
        "Example: assay experiments label nightly-42 main"})
public final class ExperimentsLabelCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin ExperimentLookup lookup;

  @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "Experiment name or id.")
  String experiment;

  @Parameters(index = "1..*", paramLabel = "LABEL", description = "Labels to add.")
  List<String> add = List.of();

  @Option(names = "--remove", paramLabel = "LABEL", description = "A label to remove (repeatable).")
  List<String> remove = List.of();

  @Override
  public Integer call() {
    if (add.isEmpty() && remove.isEmpty()) {
      throw CliException.usage("give labels to add, or --remove LABEL");
    }
    try (ApiClient api = client.client()) {
      JsonNode found = lookup.experiment(api, client, experiment);
      Set<String> labels = new LinkedHashSet<>(ExperimentsCommand.strings(found.path("labels")));
      labels.addAll(add);
      labels.removeAll(remove);
      ObjectNode body = ApiClient.object();
      ArrayNode array = body.putArray("labels");
      labels.forEach(array::add);
      ExperimentsCommand.printExperiment(output.output(),
          api.put(ExperimentsCommand.path(found.path("id").asText()) + "/labels", Map.of(), body));
    }
    return ExitCodes.OK;
  }
}
