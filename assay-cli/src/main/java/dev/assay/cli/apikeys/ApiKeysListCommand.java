package dev.assay.cli.apikeys;

import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LimitOptions;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.spaces.SpaceRef;
import dev.assay.cli.users.UserRef;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List API keys: yours and the service keys you created (an account admin sees every key).")
public final class ApiKeysListCommand implements Callable<Integer> {
  enum KeyType { USER, SERVICE }

  enum Status { ACTIVE, REVOKED }

  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin LimitOptions limit;

  @Option(names = "--type", paramLabel = "TYPE", description = "Only USER or SERVICE keys.")
  KeyType type;

  @Option(names = "--status", paramLabel = "STATUS", description = "Only ACTIVE or REVOKED keys.")
  Status status;

  @Option(names = "--space", paramLabel = "SPACE",
      description = "Only service keys with access to this space (name or id).")
  String space;

  @Option(names = "--user", paramLabel = "USER", description = "Only keys of this user (email or id; account admins).")
  String user;

  @Override
  public Integer call() {
    int max = limit.value();
    try (ApiClient api = client.client()) {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("key_type", type == null ? null : type.name());
      query.put("status", status == null ? null : status.name());
      query.put("space_id", space == null ? null : SpaceRef.id(api, space));
      query.put("user_id", user == null ? null : UserRef.id(api, user));
      ApiClient.Listing listing = api.list("/v2/api-keys", query, "api_keys", max);
      output.output().listNarrowTable(listing.items(), ApiKeysCommand.COLUMNS);
      limit.noteTruncation(listing, "API keys");
    }
    return ExitCodes.OK;
  }
}
