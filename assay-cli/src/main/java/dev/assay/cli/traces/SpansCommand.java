package dev.assay.cli.traces;

import picocli.CommandLine.Command;

/** {@code assay spans}: the spans of a project, over {@code /v2/spans}. */
@Command(
    name = "spans",
    mixinStandardHelpOptions = true,
    description = "List, show and export the spans of a project. --project names it (name or id); --filter, "
        + "--start-time and --end-time choose the spans (default window: the last week).",
    subcommands = {SpansListCommand.class, SpansGetCommand.class, SpansExportCommand.class})
public final class SpansCommand {}
