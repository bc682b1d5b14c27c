package dev.assay.cli.users;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.auth.AccountRole;
import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.Output;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "update", mixinStandardHelpOptions = true,
    description = "Change a user's name or account role (account admins; the last ADMIN cannot be made a MEMBER).")
public final class UsersUpdateCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "USER", description = "Email or id.")
  String user;

  @Option(names = "--name", paramLabel = "NAME", description = "New display name.")
  String name;

  @Option(names = "--role", paramLabel = "ROLE", description = "New account role: ${COMPLETION-CANDIDATES}.")
  AccountRole role;

  @Override
  public Integer call() {
    if (name == null && role == null) {
      throw CliException.usage("nothing to change: give --name and/or --role");
    }
    ObjectNode body = ApiClient.object();
    if (name != null) {
      body.put("name", name);
    }
    if (role != null) {
      body.putObject("role").put("type", "PREDEFINED").put("name", role.name());
    }
    try (ApiClient api = client.client()) {
      String id = UserRef.id(api, user);
      Output out = output.output();
      out.item(UsersCommand.row(out, api.patch(UsersCommand.path(id), Map.of(), body)), UsersCommand.COLUMNS);
    }
    return ExitCodes.OK;
  }
}
