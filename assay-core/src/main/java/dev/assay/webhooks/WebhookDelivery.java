package dev.assay.webhooks;

import java.time.Instant;

/**
 * One delivery of an event to a webhook, with all its attempts: what the delivery log shows.
 *
 * @param id also sent as {@code X-Assay-Delivery}, so a receiver can drop a duplicate
 * @param httpStatus the last response's status; null when no response came (refused address, connection error)
 * @param error why it failed (null when it succeeded); never contains a secret
 * @param attempts requests sent, 0 when the address was refused before any
 * @param durationMs wall time of all attempts and the waits between them
 * @param responseBody at most the first 1 KiB of the last response's body, our secrets masked; null without a response
 */
public record WebhookDelivery(String id, String webhookId, String spaceId, String event, Status status,
    Integer httpStatus, String error, int attempts, long durationMs, String responseBody, Instant createdAt) {

  public enum Status { SUCCEEDED, FAILED }
}
