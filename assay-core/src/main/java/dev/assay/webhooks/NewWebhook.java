package dev.assay.webhooks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a caller gives to create a webhook. The auth token and the header values are secrets: sealed before they are
 * stored and never returned; {@link #toString()} hides them.
 *
 * @param spaceRef the space id or name; null = the default space
 * @param authType null = {@link WebhookAuthType#NONE}
 * @param authToken required for BEARER and HMAC_SHA256, refused for NONE
 * @param timeoutMs null = {@link WebhookService#DEFAULT_TIMEOUT_MS}
 */
public record NewWebhook(String spaceRef, String name, String url, WebhookAuthType authType, String authToken,
    Map<String, String> headers, Integer timeoutMs) {

  public NewWebhook {
    authType = authType == null ? WebhookAuthType.NONE : authType;
    headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  @Override
  public String toString() {
    return "NewWebhook[spaceRef=" + spaceRef + ", name=" + name + ", url=" + url + ", authType=" + authType
        + ", authToken=" + (authToken == null ? "none" : "********") + ", headers=" + headers.keySet() + ", timeoutMs="
        + timeoutMs + "]";
  }
}
