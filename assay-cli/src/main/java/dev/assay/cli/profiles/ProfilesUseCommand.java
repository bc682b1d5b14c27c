package dev.assay.cli.profiles;

import dev.assay.cli.CliEnvironment;
import dev.assay.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "use", mixinStandardHelpOptions = true, description = "Make a profile the active one.")
public final class ProfilesUseCommand implements Callable<Integer> {
  private final CliEnvironment env;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NAME", description = "The profile.")
  String name;

  ProfilesUseCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    ProfileStore store = new ProfileStore(env.configDir());
    ProfilesFile file = store.load();
    ProfileStore.require(file, name, store.file());
    store.save(file.withActive(name));
    PrintWriter err = spec.commandLine().getErr();
    err.println("Active profile: " + name);
    err.flush();
    return ExitCodes.OK;
  }
}
