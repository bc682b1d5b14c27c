package dev.assay.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.auth.AccessScope;
import dev.assay.llm.ModelConfig;
import dev.assay.llm.ModelConfigStore;
import dev.assay.llm.ModelLimits;
import dev.assay.llm.Provider;
import dev.assay.shared.ConflictException;
import dev.assay.shared.Ids;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.shared.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link ModelConfigStore} on {@code model_configs}; secrets are stored as the sealed bytes they arrive as. */
final class JdbcModelConfigStore implements ModelConfigStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final Jdbi jdbi;
  private final Dialect dialect;
  private final Clock clock;
  private final String columns;

  JdbcModelConfigStore(Jdbi jdbi, Dialect dialect, Clock clock) {
    this.jdbi = jdbi;
    this.dialect = dialect;
    this.clock = clock;
    this.columns = "id, space_id, name, provider, base_url, " + dialect.jsonText("model_names") + " AS model_names, "
        + dialect.jsonText("header_names") + " AS header_names, secrets IS NOT NULL AS has_secrets, "
        + dialect.jsonText("settings") + " AS settings, created_at, updated_at";
  }

  @Override
  public Page<ModelConfig> list(AccessScope scope, String spaceId, String nameContains, PageRequest page) {
    return NamedInSpaceList.list(jdbi, "model_configs", columns, scope,
        new NamedInSpaceList.Filter(spaceId, null, nameContains), page, JdbcModelConfigStore::map, ModelConfig::name,
        ModelConfig::id);
  }

  @Override
  public Optional<ModelConfig> findById(AccessScope scope, String id) {
    return id == null ? Optional.empty() : jdbi.withHandle(h -> find(h, scope, "id = :id", Map.of("id", id)));
  }

  @Override
  public Optional<ModelConfig> findByName(AccessScope scope, String spaceId, String name) {
    if (spaceId == null || name == null) {
      return Optional.empty();
    }
    return jdbi.withHandle(h -> find(h, scope, "space_id = :space_id AND name = :name",
        Map.of("space_id", spaceId, "name", name)));
  }

  private Optional<ModelConfig> find(Handle h, AccessScope scope, String predicate, Map<String, String> binds) {
    String sql = "SELECT " + columns + " FROM model_configs WHERE " + predicate + " AND "
        + ScopeSql.spaceClause(scope, "space_id");
    Query q = ScopeSql.bind(h.createQuery(sql), scope);
    binds.forEach(q::bind);
    return q.map(JdbcModelConfigStore::map).findOne();
  }

  @Override
  public Optional<byte[]> sealedSecrets(AccessScope scope, String id) {
    String sql = "SELECT secrets FROM model_configs WHERE id = :id AND " + ScopeSql.spaceClause(scope, "space_id");
    return jdbi.withHandle(h -> ScopeSql.bind(h.createQuery(sql), scope).bind("id", id)
        .map((rs, ctx) -> Optional.ofNullable(rs.getBytes("secrets"))).findOne().flatMap(o -> o));
  }

  @Override
  public ModelConfig create(AccessScope scope, ModelConfig config, byte[] sealedSecrets) {
    if (!scope.allows(config.spaceId()) || !spaceExists(config.spaceId())) {
      throw new NotFoundException("space '" + config.spaceId() + "' not found");
    }
    String id = Ids.newId(clock);
    long now = Times.nowMicros(clock);
    try {
      jdbi.useHandle(h -> h.createUpdate("INSERT INTO model_configs (id, space_id, name, provider, base_url, model_names,"
              + " header_names, secrets, settings, created_at, updated_at) VALUES (:id, :space_id, :name, :provider,"
              + " :base_url, " + dialect.jsonParam("model_names") + ", " + dialect.jsonParam("header_names")
              + ", :secrets, " + dialect.jsonParam("settings") + ", :now, :now)")
          .bind("id", id).bind("space_id", config.spaceId()).bindMap(values(config)).bind("secrets", sealedSecrets)
          .bind("now", now).execute());
    } catch (RuntimeException e) {
      throw conflictIfTaken(config.spaceId(), config.name(), null, e);
    }
    return findById(scope, id).orElseThrow();
  }

  @Override
  public ModelConfig update(AccessScope scope, ModelConfig config, byte[] sealedSecrets) {
    ModelConfig current = findById(scope, config.id())
        .orElseThrow(() -> new NotFoundException("model config '" + config.id() + "' not found"));
    try {
      jdbi.useHandle(h -> h.createUpdate("UPDATE model_configs SET name = :name, provider = :provider,"
              + " base_url = :base_url, model_names = " + dialect.jsonParam("model_names") + ", header_names = "
              + dialect.jsonParam("header_names") + ", secrets = :secrets, settings = " + dialect.jsonParam("settings")
              + ", updated_at = :now WHERE id = :id")
          .bind("id", current.id()).bindMap(values(config)).bind("secrets", sealedSecrets)
          .bind("now", Math.max(Times.nowMicros(clock), Times.micros(current.updatedAt()) + 1)).execute());
    } catch (RuntimeException e) {
      throw conflictIfTaken(current.spaceId(), config.name(), current.id(), e);
    }
    return findById(scope, current.id()).orElseThrow(() -> new NotFoundException("model config '" + config.id()
        + "' not found"));
  }

  @Override
  public boolean delete(AccessScope scope, String id) {
    String sql = "DELETE FROM model_configs WHERE id = :id AND " + ScopeSql.spaceClause(scope, "space_id");
    return jdbi.withHandle(h -> ScopeSql.bind(h.createUpdate(sql), scope).bind("id", id).execute()) > 0;
  }

  private boolean spaceExists(String spaceId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM spaces WHERE id = :id").bind("id", spaceId)
        .mapTo(Long.class).one()) > 0;
  }

  private Map<String, Object> values(ModelConfig c) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("name", c.name());
    v.put("provider", c.provider().name());
    v.put("base_url", c.baseUrl());
    v.put("model_names", json(c.modelNames()));
    v.put("header_names", json(c.headerNames()));
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("has_api_key", c.hasApiKey());
    settings.put("function_calling_enabled", c.functionCallingEnabled());
    settings.put("requests_per_minute", c.limits().requestsPerMinute());
    settings.put("tokens_per_minute", c.limits().tokensPerMinute());
    settings.put("max_concurrency", c.limits().maxConcurrency());
    v.put("settings", json(settings));
    return v;
  }

  private RuntimeException conflictIfTaken(String spaceId, String name, String selfId, RuntimeException failure) {
    Optional<ModelConfig> holder = findByName(AccessScope.unrestricted(), spaceId, name);
    if (holder.isPresent() && !holder.get().id().equals(selfId)) {
      return new ConflictException("a model config named '" + name + "' already exists in this space");
    }
    return failure;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static ModelConfig map(ResultSet rs, StatementContext ctx) throws SQLException {
    try {
      Map<?, ?> settings = JSON.readValue(rs.getString("settings"), Map.class);
      ModelLimits limits = new ModelLimits(integer(settings.get("requests_per_minute")),
          settings.get("tokens_per_minute") instanceof Number n ? n.longValue() : null,
          integer(settings.get("max_concurrency")));
      boolean hasSecrets = rs.getBoolean("has_secrets");
      List<String> headerNames = JSON.readValue(rs.getString("header_names"), STRINGS);
      return new ModelConfig(rs.getString("id"), rs.getString("space_id"), rs.getString("name"),
          Provider.valueOf(rs.getString("provider")), rs.getString("base_url"),
          JSON.readValue(rs.getString("model_names"), STRINGS), headerNames,
          // Secrets hold the key and/or header values; the key is present unless only headers were sealed.
          hasSecrets && !Boolean.FALSE.equals(settings.get("has_api_key")),
          Boolean.TRUE.equals(settings.get("function_calling_enabled")), limits,
          Times.instant(rs.getLong("created_at")), Times.instant(rs.getLong("updated_at")));
    } catch (JsonProcessingException e) {
      throw new SQLException("model_configs row has invalid JSON", e);
    }
  }

  private static Integer integer(Object o) {
    return o instanceof Number n ? n.intValue() : null;
  }
}
