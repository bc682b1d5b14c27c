package dev.assay.cli;

import picocli.CommandLine;

/** Entry point of {@code assay} (the jar's Main-Class). */
public final class AssayMain {
  private AssayMain() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The full command tree over the process's environment, with Assay's failure handling. */
  public static CommandLine commandLine() {
    return commandLine(CliEnvironment.system());
  }

  /** The full command tree over {@code environment}; tests execute it in-process. */
  public static CommandLine commandLine(CliEnvironment environment) {
    CommandLine commandLine = new CommandLine(new AssayCommand(), new CommandFactory(environment))
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(new FailureHandler())
        .setParameterExceptionHandler(new UsageErrorHandler());
    shareVersion(commandLine, commandLine.getCommandSpec().versionProvider());
    return commandLine;
  }

  /** Every command has --version (from mixinStandardHelpOptions); all of them print assay's. */
  private static void shareVersion(CommandLine commandLine, CommandLine.IVersionProvider version) {
    commandLine.getCommandSpec().versionProvider(version);
    commandLine.getSubcommands().values().forEach(sub -> shareVersion(sub, version));
  }
}
