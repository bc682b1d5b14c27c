package dev.assay.cli.users;

import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.Output;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "get", mixinStandardHelpOptions = true,
    description = "Show a user (yourself, or anyone for account admins).")
public final class UsersGetCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "USER", description = "Email or id.")
  String user;

  @Override
  public Integer call() {
    try (ApiClient api = client.client()) {
      Output out = output.output();
      out.item(UsersCommand.row(out, UserRef.find(api, user)), UsersCommand.COLUMNS);
    }
    return ExitCodes.OK;
  }
}
