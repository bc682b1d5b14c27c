package dev.assay.auth;

import java.time.Instant;

/**
 * An API key's metadata (AX's {@code ApiKey}). The key itself is shown once, when created or refreshed; the
 * store keeps only its SHA-256 hash and {@code redacted}, a display form such as {@code ak-3f9…x2Qa}.
 *
 * @param userId whom the key authenticates as: its creator for USER keys, the service account for SERVICE keys
 * @param expiresAt null when it never expires
 * @param lastUsedAt updated at most once a minute, null when never used
 */
public record ApiKey(String id, String name, String description, Type type, Status status, String redacted,
    String userId, String createdByUserId, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {

  public enum Type { USER, SERVICE }

  public enum Status { ACTIVE, REVOKED }
}
