package dev.assay.webhooks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decrypted secrets of a webhook, held only while a delivery is sent or a change is merged. {@link #toString()}
 * hides them.
 *
 * @param authToken the bearer token or HMAC key; null when the webhook has none
 * @param headers extra request headers in the order given (names and values)
 */
public record WebhookSecrets(String authToken, Map<String, String> headers) {
  public static final WebhookSecrets NONE = new WebhookSecrets(null, Map.of());

  public WebhookSecrets {
    headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  boolean isEmpty() {
    return authToken == null && headers.isEmpty();
  }

  @Override
  public String toString() {
    return "WebhookSecrets[authToken=" + (authToken == null ? "none" : "********") + ", headers=" + headers.keySet() + "]";
  }
}
