package dev.assay.webhooks;

import java.time.Instant;
import java.util.List;

/**
 * A stored webhook: a notification channel (DESIGN §6) that monitors send alerts through. The auth token and the
 * header values are kept encrypted and are not part of this record: only whether a token is set and the header names.
 *
 * @param timeoutMs how long one attempt may take, 1,000 to 60,000
 */
public record Webhook(String id, String spaceId, String name, String url, WebhookAuthType authType,
    boolean hasAuthToken, List<String> headerNames, int timeoutMs, Instant createdAt, Instant updatedAt) {

  public Webhook {
    headerNames = headerNames == null ? List.of() : List.copyOf(headerNames);
  }
}
