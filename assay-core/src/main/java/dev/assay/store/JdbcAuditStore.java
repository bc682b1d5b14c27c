package dev.assay.store;

import dev.assay.audit.AuditEntry;
import dev.assay.audit.AuditQuery;
import dev.assay.audit.AuditStore;
import dev.assay.shared.Cursors;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.shared.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link AuditStore} on {@code audit_log}: insert-only, listed newest first by (occurred_at, id). */
final class JdbcAuditStore implements AuditStore {
  private static final String COLUMNS = "id, occurred_at, user_id, api_key_id, ip, operation, details";

  private final Jdbi jdbi;

  JdbcAuditStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void append(AuditEntry e) {
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO audit_log (" + COLUMNS + ") VALUES (:id, :at, :user_id,"
            + " :api_key_id, :ip, :operation, :details)")
        .bind("id", e.id()).bind("at", Times.micros(e.at())).bind("user_id", e.userId())
        .bind("api_key_id", e.apiKeyId()).bind("ip", e.ip()).bind("operation", e.operation()).bind("details", e.text())
        .execute());
  }

  @Override
  public Page<AuditEntry> list(AuditQuery query, PageRequest page) {
    String[] after = page.cursor() == null ? null : Cursors.decode(page.cursor(), 2);
    Map<String, Object> binds = new LinkedHashMap<>();
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_log WHERE 1 = 1");
    if (query.start() != null) {
      sql.append(" AND occurred_at >= :start");
      binds.put("start", Times.micros(query.start()));
    }
    if (query.end() != null) {
      sql.append(" AND occurred_at < :end");
      binds.put("end", Times.micros(query.end()));
    }
    if (query.userId() != null) {
      sql.append(" AND user_id = :user_id");
      binds.put("user_id", query.userId());
    }
    if (query.operation() != null && !query.operation().isBlank()) {
      sql.append(" AND strpos(lower(operation), lower(:operation)) = 1");
      binds.put("operation", query.operation().strip());
    }
    if (after != null) {
      long afterAt;
      try {
        afterAt = Long.parseLong(after[0]);
      } catch (NumberFormatException bad) {
        throw new dev.assay.shared.InvalidInputException("invalid pagination cursor");
      }
      sql.append(" AND (occurred_at < :after_at OR (occurred_at = :after_at AND id < :after_id))");
      binds.put("after_at", afterAt);
      binds.put("after_id", after[1]);
    }
    sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT :limit");
    List<AuditEntry> rows = jdbi.withHandle(h -> {
      Query q = h.createQuery(sql.toString()).bind("limit", page.limit() + 1);
      binds.forEach(q::bind);
      return q.map(JdbcAuditStore::map).list();
    });
    return Pages.of(rows, page.limit(), e -> Cursors.encode(Long.toString(Times.micros(e.at())), e.id()));
  }

  static AuditEntry map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new AuditEntry(rs.getString("id"), Times.instant(rs.getLong("occurred_at")), rs.getString("user_id"),
        rs.getString("api_key_id"), rs.getString("ip"), rs.getString("operation"), rs.getString("details"));
  }
}
