package dev.assay.cli.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "reset-password", mixinStandardHelpOptions = true,
    description = "Give a user a new temporary password (account admins), printed once; the old one stops working and "
        + "the user must choose a new one at the next sign-in.")
public final class UsersResetPasswordCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "USER", description = "Email or id.")
  String user;

  @Override
  public Integer call() {
    try (ApiClient api = client.client()) {
      JsonNode found = UserRef.find(api, user);
      JsonNode answer = api.post(UsersCommand.path(found.path("id").asText()) + "/reset-password", ApiClient.object());
      ObjectNode shown = ApiClient.object();
      shown.set("user", found);
      shown.set("temporary_password", answer.path("temporary_password"));
      UsersCommand.printTemporaryPassword(output.output(), spec.commandLine().getErr(), spec.commandLine().getOut(),
          shown, found, "New password for");
    }
    return ExitCodes.OK;
  }
}
