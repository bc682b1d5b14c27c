package dev.assay.cli.users;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LimitOptions;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.Output;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List users (account admins).")
public final class UsersListCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin LimitOptions limit;

  @Option(names = "--email", paramLabel = "EMAIL", description = "Only the user with this email.")
  String email;

  @Override
  public Integer call() {
    int max = limit.value();
    try (ApiClient api = client.client()) {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("email", email);
      ApiClient.Listing listing = api.list("/v2/users", query, "users", max);
      Output out = output.output();
      out.list(listing.items().stream().map(u -> UsersCommand.row(out, u)).toList(), UsersCommand.COLUMNS);
      limit.noteTruncation(listing, "users");
    }
    return ExitCodes.OK;
  }
}
