package dev.assay.cli.prompts;

import picocli.CommandLine.Command;

/** {@code assay prompts}: prompts, versions and labels over {@code /v2} (branch wt/prompts adds the verbs). */
@Command(name = "prompts", mixinStandardHelpOptions = true,
    description = "Create, list, show, version, label, render and run prompts.")
public final class PromptsCommand {
  private PromptsCommand() {}
}
