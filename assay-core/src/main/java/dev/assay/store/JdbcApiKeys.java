package dev.assay.store;

import dev.assay.auth.ApiKey;
import dev.assay.auth.ApiKeyFilter;
import dev.assay.auth.AuthStore;
import dev.assay.shared.Cursors;
import dev.assay.shared.Ids;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.shared.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The {@code api_keys} table. A key row holds the SHA-256 of its current secret and, after a refresh with a grace
 * period, of its previous secret with the instant it stops working.
 */
final class JdbcApiKeys {
  private static final String COLUMNS = "id, name, description, key_type, status, redacted, user_id,"
      + " created_by_user_id, created_at, expires_at, last_used_at";

  private final Jdbi jdbi;
  private final Clock clock;

  JdbcApiKeys(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  ApiKey create(AuthStore.NewApiKey key) {
    String id = Ids.newId(clock);
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO api_keys (" + COLUMNS + ", secret_hash) VALUES (:id, :name,"
            + " :description, :type, 'ACTIVE', :redacted, :user_id, :created_by, :now, :expires_at, NULL, :hash)")
        .bind("id", id).bind("name", key.name()).bind("description", key.description())
        .bind("type", key.type().name()).bind("redacted", key.redacted()).bind("user_id", key.userId())
        .bind("created_by", key.createdByUserId()).bind("now", Times.nowMicros(clock))
        .bind("expires_at", micros(key.expiresAt())).bind("hash", key.secretHash()).execute());
    return find(id).orElseThrow();
  }

  Optional<ApiKey> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE id = :id").bind("id", id)
        .map(JdbcApiKeys::map).findOne());
  }

  Optional<AuthStore.KeyMatch> findBySecretHash(String hash, Instant now) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + ", secret_hash = :hash AS is_current,"
            + " previous_valid_until FROM api_keys WHERE secret_hash = :hash"
            + " OR (previous_secret_hash = :hash AND previous_valid_until > :now)")
        .bind("hash", hash).bind("now", Times.micros(now))
        .map((rs, ctx) -> {
          ApiKey key = map(rs, ctx);
          if (rs.getBoolean("is_current")) {
            return new AuthStore.KeyMatch(key, false, key.expiresAt());
          }
          Instant graceEnd = Times.instant(rs.getLong("previous_valid_until"));
          Instant until = key.expiresAt() != null && key.expiresAt().isBefore(graceEnd) ? key.expiresAt() : graceEnd;
          return new AuthStore.KeyMatch(key, true, until);
        })
        .findFirst());
  }

  Page<ApiKey> list(ApiKeyFilter filter, String visibleTo, PageRequest page) {
    String after = page.cursor() == null ? null : Cursors.decode(page.cursor(), 1)[0];
    Map<String, Object> binds = new LinkedHashMap<>();
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM api_keys WHERE 1 = 1");
    if (visibleTo != null) {
      sql.append(" AND (user_id = :visible_to OR created_by_user_id = :visible_to)");
      binds.put("visible_to", visibleTo);
    }
    if (filter.type() != null) {
      sql.append(" AND key_type = :type");
      binds.put("type", filter.type().name());
    }
    if (filter.status() != null) {
      sql.append(" AND status = :status");
      binds.put("status", filter.status().name());
    }
    if (filter.userId() != null) {
      sql.append(" AND user_id = :user_id");
      binds.put("user_id", filter.userId());
    }
    if (filter.spaceId() != null) {
      sql.append(" AND user_id IN (SELECT user_id FROM space_memberships WHERE space_id = :space_id)");
      binds.put("space_id", filter.spaceId());
    }
    if (after != null) {
      sql.append(" AND id > :after");
      binds.put("after", after);
    }
    sql.append(" ORDER BY id LIMIT :limit");
    List<ApiKey> rows = jdbi.withHandle(h -> {
      Query q = h.createQuery(sql.toString()).bind("limit", page.limit() + 1);
      binds.forEach(q::bind);
      return q.map(JdbcApiKeys::map).list();
    });
    return Pages.of(rows, page.limit(), k -> Cursors.encode(k.id()));
  }

  ApiKey rotate(String id, String hash, String redacted, Instant expiresAt, Instant previousValidUntil) {
    Instant now = clock.instant();
    boolean grace = previousValidUntil != null && previousValidUntil.isAfter(now);
    int n = jdbi.withHandle(h -> h.createUpdate("UPDATE api_keys SET previous_secret_hash = "
            + (grace ? "secret_hash" : "NULL") + ", previous_valid_until = :previous_until, secret_hash = :hash,"
            + " redacted = :redacted, expires_at = :expires_at WHERE id = :id")
        .bind("id", id).bind("hash", hash).bind("redacted", redacted).bind("expires_at", micros(expiresAt))
        .bind("previous_until", grace ? micros(previousValidUntil) : null).execute());
    if (n == 0) {
      throw new NotFoundException("API key '" + id + "' not found");
    }
    return find(id).orElseThrow();
  }

  ApiKey revoke(String id) {
    int n = jdbi.withHandle(h -> revoke(h, "id", id));
    if (n == 0) {
      throw new NotFoundException("API key '" + id + "' not found");
    }
    return find(id).orElseThrow();
  }

  void touch(String id, Instant now) {
    long at = Times.micros(now);
    jdbi.useHandle(h -> h.createUpdate("UPDATE api_keys SET last_used_at = :at WHERE id = :id"
            + " AND (last_used_at IS NULL OR last_used_at <= :stale)")
        .bind("id", id).bind("at", at).bind("stale", at - 60_000_000L).execute());
  }

  /** Part of deleting a user (in its transaction): its keys stop working but stay listed as REVOKED. */
  static void revokeOfUser(Handle h, String userId) {
    revoke(h, "user_id", userId);
  }

  private static int revoke(Handle h, String column, String value) {
    return h.createUpdate("UPDATE api_keys SET status = 'REVOKED', previous_secret_hash = NULL,"
        + " previous_valid_until = NULL WHERE " + column + " = :v").bind("v", value).execute();
  }

  private static Long micros(Instant instant) {
    return instant == null ? null : Times.micros(instant);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Times.instant(v);
  }

  static ApiKey map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new ApiKey(rs.getString("id"), rs.getString("name"), rs.getString("description"),
        ApiKey.Type.valueOf(rs.getString("key_type")), ApiKey.Status.valueOf(rs.getString("status")),
        rs.getString("redacted"), rs.getString("user_id"), rs.getString("created_by_user_id"),
        Times.instant(rs.getLong("created_at")), instant(rs, "expires_at"), instant(rs, "last_used_at"));
  }
}
