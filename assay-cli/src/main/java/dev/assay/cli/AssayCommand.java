package dev.assay.cli;

import dev.assay.cli.apikeys.ApiKeysCommand;
import dev.assay.cli.auth.AuthCommand;
import dev.assay.cli.ci.EvalCommand;
import dev.assay.cli.datasets.DatasetsCommand;
import dev.assay.cli.evaluations.EvaluationsCommand;
import dev.assay.cli.evaluators.EvaluatorsCommand;
import dev.assay.cli.experiments.ExperimentsCommand;
import dev.assay.cli.models.ModelsCommand;
import dev.assay.cli.profiles.ProfilesCommand;
import dev.assay.cli.projects.ProjectsCommand;
import dev.assay.cli.prompts.PromptsCommand;
import dev.assay.cli.skills.SkillsCommand;
import dev.assay.cli.spaces.SpacesCommand;
import dev.assay.cli.tasks.TasksCommand;
import dev.assay.cli.traces.SessionsCommand;
import dev.assay.cli.traces.SpansCommand;
import dev.assay.cli.traces.TracesCommand;
import dev.assay.cli.webhooks.WebhooksCommand;
import dev.assay.cli.users.UsersCommand;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The top command, {@code assay}: prints usage when run without a subcommand. */
@Command(
    name = "assay",
    mixinStandardHelpOptions = true,
    versionProvider = AssayCommand.Version.class,
    description = {"Assay: evaluate LLM applications and agents from their traces.",
        "Commands are `assay <noun> <verb>`; names or ids are accepted wherever a resource is named. The server "
            + "comes from --url, ASSAY_URL or a profile (see `assay profiles --help`)."},
    subcommands = {ServerCommand.class, ProjectsCommand.class, SpacesCommand.class, TracesCommand.class, SpansCommand.class,
        SessionsCommand.class, EvaluatorsCommand.class, TasksCommand.class,
        DatasetsCommand.class, PromptsCommand.class, ExperimentsCommand.class, EvalCommand.class, ModelsCommand.class, EvaluationsCommand.class, AuthCommand.class,
        UsersCommand.class, ApiKeysCommand.class, WebhooksCommand.class, ProfilesCommand.class,
        SkillsCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "1:failure (a failed request or check, bad configuration, the server could not start, an unexpected error)",
        "2:usage error (unknown command or option, missing value; a delete or overwrite without --force where "
            + "nobody can confirm)",
        "3:not found (project, space, profile, trace, span, session, evaluator, template, model config, task, run, webhook)",
        "4:the Assay server could not be reached (not running, wrong URL, no answer)",
        "5:authentication failed (the server refused the API key or the password, or the role is too low)",
        "6:a waited-for task run FAILED",
        "7:a waited-for task run was CANCELLED",
        "8:timed out waiting for a task run (it goes on; see `assay tasks wait-for-run`)",
    })
public final class AssayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CommandLine commandLine = spec.commandLine();
    commandLine.getErr().println("assay: a command is required");
    commandLine.usage(commandLine.getErr());
    return ExitCodes.USAGE;
  }

  /** The version Maven wrote into the jar; "development build" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    private static final String POM_PROPERTIES = "/META-INF/maven/dev.assay/assay-cli/pom.properties";

    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = AssayCommand.class.getResourceAsStream(POM_PROPERTIES)) {
        if (in != null) {
          properties.load(in);
        }
      }
      String version = properties.getProperty("version", "development build");
      return new String[] {"assay " + version, "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
    }
  }
}
