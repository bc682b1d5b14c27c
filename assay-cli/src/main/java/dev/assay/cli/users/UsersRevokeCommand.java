package dev.assay.cli.users;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.client.ApiClient;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "revoke", mixinStandardHelpOptions = true,
    description = "Take a user's role in a space away (space admins); the user keeps its account and other spaces.")
public final class UsersRevokeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "USER", description = "Email or id.")
  String user;

  @Option(names = "--space", required = true, paramLabel = "SPACE", description = "Space name or id.")
  String space;

  @Override
  public Integer call() {
    try (ApiClient api = client.client()) {
      JsonNode found = UserRef.find(api, user);
      JsonNode spaceNode = api.get("/v2/spaces/" + ApiClient.segment(space), Map.of());
      api.delete("/v2/spaces/" + ApiClient.segment(spaceNode.path("id").asText()) + "/users/"
          + ApiClient.segment(found.path("id").asText()), Map.of());
      PrintWriter err = spec.commandLine().getErr();
      err.println("Removed " + found.path("email").asText() + " from space '" + spaceNode.path("name").asText() + "'.");
      err.flush();
    }
    return ExitCodes.OK;
  }
}
