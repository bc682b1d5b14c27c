package dev.assay.store;

import dev.assay.auth.AccessScope;
import dev.assay.auth.AccountRole;
import dev.assay.auth.ApiKey;
import dev.assay.auth.ApiKeyFilter;
import dev.assay.auth.AuthStore;
import dev.assay.auth.Membership;
import dev.assay.auth.SpaceRole;
import dev.assay.auth.User;
import dev.assay.shared.ConflictException;
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
 * {@link AuthStore} on {@code users}, {@code space_memberships}, {@code auth_sessions} and {@code login_failures};
 * API keys are {@link JdbcApiKeys}.
 */
final class JdbcAuthStore implements AuthStore {
  private static final String USER_COLUMNS =
      "id, email, name, account_role, is_service, must_change_password, created_at, updated_at";
  private static final String MEMBERSHIP_COLUMNS = "space_id, user_id, role, created_at, updated_at";

  private final Jdbi jdbi;
  private final Clock clock;
  private final JdbcApiKeys apiKeys;

  JdbcAuthStore(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.apiKeys = new JdbcApiKeys(jdbi, clock);
  }

  // ---- users

  @Override
  public boolean hasUsers() {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM users").mapTo(Long.class).one()) > 0;
  }

  @Override
  public User createUser(String email, String name, AccountRole role, boolean service, String passwordHash,
      boolean mustChangePassword) {
    String id = Ids.newId(clock);
    long now = Times.nowMicros(clock);
    try {
      jdbi.useHandle(h -> h.createUpdate("INSERT INTO users (" + USER_COLUMNS + ", password_hash) VALUES (:id, :email,"
              + " :name, :role, :service, :must_change, :now, :now, :hash)")
          .bind("id", id).bind("email", email).bind("name", name).bind("role", role.name()).bind("service", service)
          .bind("must_change", mustChangePassword).bind("now", now).bind("hash", passwordHash).execute());
    } catch (RuntimeException e) {
      if (findUserByEmail(email).isPresent()) {
        throw new ConflictException("a user with email '" + email + "' already exists");
      }
      throw e;
    }
    return findUser(id).orElseThrow();
  }

  @Override
  public Optional<User> findUser(String id) {
    return findUserBy("id", id);
  }

  @Override
  public Optional<User> findUserByEmail(String email) {
    return findUserBy("email", email);
  }

  private Optional<User> findUserBy(String column, String value) {
    if (value == null) {
      return Optional.empty();
    }
    return jdbi.withHandle(h -> h.createQuery("SELECT " + USER_COLUMNS + " FROM users WHERE " + column + " = :v")
        .bind("v", value).map(JdbcAuthStore::mapUser).findOne());
  }

  @Override
  public Optional<String> passwordHash(String userId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT password_hash FROM users WHERE id = :id").bind("id", userId)
        .map((rs, ctx) -> Optional.ofNullable(rs.getString(1))).findOne().flatMap(o -> o));
  }

  @Override
  public Page<User> listUsers(String emailContains, PageRequest page) {
    String after = page.cursor() == null ? null : Cursors.decode(page.cursor(), 1)[0];
    String sql = "SELECT " + USER_COLUMNS + " FROM users WHERE 1 = 1"
        + (emailContains == null ? "" : " AND strpos(lower(email), lower(:email)) > 0")
        + (after == null ? "" : " AND id > :after") + " ORDER BY id LIMIT :limit";
    List<User> rows = jdbi.withHandle(h -> {
      Query q = h.createQuery(sql).bind("limit", page.limit() + 1);
      if (emailContains != null) {
        q.bind("email", emailContains);
      }
      if (after != null) {
        q.bind("after", after);
      }
      return q.map(JdbcAuthStore::mapUser).list();
    });
    return Pages.of(rows, page.limit(), u -> Cursors.encode(u.id()));
  }

  @Override
  public User updateUser(String id, String name, AccountRole role) {
    int n = jdbi.withHandle(h -> h.createUpdate("UPDATE users SET name = COALESCE(:name, name),"
            + " account_role = COALESCE(:role, account_role), updated_at = :now WHERE id = :id")
        .bind("id", id).bind("name", name).bind("role", role == null ? null : role.name())
        .bind("now", Times.nowMicros(clock)).execute());
    if (n == 0) {
      throw new NotFoundException("user '" + id + "' not found");
    }
    return findUser(id).orElseThrow(() -> new NotFoundException("user '" + id + "' not found"));
  }

  @Override
  public void setPassword(String userId, String passwordHash, boolean mustChangePassword) {
    int n = jdbi.withHandle(h -> h.createUpdate("UPDATE users SET password_hash = :hash,"
            + " must_change_password = :must_change, updated_at = :now WHERE id = :id")
        .bind("id", userId).bind("hash", passwordHash).bind("must_change", mustChangePassword)
        .bind("now", Times.nowMicros(clock)).execute());
    if (n == 0) {
      throw new NotFoundException("user '" + userId + "' not found");
    }
  }

  @Override
  public long countAccountAdmins() {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM users WHERE account_role = 'ADMIN'"
        + " AND is_service = FALSE").mapTo(Long.class).one());
  }

  @Override
  public boolean deleteUser(String id) {
    return jdbi.inTransaction(h -> {
      deleteUserRows(h, "space_memberships", id);
      deleteUserRows(h, "auth_sessions", id);
      JdbcApiKeys.revokeOfUser(h, id);
      return h.createUpdate("DELETE FROM users WHERE id = :id").bind("id", id).execute() > 0;
    });
  }

  private static void deleteUserRows(Handle h, String table, String userId) {
    h.createUpdate("DELETE FROM " + table + " WHERE user_id = :id").bind("id", userId).execute();
  }

  // ---- memberships

  @Override
  public Membership putMembership(String spaceId, String userId, SpaceRole role) {
    long now = Times.nowMicros(clock);
    return jdbi.inTransaction(h -> {
      // Update first, insert when absent: one statement shape for both dialects, no delete + insert of one key.
      int updated = h.createUpdate("UPDATE space_memberships SET role = :role, updated_at = :now"
              + " WHERE space_id = :space_id AND user_id = :user_id")
          .bind("space_id", spaceId).bind("user_id", userId).bind("role", role.name()).bind("now", now).execute();
      if (updated == 0) {
        h.createUpdate("INSERT INTO space_memberships (" + MEMBERSHIP_COLUMNS + ") VALUES (:space_id, :user_id, :role,"
                + " :now, :now)")
            .bind("space_id", spaceId).bind("user_id", userId).bind("role", role.name()).bind("now", now).execute();
      }
      return findMembership(h, spaceId, userId).orElseThrow();
    });
  }

  @Override
  public Optional<Membership> findMembership(String spaceId, String userId) {
    return jdbi.withHandle(h -> findMembership(h, spaceId, userId));
  }

  private static Optional<Membership> findMembership(Handle h, String spaceId, String userId) {
    if (spaceId == null || userId == null) {
      return Optional.empty();
    }
    return h.createQuery("SELECT " + MEMBERSHIP_COLUMNS + " FROM space_memberships"
            + " WHERE space_id = :space_id AND user_id = :user_id")
        .bind("space_id", spaceId).bind("user_id", userId).map(JdbcAuthStore::mapMembership).findOne();
  }

  @Override
  public boolean removeMembership(String spaceId, String userId) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM space_memberships WHERE space_id = :space_id"
        + " AND user_id = :user_id").bind("space_id", spaceId).bind("user_id", userId).execute()) > 0;
  }

  @Override
  public Map<String, SpaceRole> rolesOf(String userId) {
    Map<String, SpaceRole> roles = new LinkedHashMap<>();
    jdbi.useHandle(h -> h.createQuery("SELECT space_id, role FROM space_memberships WHERE user_id = :user_id"
            + " ORDER BY space_id")
        .bind("user_id", userId)
        .map((rs, ctx) -> Map.entry(rs.getString("space_id"), SpaceRole.valueOf(rs.getString("role"))))
        .forEach(e -> roles.put(e.getKey(), e.getValue())));
    return roles;
  }

  @Override
  public Page<Membership> listMemberships(AccessScope scope, String spaceId, String userId, PageRequest page) {
    String[] after = page.cursor() == null ? null : Cursors.decode(page.cursor(), 2);
    String sql = "SELECT " + MEMBERSHIP_COLUMNS + " FROM space_memberships WHERE "
        + ScopeSql.spaceClause(scope, "space_id")
        + (spaceId == null ? "" : " AND space_id = :space_id") + (userId == null ? "" : " AND user_id = :user_id")
        + (after == null ? "" : " AND (space_id > :after_space OR (space_id = :after_space AND user_id > :after_user))")
        + " ORDER BY space_id, user_id LIMIT :limit";
    List<Membership> rows = jdbi.withHandle(h -> {
      Query q = ScopeSql.bind(h.createQuery(sql), scope).bind("limit", page.limit() + 1);
      if (spaceId != null) {
        q.bind("space_id", spaceId);
      }
      if (userId != null) {
        q.bind("user_id", userId);
      }
      if (after != null) {
        q.bind("after_space", after[0]).bind("after_user", after[1]);
      }
      return q.map(JdbcAuthStore::mapMembership).list();
    });
    return Pages.of(rows, page.limit(), m -> Cursors.encode(m.spaceId(), m.userId()));
  }

  /** Part of deleting a space (in its transaction): nobody keeps a role in it. */
  static void deleteMembershipsInSpace(Handle h, String spaceId) {
    h.createUpdate("DELETE FROM space_memberships WHERE space_id = :id").bind("id", spaceId).execute();
  }

  // ---- API keys

  @Override
  public ApiKey createApiKey(NewApiKey key) {
    return apiKeys.create(key);
  }

  @Override
  public Optional<ApiKey> findApiKey(String id) {
    return apiKeys.find(id);
  }

  @Override
  public Optional<KeyMatch> findApiKeyBySecretHash(String secretHash, Instant now) {
    return apiKeys.findBySecretHash(secretHash, now);
  }

  @Override
  public Page<ApiKey> listApiKeys(ApiKeyFilter filter, String visibleTo, PageRequest page) {
    return apiKeys.list(filter, visibleTo, page);
  }

  @Override
  public ApiKey rotateApiKey(String id, String secretHash, String redacted, Instant expiresAt,
      Instant previousValidUntil) {
    return apiKeys.rotate(id, secretHash, redacted, expiresAt, previousValidUntil);
  }

  @Override
  public ApiKey revokeApiKey(String id) {
    return apiKeys.revoke(id);
  }

  @Override
  public void touchApiKey(String id, Instant now) {
    apiKeys.touch(id, now);
  }

  // ---- sessions

  @Override
  public void createSession(String tokenHash, String userId, Instant expiresAt) {
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO auth_sessions (token_hash, user_id, created_at, expires_at)"
            + " VALUES (:hash, :user_id, :now, :expires_at)")
        .bind("hash", tokenHash).bind("user_id", userId).bind("now", Times.nowMicros(clock))
        .bind("expires_at", Times.micros(expiresAt)).execute());
  }

  @Override
  public Optional<StoredSession> findSession(String tokenHash) {
    return jdbi.withHandle(h -> h.createQuery("SELECT user_id, created_at, expires_at FROM auth_sessions"
            + " WHERE token_hash = :hash").bind("hash", tokenHash)
        .map((rs, ctx) -> new StoredSession(rs.getString("user_id"), Times.instant(rs.getLong("created_at")),
            Times.instant(rs.getLong("expires_at"))))
        .findOne());
  }

  @Override
  public void deleteSession(String tokenHash) {
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM auth_sessions WHERE token_hash = :hash").bind("hash", tokenHash)
        .execute());
  }

  @Override
  public void deleteSessionsOf(String userId) {
    jdbi.useHandle(h -> deleteUserRows(h, "auth_sessions", userId));
  }

  @Override
  public int deleteExpiredSessions(Instant now) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM auth_sessions WHERE expires_at <= :now")
        .bind("now", Times.micros(now)).execute());
  }

  // ---- login failures

  @Override
  public void recordLoginFailure(String email, String ip, Instant at) {
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO login_failures (id, email, ip, failed_at)"
            + " VALUES (:id, :email, :ip, :at)")
        .bind("id", Ids.newId(clock)).bind("email", email).bind("ip", ip).bind("at", Times.micros(at)).execute());
  }

  @Override
  public long countLoginFailures(String email, Instant since) {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM login_failures WHERE email = :email"
            + " AND failed_at >= :since")
        .bind("email", email).bind("since", Times.micros(since)).mapTo(Long.class).one());
  }

  @Override
  public void clearLoginFailures(String email, Instant olderThan) {
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM login_failures WHERE email = :email OR failed_at < :before")
        .bind("email", email).bind("before", Times.micros(olderThan)).execute());
  }

  static User mapUser(ResultSet rs, StatementContext ctx) throws SQLException {
    return new User(rs.getString("id"), rs.getString("email"), rs.getString("name"),
        AccountRole.valueOf(rs.getString("account_role")), rs.getBoolean("is_service"),
        rs.getBoolean("must_change_password"), Times.instant(rs.getLong("created_at")),
        Times.instant(rs.getLong("updated_at")));
  }

  static Membership mapMembership(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Membership(rs.getString("space_id"), rs.getString("user_id"), SpaceRole.valueOf(rs.getString("role")),
        Times.instant(rs.getLong("created_at")), Times.instant(rs.getLong("updated_at")));
  }
}
