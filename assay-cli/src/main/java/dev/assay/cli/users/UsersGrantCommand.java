package dev.assay.cli.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.auth.SpaceRole;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.Output;
import dev.assay.cli.output.OutputFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "grant", mixinStandardHelpOptions = true,
    description = "Give a user a role in a space, or change the role it has there (space admins).")
public final class UsersGrantCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "USER", description = "Email or id.")
  String user;

  @Option(names = "--space", required = true, paramLabel = "SPACE", description = "Space name or id.")
  String space;

  @Option(names = "--role", required = true, paramLabel = "ROLE",
      description = "ADMIN (manages the space), MEMBER (writes data) or VIEWER (reads).")
  SpaceRole role;

  @Override
  public Integer call() {
    try (ApiClient api = client.client()) {
      JsonNode found = UserRef.find(api, user);
      JsonNode spaceNode = api.get("/v2/spaces/" + ApiClient.segment(space), Map.of());
      ObjectNode body = ApiClient.object().put("user_id", found.path("id").asText());
      body.putObject("role").put("type", "PREDEFINED").put("name", role.axName());
      JsonNode membership = api.post("/v2/spaces/" + ApiClient.segment(spaceNode.path("id").asText()) + "/users", body);
      Output out = output.output();
      out.item(out.format() == OutputFormat.JSON || out.format() == OutputFormat.JSONL ? membership
          : memberRow(found, spaceNode, membership), UsersCommand.MEMBER_COLUMNS);
    }
    return ExitCodes.OK;
  }

  static ObjectNode memberRow(JsonNode user, JsonNode space, JsonNode membership) {
    ObjectNode row = ApiClient.object();
    row.put("email", user.path("email").asText(""));
    row.put("user_id", user.isObject() ? user.path("id").asText() : membership.path("user_id").asText());
    row.put("space", space.path("name").asText());
    row.put("space_id", space.path("id").asText());
    SpaceRole role = SpaceRole.parse(membership.path("role").path("name").asText(null));
    row.put("role", role == null ? membership.path("role").path("name").asText("") : role.name());
    return row;
  }
}
