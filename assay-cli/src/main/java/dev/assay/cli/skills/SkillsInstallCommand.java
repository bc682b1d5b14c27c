package dev.assay.cli.skills;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.CliEnvironment;
import dev.assay.cli.CliException;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "install", mixinStandardHelpOptions = true,
    description = {"Copy the bundled skills into the folder a coding agent reads them from: "
        + ".claude/skills, .cursor/skills, .codex/skills or .windsurf/skills in the project "
        + "(with --global: ~/.claude/skills, ~/.cursor/skills, ~/.codex/skills or ~/.codeium/windsurf/skills).",
        "A skill already there with the same content is left alone; one with different content is replaced only "
            + "with --force (otherwise nothing is written and the exit code is 2)."})
public final class SkillsInstallCommand implements Callable<Integer> {
  private final CliEnvironment env;

  @Mixin OutputOptions output;

  @Option(names = "--agent", paramLabel = "AGENT", required = true, converter = Agent.Converter.class,
      description = "The coding agent: ${COMPLETION-CANDIDATES}.")
  Agent agent;

  @Option(names = "--project-dir", paramLabel = "DIR",
      description = "The project to install into (default: the current directory).")
  String projectDir;

  @Option(names = "--global", description = "Install for every project, below the home directory.")
  boolean global;

  @Option(names = {"-f", "--force"}, description = "Replace installed skills whose content differs.")
  boolean force;

  SkillsInstallCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    if (global && projectDir != null) {
      throw CliException.usage("--global and --project-dir exclude each other: --global installs below the home directory");
    }
    Path base = global ? env.home() : projectDir == null ? env.workingDir() : env.resolve(projectDir);
    Path target = agent.skillsDir(base, global);
    List<JsonNode> rows = new SkillInstaller(target).install(SkillCatalog.bundled().skills(), force);
    output.output().list(rows, List.of("skill", "status", "path"));
    return ExitCodes.OK;
  }
}
