package dev.assay.cli.traces;

import picocli.CommandLine.Command;

/** {@code assay traces}: the traces of a project, over {@code /v2/traces}. */
@Command(
    name = "traces",
    mixinStandardHelpOptions = true,
    description = "List, show (as a span tree) and export the traces of a project. --project names it (name or id); "
        + "--filter keeps the traces with at least one matching span; --start-time/--end-time bound the trace's start "
        + "(default window: the last week).",
    subcommands = {TracesListCommand.class, TracesGetCommand.class, TracesExportCommand.class})
public final class TracesCommand {}
