package dev.assay.cli.users;

import dev.assay.cli.ClientOptions;
import dev.assay.cli.ConfirmedDelete;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "delete", mixinStandardHelpOptions = true,
    description = {"Delete a user (account admins): its API keys, sessions and space roles go with it. Not yourself, "
        + "not the last ADMIN.",
        "Asks for confirmation at a terminal; elsewhere (scripts, agents) it refuses with exit 2 unless --force is given."})
public final class UsersDeleteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "USER", description = "Email or id.")
  String user;

  @Option(names = {"-f", "--force"}, description = "Delete without asking.")
  boolean force;

  @Override
  public Integer call() {
    return ConfirmedDelete.run(client, spec.commandLine().getErr(), force, "user", user, UserRef::find,
        UsersCommand::path, Map.of());
  }
}
