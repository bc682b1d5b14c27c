package dev.assay.cli.apikeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.traces.TimeArgument;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "refresh", mixinStandardHelpOptions = true,
    description = {"Replace a key with a new secret (same name and access) and print the new key once.",
        "The old key stops working at once, or after --grace (at most 24h). The new key keeps the old expiry unless "
            + "--expires gives an earlier one."})
public final class ApiKeysRefreshCommand implements Callable<Integer> {
  static final Duration MAX_GRACE = Duration.ofHours(24);

  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "KEY", description = "The key's name or id (never the key itself).")
  String key;

  @Option(names = "--grace", paramLabel = "DURATION", description = "How long the old key keeps working, e.g. 5m "
      + "(default: 0, revoked at once; at most 24h).")
  String grace;

  @Option(names = "--expires", paramLabel = "WHEN", description = "The new key's expiry: ISO-8601, a date, or a time "
      + "from now such as 30d.")
  String expires;

  @Override
  public Integer call() {
    ObjectNode body = ApiClient.object();
    if (grace != null) {
      Duration length = TimeArgument.length("--grace", grace);
      if (length.compareTo(MAX_GRACE) > 0) {
        throw CliException.usage("--grace is at most 24h, got " + grace);
      }
      body.put("grace_period_seconds", length.toSeconds());
    }
    String expiresAt = TimeArgument.future("--expires", expires, Instant.now());
    try (ApiClient api = client.client()) {
      JsonNode found = ApiKeysCommand.find(api, key);
      // A refresh may not lengthen a key's life; without --expires the new secret keeps the old expiry.
      String keptExpiry = found.path("expires_at").asText(null);
      if (expiresAt != null || keptExpiry != null) {
        body.put("expires_at", expiresAt != null ? expiresAt : keptExpiry);
      }
      JsonNode refreshed = api.post("/v2/api-keys/" + ApiClient.segment(found.path("id").asText()) + "/refresh", body);
      ApiKeysCommand.printCreated(output.output(), spec.commandLine().getErr(), spec.commandLine().getOut(), refreshed,
          "Refreshed");
    }
    return ExitCodes.OK;
  }
}
