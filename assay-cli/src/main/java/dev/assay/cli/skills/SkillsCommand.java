package dev.assay.cli.skills;

import picocli.CommandLine.Command;

/** {@code assay skills}: the Agent Skills bundled with the CLI, and their installation for coding agents. */
@Command(
    name = "skills",
    mixinStandardHelpOptions = true,
    description = "List the Agent Skills bundled with assay and install them for a coding agent "
        + "(Claude Code, Cursor, Codex, Windsurf), so it knows how to use Assay.",
    subcommands = {SkillsListCommand.class, SkillsInstallCommand.class})
public final class SkillsCommand {}
