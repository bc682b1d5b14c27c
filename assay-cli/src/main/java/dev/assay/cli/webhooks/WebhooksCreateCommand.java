package dev.assay.cli.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.webhooks.WebhookAuthType;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assay webhooks create}: the AX CLI's options, with the token from the environment or stdin. */
@Command(name = "create", mixinStandardHelpOptions = true,
    description = {"Create a webhook. BEARER sends `Authorization: Bearer <token>`; HMAC_SHA256 signs each delivery "
        + "with the token as the secret: X-Assay-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t.body)>.",
        "Example: WEBHOOK_SECRET=… assay webhooks create alerts --endpoint https://hooks.example.com/assay "
            + "--auth-type HMAC_SHA256 --auth-token-env WEBHOOK_SECRET"})
public final class WebhooksCreateCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin WebhookSecretOptions secrets;

  @Parameters(paramLabel = "NAME", description = "The webhook's name (unique per space).")
  String name;

  @Option(names = "--endpoint", required = true, paramLabel = "URL",
      description = "The http(s) URL deliveries are POSTed to (the AX CLI's --url; here --url names the Assay server).")
  String url;

  @Option(names = "--auth-type", paramLabel = "TYPE", defaultValue = "NONE",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); BEARER and HMAC_SHA256 need a token.")
  WebhookAuthType authType;

  @Option(names = "--timeout-ms", paramLabel = "MS", description = "How long one attempt may take, 1000-60000 (default 30000).")
  Integer timeoutMs;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to create it in (name or id; default: the "
      + "profile's space, else the default space).")
  String space;

  @Override
  public Integer call() {
    ObjectNode body = ApiClient.object().put("name", name).put("url", url).put("auth_type", authType.name());
    String token = secrets.token(client);
    if (token != null) {
      body.put("auth_token", token);
    }
    if (secrets.hasHeaders()) {
      secrets.putHeaders(client, body);
    }
    if (timeoutMs != null) {
      body.put("timeout_ms", timeoutMs);
    }
    String spaceRef = client.space(space);
    if (spaceRef != null) {
      body.put("space_id", spaceRef);
    }
    try (ApiClient api = client.client()) {
      output.output().itemNarrowTable(api.post("/v2/webhooks", body), WebhooksCommand.COLUMNS);
    }
    return ExitCodes.OK;
  }
}
