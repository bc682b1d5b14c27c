package dev.assay.cli.prompts;

import picocli.CommandLine.Option;

/** Which version of a prompt a command works on: {@code --label}, {@code --version}, {@code --version-id}, else latest. */
public final class VersionSelector {
  @Option(names = "--label", paramLabel = "LABEL", description = "The version this label points at (e.g. production).")
  String label;

  @Option(names = "--version", paramLabel = "N", description = "Version number N (1, 2, …; see `versions`).")
  Integer number;

  @Option(names = "--version-id", paramLabel = "ID", description = "A version's id.")
  String versionId;

  int count() {
    return (label != null ? 1 : 0) + (number != null ? 1 : 0) + (versionId != null ? 1 : 0);
  }
}
