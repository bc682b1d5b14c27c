package dev.assay.cli.experiments;

import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.client.ApiClient;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Download an experiment's runs with their evaluations: json ({experiment, runs}), jsonl (a run per "
        + "line) or csv (a column per evaluator's score, label and verdict). To stdout unless --file.",
        "Example: assay experiments export nightly-42 --format csv --file runs.csv"})
public final class ExperimentsExportCommand implements Callable<Integer> {
  enum Format { json, jsonl, csv }

  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Mixin ExperimentLookup lookup;

  @Parameters(paramLabel = "EXPERIMENT", description = "Experiment name or id.")
  String experiment;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--file", paramLabel = "FILE", description = "Write to FILE instead of stdout.")
  Path file;

  @Override
  public Integer call() throws IOException {
    try (ApiClient api = client.client()) {
      String id = lookup.experiment(api, client, experiment).path("id").asText();
      String path = ExperimentsCommand.path(id) + "/export";
      if (file == null) {
        var out = new java.io.ByteArrayOutputStream();
        api.download(path, Map.of("format", format.name()), out);
        spec.commandLine().getOut().print(out.toString(java.nio.charset.StandardCharsets.UTF_8));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
      }
      Path target = client.environment().resolve(file.toString());
      Path partial = target.resolveSibling(target.getFileName() + ".part");
      long bytes;
      try (OutputStream out = Files.newOutputStream(partial)) {
        bytes = api.download(path, Map.of("format", format.name()), out);
      } catch (CliException e) {
        Files.deleteIfExists(partial);
        throw e;
      }
      Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      spec.commandLine().getErr().println("Wrote " + bytes + " bytes to " + target + ".");
      spec.commandLine().getErr().flush();
    }
    return ExitCodes.OK;
  }
}
