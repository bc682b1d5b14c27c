package dev.assay.cli.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.webhooks.WebhookAuthType;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "update", mixinStandardHelpOptions = true,
    description = {"Change a webhook: only the options given change. --header/--header-env replace the whole header map; "
        + "--clear-headers removes it. --auth-type NONE drops the token.",
        "Example: assay webhooks update alerts --endpoint https://hooks.example.com/v2 --timeout-ms 5000"})
public final class WebhooksUpdateCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin WebhookSecretOptions secrets;

  @Parameters(paramLabel = "WEBHOOK", description = "Webhook name or id.")
  String webhook;

  @Option(names = "--name", paramLabel = "NAME", description = "A new name.")
  String name;

  @Option(names = "--endpoint", paramLabel = "URL", description = "A new URL to deliver to.")
  String url;

  @Option(names = "--auth-type", paramLabel = "TYPE", description = "${COMPLETION-CANDIDATES}.")
  WebhookAuthType authType;

  @Option(names = "--clear-headers", description = "Remove every custom header.")
  boolean clearHeaders;

  @Option(names = "--timeout-ms", paramLabel = "MS", description = "How long one attempt may take, 1000-60000.")
  Integer timeoutMs;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Override
  public Integer call() {
    ObjectNode body = ApiClient.object();
    if (name != null) {
      body.put("name", name);
    }
    if (url != null) {
      body.put("url", url);
    }
    if (authType != null) {
      body.put("auth_type", authType.name());
    }
    String token = secrets.token(client);
    if (token != null) {
      body.put("auth_token", token);
    }
    if (clearHeaders && secrets.hasHeaders()) {
      throw CliException.usage("--clear-headers cannot be combined with --header or --header-env");
    }
    if (clearHeaders) {
      body.putNull("headers");
    } else if (secrets.hasHeaders()) {
      secrets.putHeaders(client, body);
    }
    if (timeoutMs != null) {
      body.put("timeout_ms", timeoutMs);
    }
    if (body.isEmpty()) {
      throw CliException.usage("nothing to update: give --name, --endpoint, --auth-type, --auth-token-env, --auth-token-stdin, "
          + "--header, --header-env, --clear-headers or --timeout-ms");
    }
    String spaceRef = client.space(space);
    try (ApiClient api = client.client()) {
      JsonNode found = WebhooksCommand.resolve(api, webhook, spaceRef);
      output.output().itemNarrowTable(api.patch(WebhooksCommand.path(found.path("id").asText()), Map.of(), body),
          WebhooksCommand.COLUMNS);
    }
    return ExitCodes.OK;
  }
}
