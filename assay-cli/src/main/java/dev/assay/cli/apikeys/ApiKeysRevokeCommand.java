package dev.assay.cli.apikeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "revoke", mixinStandardHelpOptions = true,
    description = "Revoke an API key: every request with it is refused from now on (it stays listed as REVOKED).")
public final class ApiKeysRevokeCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "KEY", description = "The key's name or id (never the key itself).")
  String key;

  @Override
  public Integer call() {
    try (ApiClient api = client.client()) {
      JsonNode found = ApiKeysCommand.find(api, key);
      JsonNode revoked = api.post("/v2/api-keys/" + ApiClient.segment(found.path("id").asText()) + "/revoke",
          ApiClient.object());
      // AX answers with the revoked key; should a server answer 204, show what was revoked.
      JsonNode shown = revoked.isObject() ? revoked : ((ObjectNode) found.deepCopy()).put("status", "REVOKED");
      output.output().itemNarrowTable(shown, ApiKeysCommand.COLUMNS);
    }
    return ExitCodes.OK;
  }
}
