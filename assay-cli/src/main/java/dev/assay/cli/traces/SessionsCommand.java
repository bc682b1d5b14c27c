package dev.assay.cli.traces;

import picocli.CommandLine.Command;

/** {@code assay sessions}: the conversations of a project, over {@code /v2/sessions}. */
@Command(
    name = "sessions",
    mixinStandardHelpOptions = true,
    description = "List and show the sessions (conversations) of a project. --project names it (name or id); "
        + "--filter keeps the sessions with at least one matching span (default window: the last week).",
    subcommands = {SessionsListCommand.class, SessionsGetCommand.class})
public final class SessionsCommand {}
