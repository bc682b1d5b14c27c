package dev.assay.cli.experiments;

import picocli.CommandLine.Command;

/** {@code assay experiments}: run, list, show, compare and export experiments (branch wt/experiments-api). */
@Command(name = "experiments", mixinStandardHelpOptions = true,
    description = "Run a dataset through a prompt, an HTTP endpoint or a command, score it, compare and gate.")
public final class ExperimentsCommand {
  private ExperimentsCommand() {}
}
