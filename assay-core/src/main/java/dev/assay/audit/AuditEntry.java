package dev.assay.audit;

import java.time.Instant;

/**
 * One administrative action: who did it (user, and the API key when it used one), from where, and what.
 *
 * @param operation e.g. {@code POST /v2/users}
 * @param text the request body with secrets redacted, or null
 */
public record AuditEntry(String id, Instant at, String userId, String apiKeyId, String ip, String operation,
    String text) {}
