package dev.assay.cli;

import dev.assay.cli.output.Output;
import dev.assay.cli.output.OutputFormat;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code -o/--output} option of every command that prints resources, mixed into each of them. */
public final class OutputOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  /** The formatter writing to the command's stdout. */
  public Output output() {
    return new Output(mixee.commandLine().getOut(), format);
  }
}
