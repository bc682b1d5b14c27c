package dev.assay.cli.datasets;

import picocli.CommandLine.Command;

/** {@code assay datasets}: datasets with immutable versions over {@code /v2} (branch wt/datasets adds the verbs). */
@Command(name = "datasets", mixinStandardHelpOptions = true,
    description = "Create, upload, list, show, change, export and delete datasets and their examples.")
public final class DatasetsCommand {
  private DatasetsCommand() {}
}
