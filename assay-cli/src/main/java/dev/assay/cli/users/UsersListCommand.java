package dev.assay.cli.users;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LimitOptions;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.Output;
import dev.assay.cli.output.OutputFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List users (account admins), or with --space the members of a space and their roles.")
public final class UsersListCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin LimitOptions limit;

  @Option(names = "--email", paramLabel = "EMAIL", description = "Only the user with this email.")
  String email;

  @Option(names = "--space", paramLabel = "SPACE", description = "Instead: the members of this space (name or id) with "
      + "their roles (space viewers may list them).")
  String space;

  @Override
  public Integer call() {
    int max = limit.value();
    try (ApiClient api = client.client()) {
      if (space != null) {
        members(api, max);
        return ExitCodes.OK;
      }
      Map<String, String> query = new LinkedHashMap<>();
      query.put("email", email);
      ApiClient.Listing listing = api.list("/v2/users", query, "users", max);
      Output out = output.output();
      out.list(listing.items().stream().map(u -> UsersCommand.row(out, u)).toList(), UsersCommand.COLUMNS);
      limit.noteTruncation(listing, "users");
    }
    return ExitCodes.OK;
  }

  /** The space's memberships; a member's email shows where the caller may read that user. */
  private void members(ApiClient api, int max) {
    JsonNode found = api.get("/v2/spaces/" + ApiClient.segment(space), Map.of());
    ApiClient.Listing listing = api.list("/v2/spaces/" + ApiClient.segment(found.path("id").asText()) + "/users",
        Map.of(), "users", max);
    Output out = output.output();
    out.list(listing.items().stream().map(m -> out.format() == OutputFormat.JSON || out.format() == OutputFormat.JSONL
        ? m : UsersGrantCommand.memberRow(m.path("user"), found, m)).toList(), UsersCommand.MEMBER_COLUMNS);
    limit.noteTruncation(listing, "members");
  }
}
