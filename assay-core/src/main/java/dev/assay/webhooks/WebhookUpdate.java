package dev.assay.webhooks;

import java.util.Map;
import java.util.Optional;

/**
 * A partial change of a webhook: null fields stay unchanged. For {@code authToken} and {@code headers}, null = keep,
 * an empty Optional = remove, a value = replace; a header value equal to {@link WebhookService#MASK} keeps the stored
 * value of that header, so a webhook fetched from the API (values masked) can be edited and sent back.
 * {@link #toString()} hides the token and the header values.
 */
public record WebhookUpdate(String name, String url, WebhookAuthType authType, Optional<String> authToken,
    Optional<Map<String, String>> headers, Integer timeoutMs) {

  /** True when nothing would change. */
  public boolean isEmpty() {
    return name == null && url == null && authType == null && authToken == null && headers == null && timeoutMs == null;
  }

  @Override
  public String toString() {
    return "WebhookUpdate[name=" + name + ", url=" + url + ", authType=" + authType + ", authToken="
        + (authToken == null ? "keep" : authToken.isEmpty() ? "remove" : "********") + ", headers="
        + (headers == null ? "keep" : headers.map(Map::keySet)) + ", timeoutMs=" + timeoutMs + "]";
  }
}
