package dev.assay.store;

import dev.assay.auth.AccessScope;
import dev.assay.prompts.Prompt;
import dev.assay.prompts.PromptJson;
import dev.assay.prompts.PromptStore;
import dev.assay.prompts.PromptVersion;
import dev.assay.prompts.PromptVersionDraft;
import dev.assay.prompts.PromptWithVersion;
import dev.assay.prompts.TemplateFormat;
import dev.assay.prompts.TemplateType;
import dev.assay.shared.AssayException;
import dev.assay.shared.ConflictException;
import dev.assay.shared.Cursors;
import dev.assay.shared.Ids;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.shared.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link PromptStore} on the {@code prompts}, {@code prompt_versions} and {@code prompt_labels} tables (V008). */
final class JdbcPromptStore implements PromptStore {
  private static final int MAX_ATTEMPTS = 20;
  private static final String COLUMNS = "id, space_id, name, description, latest_version, created_at, updated_at";

  private final Jdbi jdbi;
  private final Clock clock;
  private final String versionColumns;
  private final String insertVersion;

  JdbcPromptStore(Jdbi jdbi, Dialect dialect, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.versionColumns = "v.id, v.prompt_id, v.version, v.commit_hash, v.commit_message, v.template_type,"
        + " v.input_variable_format, " + dialect.jsonText("v.messages") + " AS messages, v.provider, v.model, "
        + dialect.jsonText("v.invocation_params") + " AS invocation_params, "
        + dialect.jsonText("v.provider_params") + " AS provider_params, v.created_at";
    this.insertVersion = "INSERT INTO prompt_versions (id, prompt_id, version, commit_hash, commit_message,"
        + " template_type, input_variable_format, messages, provider, model, invocation_params, provider_params,"
        + " created_at) VALUES (:id, :prompt_id, :version, :commit_hash, :commit_message, :template_type, :format, "
        + dialect.jsonParam("messages") + ", :provider, :model, " + dialect.jsonParam("invocation_params") + ", "
        + dialect.jsonParam("provider_params") + ", :now)";
  }

  @Override
  public Page<Prompt> list(AccessScope scope, String spaceId, String spaceNameContains, String nameContains,
      PageRequest page) {
    return NamedInSpaceList.list(jdbi, "prompts", COLUMNS, scope,
        new NamedInSpaceList.Filter(spaceId, spaceNameContains, nameContains), page, JdbcPromptStore::map,
        Prompt::name, Prompt::id);
  }

  @Override
  public Optional<Prompt> findById(AccessScope scope, String id) {
    return id == null ? Optional.empty() : jdbi.withHandle(h -> findById(h, scope, id));
  }

  private static Optional<Prompt> findById(Handle h, AccessScope scope, String id) {
    return NamedInSpaceList.findById(h, "prompts", COLUMNS, scope, id, JdbcPromptStore::map);
  }

  @Override
  public Optional<Prompt> findByName(AccessScope scope, String spaceId, String name) {
    return NamedInSpaceList.findByName(jdbi, "prompts", COLUMNS, scope, spaceId, name, JdbcPromptStore::map);
  }

  @Override
  public PromptWithVersion create(AccessScope scope, String spaceId, String name, String description,
      PromptVersionDraft draft) {
    String validName = Names.require("prompt name", name);
    boolean visible = spaceId != null && scope.allows(spaceId) && jdbi.withHandle(h -> h.createQuery(
        "SELECT count(*) FROM spaces WHERE id = :id").bind("id", spaceId).mapTo(Long.class).one()) > 0;
    if (!visible) {
      throw new NotFoundException("space " + spaceId + " not found");
    }
    long now = Times.nowMicros(clock);
    String id = Ids.newId(clock);
    String versionId;
    try {
      versionId = jdbi.inTransaction(h -> {
        h.createUpdate("INSERT INTO prompts (" + COLUMNS + ") VALUES (:id, :space_id, :name, :description, 1, :now,"
                + " :now)")
            .bind("id", id).bind("space_id", spaceId).bind("name", validName)
            .bind("description", blankToNull(description)).bind("now", now).execute();
        return insertVersion(h, id, 1, draft, now);
      });
    } catch (RuntimeException e) {
      if (findByName(scope, spaceId, validName).isPresent()) {
        throw new ConflictException("a prompt named '" + validName + "' already exists in this space");
      }
      throw e;
    }
    return new PromptWithVersion(findById(scope, id).orElseThrow(), findVersion(scope, versionId).orElseThrow());
  }

  @Override
  public Prompt update(AccessScope scope, String id, String description) {
    Prompt current = findById(scope, id).orElseThrow(() -> new NotFoundException("prompt " + id + " not found"));
    jdbi.useHandle(h -> h.createUpdate("UPDATE prompts SET description = :description, updated_at = :now WHERE id = :id")
        .bind("description", blankToNull(description)).bind("now", Times.nowMicros(clock)).bind("id", current.id())
        .execute());
    return findById(scope, id).orElseThrow(() -> new NotFoundException("prompt " + id + " not found"));
  }

  @Override
  public boolean delete(AccessScope scope, String id) {
    if (id == null) {
      return false;
    }
    return retrying(() -> jdbi.inTransaction(h -> {
      if (findById(h, scope, id).isEmpty()) {
        return false;
      }
      h.createUpdate("DELETE FROM prompt_labels WHERE prompt_id = :id").bind("id", id).execute();
      h.createUpdate("DELETE FROM prompt_versions WHERE prompt_id = :id").bind("id", id).execute();
      return h.createUpdate("DELETE FROM prompts WHERE id = :id").bind("id", id).execute() > 0;
    }));
  }

  /** Deletes the prompts of a space that is being deleted, inside the caller's transaction. */
  static void deleteInSpace(Handle h, String spaceId) {
    String ofSpace = "(SELECT id FROM prompts WHERE space_id = :space_id)";
    h.createUpdate("DELETE FROM prompt_labels WHERE prompt_id IN " + ofSpace).bind("space_id", spaceId).execute();
    h.createUpdate("DELETE FROM prompt_versions WHERE prompt_id IN " + ofSpace).bind("space_id", spaceId).execute();
    h.createUpdate("DELETE FROM prompts WHERE space_id = :space_id").bind("space_id", spaceId).execute();
  }

  @Override
  public PromptVersion appendVersion(AccessScope scope, String promptId, PromptVersionDraft draft) {
    String versionId = retrying(() -> jdbi.inTransaction(h -> {
      findById(h, scope, promptId).orElseThrow(() -> new NotFoundException("prompt " + promptId + " not found"));
      long now = Times.nowMicros(clock);
      // The bump comes first: on PostgreSQL it locks the row, so concurrent appends queue here; DuckDB fails the
      // later of two concurrent transactions instead (retried). Either way no two versions get one number.
      h.createUpdate("UPDATE prompts SET latest_version = latest_version + 1, updated_at = :now WHERE id = :id")
          .bind("now", now).bind("id", promptId).execute();
      long next = h.createQuery("SELECT latest_version FROM prompts WHERE id = :id").bind("id", promptId)
          .mapTo(Long.class).one();
      return insertVersion(h, promptId, next, draft, now);
    }));
    return findVersion(scope, versionId).orElseThrow();
  }

  private String insertVersion(Handle h, String promptId, long number, PromptVersionDraft draft, long now) {
    String id = Ids.newId(clock);
    h.createUpdate(insertVersion).bind("id", id).bind("prompt_id", promptId).bind("version", number)
        .bind("commit_hash", PromptJson.commitHash(draft)).bind("commit_message", draft.commitMessage())
        .bind("template_type", draft.templateType().name()).bind("format", draft.format().name())
        .bind("messages", PromptJson.writeMessages(draft.messages())).bind("provider", draft.provider())
        .bind("model", draft.model()).bind("invocation_params", PromptJson.writeMap(draft.invocationParams()))
        .bind("provider_params", PromptJson.writeMap(draft.providerParams())).bind("now", now).execute();
    return id;
  }

  @Override
  public Page<PromptVersion> listVersions(AccessScope scope, String promptId, PageRequest page) {
    String[] after = page.cursor() == null ? null : Cursors.decode(page.cursor(), 1);
    long before;
    try {
      before = after == null ? Long.MAX_VALUE : Long.parseLong(after[0]);
    } catch (NumberFormatException e) {
      throw new InvalidInputException("invalid pagination cursor");
    }
    String sql = "SELECT " + versionColumns + " FROM prompt_versions v JOIN prompts p ON p.id = v.prompt_id"
        + " WHERE v.prompt_id = :id AND v.version < :before AND " + ScopeSql.spaceClause(scope, "p.space_id")
        + " ORDER BY v.version DESC LIMIT :limit";
    List<PromptVersion> rows = jdbi.withHandle(h -> {
      List<Row> found = ScopeSql.bind(h.createQuery(sql), scope).bind("id", promptId).bind("before", before)
          .bind("limit", page.limit() + 1).map(JdbcPromptStore::mapRow).list();
      Map<String, List<String>> labels = labelsOfPrompt(h, promptId);
      return found.stream().map(r -> r.version(labels.getOrDefault(r.id(), List.of()))).toList();
    });
    return Pages.of(rows, page.limit(), v -> Cursors.encode(Integer.toString(v.number())));
  }

  @Override
  public Optional<PromptVersion> findVersion(AccessScope scope, String versionId) {
    return versionId == null ? Optional.empty()
        : jdbi.withHandle(h -> findVersion(h, scope, "v.id = :id", q -> q.bind("id", versionId)));
  }

  @Override
  public Optional<PromptVersion> latestVersion(AccessScope scope, String promptId) {
    return promptId == null ? Optional.empty() : jdbi.withHandle(h -> findVersion(h, scope,
        "v.prompt_id = :id AND v.version = p.latest_version", q -> q.bind("id", promptId)));
  }

  @Override
  public Optional<PromptVersion> findByLabel(AccessScope scope, String promptId, String label) {
    if (promptId == null || label == null) {
      return Optional.empty();
    }
    return jdbi.withHandle(h -> findVersion(h, scope,
        "v.id = (SELECT version_id FROM prompt_labels WHERE prompt_id = :id AND name = :label)",
        q -> q.bind("id", promptId).bind("label", label)));
  }

  private Optional<PromptVersion> findVersion(Handle h, AccessScope scope, String predicate, Consumer<Query> binds) {
    String sql = "SELECT " + versionColumns + " FROM prompt_versions v JOIN prompts p ON p.id = v.prompt_id WHERE "
        + predicate + " AND " + ScopeSql.spaceClause(scope, "p.space_id");
    Query q = ScopeSql.bind(h.createQuery(sql), scope);
    binds.accept(q);
    return q.map(JdbcPromptStore::mapRow).findOne().map(r -> r.version(labelsOfVersion(h, r.id())));
  }

  @Override
  public PromptVersion setLabels(AccessScope scope, String versionId, List<String> labels) {
    PromptVersion version = findVersion(scope, versionId)
        .orElseThrow(() -> new NotFoundException("prompt version " + versionId + " not found"));
    retrying(() -> jdbi.inTransaction(h -> {
      long now = Times.nowMicros(clock);
      Set<String> wanted = new HashSet<>(labels);
      // Never delete and re-insert one (prompt, label) key in a transaction (DuckDB rejects it): a label that
      // exists moves with an UPDATE, a new one is inserted, and only labels no longer wanted are deleted.
      for (String current : labelsOfVersion(h, version.id())) {
        if (!wanted.contains(current)) {
          h.createUpdate("DELETE FROM prompt_labels WHERE prompt_id = :p AND name = :name")
              .bind("p", version.promptId()).bind("name", current).execute();
        }
      }
      for (String label : labels) {
        int moved = h.createUpdate("UPDATE prompt_labels SET version_id = :v, updated_at = :now"
                + " WHERE prompt_id = :p AND name = :name AND version_id <> :v")
            .bind("v", version.id()).bind("now", now).bind("p", version.promptId()).bind("name", label).execute();
        boolean exists = moved > 0 || h.createQuery("SELECT count(*) FROM prompt_labels WHERE prompt_id = :p AND"
                + " name = :name").bind("p", version.promptId()).bind("name", label).mapTo(Long.class).one() > 0;
        if (!exists) {
          h.createUpdate("INSERT INTO prompt_labels (prompt_id, name, version_id, updated_at) VALUES (:p, :name, :v,"
                  + " :now)")
              .bind("p", version.promptId()).bind("name", label).bind("v", version.id()).bind("now", now).execute();
        }
      }
      return null;
    }));
    return findVersion(scope, versionId).orElseThrow();
  }

  @Override
  public boolean deleteLabel(AccessScope scope, String versionId, String label) {
    Optional<PromptVersion> version = findVersion(scope, versionId);
    if (version.isEmpty() || label == null) {
      return false;
    }
    return retrying(() -> jdbi.withHandle(h -> h.createUpdate(
            "DELETE FROM prompt_labels WHERE prompt_id = :p AND name = :name AND version_id = :v")
        .bind("p", version.get().promptId()).bind("name", label).bind("v", versionId).execute() > 0));
  }

  private static List<String> labelsOfVersion(Handle h, String versionId) {
    return h.createQuery("SELECT name FROM prompt_labels WHERE version_id = :v ORDER BY name").bind("v", versionId)
        .mapTo(String.class).list();
  }

  private static Map<String, List<String>> labelsOfPrompt(Handle h, String promptId) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    h.createQuery("SELECT version_id, name FROM prompt_labels WHERE prompt_id = :p ORDER BY name").bind("p", promptId)
        .map((rs, ctx) -> Map.entry(rs.getString("version_id"), rs.getString("name")))
        .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return out;
  }

  /**
   * Runs a write again when it lost a race: DuckDB fails the later of two conflicting transactions, PostgreSQL fails
   * the later insert of one label. Domain errors ({@link AssayException}) are not retried.
   */
  private static <T> T retrying(Supplier<T> write) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.get();
      } catch (AssayException e) {
        throw e;
      } catch (RuntimeException e) {
        if (attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        try {
          Thread.sleep(ThreadLocalRandom.current().nextInt(1, 5 * attempt)); // jitter spreads the retries
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  static Prompt map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Prompt(rs.getString("id"), rs.getString("space_id"), rs.getString("name"), rs.getString("description"),
        Times.instant(rs.getLong("created_at")), Times.instant(rs.getLong("updated_at")));
  }

  /** A version row before its labels are attached. */
  private record Row(String id, String promptId, int number, String commitHash, String commitMessage,
      TemplateType templateType, TemplateFormat format, String messages, String provider, String model,
      String invocationParams, String providerParams, long createdAt) {
    PromptVersion version(List<String> labels) {
      return new PromptVersion(id, promptId, number, commitHash, commitMessage, templateType, format,
          PromptJson.readMessages(messages), provider, model, PromptJson.readMap(invocationParams),
          PromptJson.readMap(providerParams), labels, Times.instant(createdAt));
    }
  }

  private static Row mapRow(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Row(rs.getString("id"), rs.getString("prompt_id"), rs.getInt("version"), rs.getString("commit_hash"),
        rs.getString("commit_message"), TemplateType.valueOf(rs.getString("template_type")),
        TemplateFormat.valueOf(rs.getString("input_variable_format")), rs.getString("messages"),
        rs.getString("provider"), rs.getString("model"), rs.getString("invocation_params"),
        rs.getString("provider_params"), rs.getLong("created_at"));
  }
}
