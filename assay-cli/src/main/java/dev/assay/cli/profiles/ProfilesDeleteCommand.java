package dev.assay.cli.profiles;

import dev.assay.cli.CliEnvironment;
import dev.assay.cli.Confirmation;
import dev.assay.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "delete", mixinStandardHelpOptions = true,
    description = "Delete a profile (asks at a terminal; elsewhere needs --force).")
public final class ProfilesDeleteCommand implements Callable<Integer> {
  private final CliEnvironment env;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NAME", description = "The profile.")
  String name;

  @Option(names = {"-f", "--force"}, description = "Delete without asking.")
  boolean force;

  ProfilesDeleteCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    String what = "delete profile '" + name + "'";
    Confirmation.requireForceOrTerminal(env, force, what);
    ProfileStore store = new ProfileStore(env.configDir());
    ProfilesFile file = store.load();
    ProfileStore.require(file, name, store.file());
    PrintWriter err = spec.commandLine().getErr();
    if (!force) {
      Confirmation.ask(env, err, what);
    }
    store.save(file.without(name));
    err.println("Deleted profile '" + name + "'." + (name.equals(file.active()) ? " No profile is active now." : ""));
    err.flush();
    return ExitCodes.OK;
  }
}
