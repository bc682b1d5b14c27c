package dev.assay.audit;

import java.time.Instant;

/**
 * Which audit entries to list; null fields do not filter.
 *
 * @param start entries at or after this instant
 * @param end entries before this instant
 * @param operation entries whose operation starts with this text, ignoring case (e.g. {@code DELETE})
 */
public record AuditQuery(Instant start, Instant end, String userId, String operation) {

  public AuditQuery(Instant start, Instant end, String userId) {
    this(start, end, userId, null);
  }

  public static AuditQuery all() {
    return new AuditQuery(null, null, null, null);
  }
}
