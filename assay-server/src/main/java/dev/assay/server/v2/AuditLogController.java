package dev.assay.server.v2;

import static dev.assay.server.v2.V2Requests.query;

import dev.assay.audit.AuditEntry;
import dev.assay.audit.AuditQuery;
import dev.assay.audit.AuditService;
import dev.assay.server.auth.RequestAuth;
import dev.assay.server.v2.IdentityJson.AuditLogJson;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Page;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /v2/audit-logs}, as AX defines it ({@code list_audit_logs}): the administrative changes made through
 * the API, newest first. Every entry is a REST mutation, so {@code operation_type} QUERY or SUBSCRIPTION finds none.
 */
final class AuditLogController {
  /** AX: without {@code start_time}, the 30 days before {@code end_time}. */
  static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

  private final AuditService audit;

  AuditLogController(AuditService audit) {
    if (audit == null) {
      throw new NullPointerException("audit is required");
    }
    this.audit = audit;
  }

  /** {@code GET /v2/audit-logs?start_time=&end_time=&user_id=&operation_type=&limit=&cursor=}. */
  void list(Context ctx) {
    Instant end = time(ctx, "end_time");
    Instant start = time(ctx, "start_time");
    if (start != null && end != null && start.isAfter(end)) {
      throw new InvalidInputException("start_time " + start + " is after end_time " + end);
    }
    String type = query(ctx, "operation_type");
    if (type != null && !List.of("QUERY", "MUTATION", "SUBSCRIPTION").contains(type.toUpperCase(Locale.ROOT))) {
      throw new InvalidInputException("operation_type '" + type + "' is invalid: use QUERY, MUTATION or SUBSCRIPTION");
    }
    var page = V2Requests.page(ctx);
    if (type != null && !type.equalsIgnoreCase("MUTATION")) {
      ctx.json(new IdentityJson.AuditLogList(List.of(), new Pagination(null, false)));
      return;
    }
    Instant until = end == null ? Instant.now() : end;
    AuditQuery q = new AuditQuery(start == null ? until.minus(DEFAULT_WINDOW) : start, end,
        ApiIds.decode(IdentityJson.USER, query(ctx, "user_id")));
    Page<AuditEntry> found = audit.list(RequestAuth.principal(ctx), q, page);
    ctx.json(new IdentityJson.AuditLogList(found.items().stream().map(AuditLogJson::of).toList(), Pagination.of(found)));
  }

  private static Instant time(Context ctx, String name) {
    String value = query(ctx, name);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(name + " must be an ISO-8601 date-time such as 2026-05-18T00:00:00Z, got '"
          + value + "'");
    }
  }
}
