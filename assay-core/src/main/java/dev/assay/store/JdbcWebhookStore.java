package dev.assay.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.auth.AccessScope;
import dev.assay.shared.ConflictException;
import dev.assay.shared.Cursors;
import dev.assay.shared.Ids;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.shared.Times;
import dev.assay.webhooks.Webhook;
import dev.assay.webhooks.WebhookAuthType;
import dev.assay.webhooks.WebhookDelivery;
import dev.assay.webhooks.WebhookStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link WebhookStore} on {@code webhooks} and {@code webhook_deliveries}; secrets are stored as the sealed bytes they arrive as. */
final class JdbcWebhookStore implements WebhookStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final String DELIVERY_COLUMNS = "id, webhook_id, space_id, event, status, http_status, error, attempts,"
      + " duration_ms, response_body, created_at";

  private final Jdbi jdbi;
  private final Dialect dialect;
  private final Clock clock;
  private final String columns;

  JdbcWebhookStore(Jdbi jdbi, Dialect dialect, Clock clock) {
    this.jdbi = jdbi;
    this.dialect = dialect;
    this.clock = clock;
    this.columns = "id, space_id, name, url, auth_type, " + dialect.jsonText("header_names") + " AS header_names,"
        + " secrets IS NOT NULL AS has_secrets, timeout_ms, created_at, updated_at";
  }

  @Override
  public Page<Webhook> list(AccessScope scope, String spaceId, String nameContains, PageRequest page) {
    return NamedInSpaceList.list(jdbi, "webhooks", columns, scope, new NamedInSpaceList.Filter(spaceId, null, nameContains),
        page, this::map, Webhook::name, Webhook::id);
  }

  @Override
  public Optional<Webhook> findById(AccessScope scope, String id) {
    return id == null ? Optional.empty()
        : jdbi.withHandle(h -> NamedInSpaceList.findById(h, "webhooks", columns, scope, id, this::map));
  }

  @Override
  public Optional<Webhook> findByName(AccessScope scope, String spaceId, String name) {
    return NamedInSpaceList.findByName(jdbi, "webhooks", columns, scope, spaceId, name, this::map);
  }

  @Override
  public Optional<byte[]> sealedSecrets(AccessScope scope, String id) {
    String sql = "SELECT secrets FROM webhooks WHERE id = :id AND " + ScopeSql.spaceClause(scope, "space_id");
    return jdbi.withHandle(h -> ScopeSql.bind(h.createQuery(sql), scope).bind("id", id)
        .map((rs, ctx) -> Optional.ofNullable(rs.getBytes("secrets"))).findOne().flatMap(o -> o));
  }

  @Override
  public Webhook create(AccessScope scope, Webhook webhook, byte[] sealedSecrets) {
    if (!scope.allows(webhook.spaceId()) || !spaceExists(webhook.spaceId())) {
      throw new NotFoundException("space '" + webhook.spaceId() + "' not found");
    }
    String id = Ids.newId(clock);
    long now = Times.nowMicros(clock);
    try {
      jdbi.useHandle(h -> h.createUpdate("INSERT INTO webhooks (id, space_id, name, url, auth_type, header_names, secrets,"
              + " timeout_ms, created_at, updated_at) VALUES (:id, :space_id, :name, :url, :auth_type, "
              + dialect.jsonParam("header_names") + ", :secrets, :timeout_ms, :now, :now)")
          .bind("id", id).bind("space_id", webhook.spaceId()).bind("name", webhook.name()).bind("url", webhook.url())
          .bind("auth_type", webhook.authType().name()).bind("header_names", json(webhook.headerNames()))
          .bind("secrets", sealedSecrets).bind("timeout_ms", webhook.timeoutMs()).bind("now", now).execute());
    } catch (RuntimeException e) {
      throw conflictIfTaken(webhook.spaceId(), webhook.name(), null, e);
    }
    return findById(scope, id).orElseThrow();
  }

  @Override
  public Webhook update(AccessScope scope, Webhook webhook, byte[] sealedSecrets) {
    Webhook current = findById(scope, webhook.id()).orElseThrow(() -> notFound(webhook.id()));
    try {
      jdbi.useHandle(h -> h.createUpdate("UPDATE webhooks SET name = :name, url = :url, auth_type = :auth_type,"
              + " header_names = " + dialect.jsonParam("header_names") + ", secrets = :secrets, timeout_ms = :timeout_ms,"
              + " updated_at = :now WHERE id = :id")
          .bind("id", current.id()).bind("name", webhook.name()).bind("url", webhook.url())
          .bind("auth_type", webhook.authType().name()).bind("header_names", json(webhook.headerNames()))
          .bind("secrets", sealedSecrets).bind("timeout_ms", webhook.timeoutMs())
          // Strictly after the previous stamp, so a change is visible even within one clock tick.
          .bind("now", Math.max(Times.nowMicros(clock), Times.micros(current.updatedAt()) + 1)).execute());
    } catch (RuntimeException e) {
      throw conflictIfTaken(current.spaceId(), webhook.name(), current.id(), e);
    }
    return findById(scope, current.id()).orElseThrow(() -> notFound(webhook.id()));
  }

  @Override
  public boolean delete(AccessScope scope, String id) {
    return jdbi.inTransaction(h -> {
      String visible = "SELECT id FROM webhooks WHERE id = :id AND " + ScopeSql.spaceClause(scope, "space_id");
      if (ScopeSql.bind(h.createQuery(visible), scope).bind("id", id).mapTo(String.class).findOne().isEmpty()) {
        return false;
      }
      // DuckDB has no foreign key to cascade along; PostgreSQL's cascade finds nothing left.
      h.createUpdate("DELETE FROM webhook_deliveries WHERE webhook_id = :id").bind("id", id).execute();
      return h.createUpdate("DELETE FROM webhooks WHERE id = :id").bind("id", id).execute() > 0;
    });
  }

  /** Deletes every webhook of a space and their deliveries, inside the space's delete. */
  static void deleteInSpace(Handle h, String spaceId) {
    h.createUpdate("DELETE FROM webhook_deliveries WHERE space_id = :space_id").bind("space_id", spaceId).execute();
    h.createUpdate("DELETE FROM webhooks WHERE space_id = :space_id").bind("space_id", spaceId).execute();
  }

  @Override
  public boolean recordDelivery(WebhookDelivery d) {
    // INSERT … SELECT: a webhook deleted while its delivery ran leaves no orphan row (DuckDB has no foreign key).
    return jdbi.withHandle(h -> h.createUpdate("INSERT INTO webhook_deliveries (" + DELIVERY_COLUMNS + ")"
            + " SELECT :id, id, space_id, :event, :status, :http_status, :error, :attempts, :duration_ms, :response_body,"
            + " :created_at FROM webhooks WHERE id = :webhook_id")
        .bind("id", d.id()).bind("webhook_id", d.webhookId()).bind("event", d.event()).bind("status", d.status().name())
        .bind("http_status", d.httpStatus()).bind("error", d.error()).bind("attempts", d.attempts())
        .bind("duration_ms", d.durationMs()).bind("response_body", d.responseBody())
        .bind("created_at", Times.micros(d.createdAt())).execute()) > 0;
  }

  @Override
  public Page<WebhookDelivery> listDeliveries(AccessScope scope, String webhookId, PageRequest page) {
    String[] after = page.cursor() == null ? null : Cursors.decode(page.cursor(), 2);
    long afterMicros = after == null ? 0 : parseMicros(after[0]);
    String sql = "SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries WHERE webhook_id = :webhook_id AND "
        + ScopeSql.spaceClause(scope, "space_id")
        + (after == null ? "" : " AND (created_at < :after_at OR (created_at = :after_at AND id < :after_id))")
        + " ORDER BY created_at DESC, id DESC LIMIT :limit";
    List<WebhookDelivery> rows = jdbi.withHandle(h -> {
      Query q = ScopeSql.bind(h.createQuery(sql), scope).bind("webhook_id", webhookId).bind("limit", page.limit() + 1);
      if (after != null) {
        q.bind("after_at", afterMicros).bind("after_id", after[1]);
      }
      return q.map(JdbcWebhookStore::delivery).list();
    });
    return Pages.of(rows, page.limit(), d -> Cursors.encode(Long.toString(Times.micros(d.createdAt())), d.id()));
  }

  private static long parseMicros(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new dev.assay.shared.InvalidInputException("invalid pagination cursor");
    }
  }

  private boolean spaceExists(String spaceId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM spaces WHERE id = :id").bind("id", spaceId)
        .mapTo(Long.class).one()) > 0;
  }

  private RuntimeException conflictIfTaken(String spaceId, String name, String selfId, RuntimeException failure) {
    Optional<Webhook> holder = findByName(AccessScope.unrestricted(), spaceId, name);
    if (holder.isPresent() && !holder.get().id().equals(selfId)) {
      return new ConflictException("a webhook named '" + name + "' already exists in this space");
    }
    return failure;
  }

  private static NotFoundException notFound(String id) {
    return new NotFoundException("webhook '" + id + "' not found");
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Webhook map(ResultSet rs, StatementContext ctx) throws SQLException {
    try {
      List<String> headerNames = JSON.readValue(rs.getString("header_names"), STRINGS);
      WebhookAuthType authType = WebhookAuthType.valueOf(rs.getString("auth_type"));
      // The sealed secrets hold the token and/or header values; a token is there exactly when the type needs one.
      boolean hasToken = rs.getBoolean("has_secrets") && authType != WebhookAuthType.NONE;
      return new Webhook(rs.getString("id"), rs.getString("space_id"), rs.getString("name"), rs.getString("url"),
          authType, hasToken, headerNames, rs.getInt("timeout_ms"), Times.instant(rs.getLong("created_at")),
          Times.instant(rs.getLong("updated_at")));
    } catch (JsonProcessingException e) {
      throw new SQLException("webhooks row has invalid JSON", e);
    }
  }

  private static WebhookDelivery delivery(ResultSet rs, StatementContext ctx) throws SQLException {
    int httpStatus = rs.getInt("http_status");
    Integer status = rs.wasNull() ? null : httpStatus;
    return new WebhookDelivery(rs.getString("id"), rs.getString("webhook_id"), rs.getString("space_id"),
        rs.getString("event"), WebhookDelivery.Status.valueOf(rs.getString("status")), status, rs.getString("error"),
        rs.getInt("attempts"), rs.getLong("duration_ms"), rs.getString("response_body"),
        Times.instant(rs.getLong("created_at")));
  }
}
