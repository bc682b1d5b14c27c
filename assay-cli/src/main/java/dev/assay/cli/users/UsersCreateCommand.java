package dev.assay.cli.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.auth.AccountRole;
import dev.assay.cli.CliEnvironment;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.SecretInput;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.Output;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "create", mixinStandardHelpOptions = true,
    description = {"Create a user (account admins). With --password-stdin the password is read from stdin; otherwise "
        + "the server makes a temporary one, printed once (alone on stdout in table output, as temporary_password "
        + "with -o json), which the user must change at the first sign-in.",
        "A new MEMBER has no space yet: give it one with `assay users grant`."})
public final class UsersCreateCommand implements Callable<Integer> {
  private final CliEnvironment env;

  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Option(names = "--email", required = true, paramLabel = "EMAIL", description = "Email, used to sign in.")
  String email;

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "Display name.")
  String name;

  @Option(names = "--role", paramLabel = "ROLE", defaultValue = "MEMBER",
      description = "Account role: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  AccountRole role;

  @Option(names = "--password-stdin", description = "Read the password (12 to 256 characters) from stdin.")
  boolean passwordStdin;

  UsersCreateCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    ObjectNode body = ApiClient.object().put("name", name).put("email", email.strip());
    body.putObject("role").put("type", "PREDEFINED").put("name", role.name());
    if (passwordStdin) {
      body.put("invite_mode", "NONE").put("password", SecretInput.stdinLine(env, "the new user's password"));
    } else {
      body.put("invite_mode", "TEMPORARY_PASSWORD");
    }
    try (ApiClient api = client.client()) {
      JsonNode answer = api.post("/v2/users", body);
      JsonNode user = UsersCommand.user(answer);
      Output out = output.output();
      if (answer.hasNonNull("temporary_password")) {
        UsersCommand.printTemporaryPassword(out, spec.commandLine().getErr(), spec.commandLine().getOut(), answer, user,
            "Created");
      } else {
        out.item(UsersCommand.row(out, user), UsersCommand.COLUMNS);
      }
    }
    return ExitCodes.OK;
  }
}
