package dev.assay.cli.profiles;

import dev.assay.cli.CliEnvironment;
import dev.assay.cli.CliException;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.config.ConfigKey;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Show a profile (default: the active one); the API key is masked.")
public final class ProfilesShowCommand implements Callable<Integer> {
  private final CliEnvironment env;

  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "NAME", arity = "0..1", description = "The profile (default: the active one).")
  String name;

  ProfilesShowCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    ProfileStore store = new ProfileStore(env.configDir());
    ProfilesFile file = store.load();
    String shown = name != null ? name : file.active();
    if (shown == null) {
      throw CliException.notFound("no active profile in " + store.file() + "; create one with "
          + "`assay profiles create NAME --url URL`");
    }
    Profile profile = ProfileStore.require(file, shown, store.file());
    output.output().item(ProfilesCommand.row(shown, profile, shown.equals(file.active())), ProfilesCommand.COLUMNS);
    PrintWriter err = spec.commandLine().getErr();
    for (ConfigKey key : new ConfigKey[] {ConfigKey.URL, ConfigKey.API_KEY}) {
      if (env.get(key) != null) {
        err.println("note: " + key.env() + " is set in the environment and overrides this profile");
      }
    }
    err.flush();
    return ExitCodes.OK;
  }
}
