package dev.assay.store;

import dev.assay.auth.AccessScope;
import dev.assay.eval.EvaluatorDefinition;
import dev.assay.eval.EvaluatorFilter;
import dev.assay.eval.EvaluatorKind;
import dev.assay.eval.EvaluatorSpec;
import dev.assay.eval.EvaluatorSpecJson;
import dev.assay.eval.EvaluatorStore;
import dev.assay.eval.EvaluatorVersion;
import dev.assay.eval.EvaluatorWithVersion;
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
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link EvaluatorStore} on the {@code evaluators} and {@code evaluator_versions} tables (V005). */
final class JdbcEvaluatorStore implements EvaluatorStore {
  private static final int MAX_APPEND_ATTEMPTS = 20;
  private static final String COLUMNS = "id, space_id, name, description, kind, latest_version, created_at, updated_at";

  private final Jdbi jdbi;
  private final Clock clock;
  private final String versionColumns;
  private final String insertVersion;

  JdbcEvaluatorStore(Jdbi jdbi, Dialect dialect, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.versionColumns = "v.id, v.evaluator_id, v.version, v.commit_hash, v.commit_message, "
        + dialect.jsonText("v.spec") + " AS spec, v.created_at";
    this.insertVersion = "INSERT INTO evaluator_versions (id, evaluator_id, version, commit_hash, commit_message, spec, created_at)"
        + " VALUES (:id, :evaluator_id, :version, :commit_hash, :commit_message, " + dialect.jsonParam("spec") + ", :now)";
  }

  @Override
  public Page<EvaluatorDefinition> list(AccessScope scope, EvaluatorFilter filter, PageRequest page) {
    EvaluatorFilter f = filter == null ? EvaluatorFilter.ALL : filter;
    return NamedInSpaceList.list(jdbi, "evaluators", COLUMNS, scope,
        new NamedInSpaceList.Filter(f.spaceId(), f.spaceNameContains(), f.nameContains()), page,
        JdbcEvaluatorStore::map, EvaluatorDefinition::name, EvaluatorDefinition::id);
  }

  @Override
  public Optional<EvaluatorDefinition> findById(AccessScope scope, String id) {
    return id == null ? Optional.empty() : jdbi.withHandle(h -> findById(h, scope, id));
  }

  private static Optional<EvaluatorDefinition> findById(Handle h, AccessScope scope, String id) {
    return NamedInSpaceList.findById(h, "evaluators", COLUMNS, scope, id, JdbcEvaluatorStore::map);
  }

  @Override
  public Optional<EvaluatorDefinition> findByName(AccessScope scope, String spaceId, String name) {
    return NamedInSpaceList.findByName(jdbi, "evaluators", COLUMNS, scope, spaceId, name, JdbcEvaluatorStore::map);
  }

  @Override
  public EvaluatorWithVersion create(AccessScope scope, String spaceId, String name, String description, String commitMessage,
      EvaluatorSpec spec) {
    String validName = Names.require("evaluator name", name);
    requireVisibleSpace(scope, spaceId);
    long now = Times.nowMicros(clock);
    String id = Ids.newId(clock);
    try {
      jdbi.useTransaction(h -> {
        h.createUpdate("INSERT INTO evaluators (" + COLUMNS + ") VALUES (:id, :space_id, :name, :description, :kind, 1, :now, :now)")
            .bind("id", id).bind("space_id", spaceId).bind("name", validName).bind("description", blankToNull(description))
            .bind("kind", spec.kind().name()).bind("now", now).execute();
        insertVersion(h, id, 1, commitMessage, spec, "", now);
      });
    } catch (RuntimeException e) {
      if (findByName(scope, spaceId, validName).isPresent()) {
        throw new ConflictException("an evaluator named '" + validName + "' already exists in this space");
      }
      throw e;
    }
    EvaluatorDefinition created = findById(scope, id).orElseThrow();
    return new EvaluatorWithVersion(created, findVersion(scope, id, 1).orElseThrow());
  }

  @Override
  public EvaluatorDefinition update(AccessScope scope, String id, String name, String description) {
    EvaluatorDefinition current = findById(scope, id).orElseThrow(() -> new NotFoundException("evaluator " + id + " not found"));
    String newName = name == null ? current.name() : Names.require("evaluator name", name);
    String newDescription = description == null ? current.description() : blankToNull(description);
    try {
      jdbi.useHandle(h -> h.createUpdate("UPDATE evaluators SET name = :name, description = :description, updated_at = :now"
              + " WHERE id = :id")
          .bind("name", newName).bind("description", newDescription).bind("now", Times.nowMicros(clock))
          .bind("id", current.id()).execute());
    } catch (RuntimeException e) {
      Optional<EvaluatorDefinition> holder = findByName(scope, current.spaceId(), newName);
      if (holder.isPresent() && !holder.get().id().equals(current.id())) {
        throw new ConflictException("an evaluator named '" + newName + "' already exists in this space");
      }
      throw e;
    }
    return findById(scope, current.id()).orElseThrow(() -> new NotFoundException("evaluator " + id + " not found"));
  }

  @Override
  public boolean delete(AccessScope scope, String id) {
    if (id == null) {
      return false;
    }
    return jdbi.inTransaction(h -> {
      if (findById(h, scope, id).isEmpty()) {
        return false;
      }
      h.createUpdate("DELETE FROM evaluator_versions WHERE evaluator_id = :id").bind("id", id).execute();
      return h.createUpdate("DELETE FROM evaluators WHERE id = :id").bind("id", id).execute() > 0;
    });
  }

  /** Deletes the evaluators of a space that is being deleted, inside the caller's transaction. */
  static void deleteInSpace(Handle h, String spaceId) {
    h.createUpdate("DELETE FROM evaluator_versions WHERE evaluator_id IN (SELECT id FROM evaluators WHERE space_id = :space_id)")
        .bind("space_id", spaceId).execute();
    h.createUpdate("DELETE FROM evaluators WHERE space_id = :space_id").bind("space_id", spaceId).execute();
  }

  @Override
  public EvaluatorVersion appendVersion(AccessScope scope, String evaluatorId, String commitMessage, EvaluatorSpec spec) {
    for (int attempt = 1; ; attempt++) {
      try {
        return tryAppendVersion(scope, evaluatorId, commitMessage, spec);
      } catch (AssayException e) {
        throw e;
      } catch (RuntimeException e) {
        // DuckDB fails the later of two concurrent appends (a write-write conflict on the evaluator row); the
        // retry reads the new latest version. PostgreSQL queues them on the row lock and never gets here.
        if (attempt >= MAX_APPEND_ATTEMPTS) {
          throw e;
        }
        try {
          Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 5 * attempt)); // jitter spreads the retries
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private EvaluatorVersion tryAppendVersion(AccessScope scope, String evaluatorId, String commitMessage, EvaluatorSpec spec) {
    String versionId = jdbi.inTransaction(h -> {
      EvaluatorDefinition current = findById(h, scope, evaluatorId)
          .orElseThrow(() -> new NotFoundException("evaluator " + evaluatorId + " not found"));
      if (current.kind() != spec.kind()) {
        throw new InvalidInputException("a version of a " + current.kind() + " evaluator must have spec.kind " + current.kind()
            + ", not " + spec.kind());
      }
      long now = Times.nowMicros(clock);
      // The bump comes first: on PostgreSQL it locks the row, so concurrent appends queue here; DuckDB fails the
      // later of two concurrent transactions instead. Either way no two versions get one number.
      h.createUpdate("UPDATE evaluators SET latest_version = latest_version + 1, updated_at = :now WHERE id = :id")
          .bind("now", now).bind("id", evaluatorId).execute();
      long next = h.createQuery("SELECT latest_version FROM evaluators WHERE id = :id").bind("id", evaluatorId)
          .mapTo(Long.class).one();
      String parentHash = h.createQuery("SELECT commit_hash FROM evaluator_versions WHERE evaluator_id = :id AND version = :v")
          .bind("id", evaluatorId).bind("v", next - 1).mapTo(String.class).findOne().orElse("");
      return insertVersion(h, evaluatorId, next, commitMessage, spec, parentHash, now);
    });
    return findVersion(scope, versionId).orElseThrow();
  }

  private String insertVersion(Handle h, String evaluatorId, long version, String commitMessage, EvaluatorSpec spec,
      String parentHash, long now) {
    String id = Ids.newId(clock);
    h.createUpdate(insertVersion).bind("id", id).bind("evaluator_id", evaluatorId).bind("version", version)
        .bind("commit_hash", EvaluatorSpecJson.commitHash(spec, parentHash)).bind("commit_message", commitMessage)
        .bind("spec", EvaluatorSpecJson.write(spec)).bind("now", now).execute();
    return id;
  }

  @Override
  public Page<EvaluatorVersion> listVersions(AccessScope scope, String evaluatorId, PageRequest page) {
    String[] after = page.cursor() == null ? null : Cursors.decode(page.cursor(), 1);
    long before;
    try {
      before = after == null ? Long.MAX_VALUE : Long.parseLong(after[0]);
    } catch (NumberFormatException e) {
      throw new InvalidInputException("invalid pagination cursor");
    }
    String sql = "SELECT " + versionColumns + " FROM evaluator_versions v JOIN evaluators e ON e.id = v.evaluator_id"
        + " WHERE v.evaluator_id = :id AND v.version < :before AND " + ScopeSql.spaceClause(scope, "e.space_id")
        + " ORDER BY v.version DESC LIMIT :limit";
    List<EvaluatorVersion> rows = jdbi.withHandle(h -> ScopeSql.bind(h.createQuery(sql), scope).bind("id", evaluatorId)
        .bind("before", before).bind("limit", page.limit() + 1).map(JdbcEvaluatorStore::mapVersion).list());
    return Pages.of(rows, page.limit(), v -> Cursors.encode(Long.toString(v.version())));
  }

  @Override
  public Optional<EvaluatorVersion> findVersion(AccessScope scope, String versionId) {
    if (versionId == null) {
      return Optional.empty();
    }
    return findVersion(scope, "v.id = :id", q -> q.bind("id", versionId));
  }

  @Override
  public Optional<EvaluatorVersion> findVersion(AccessScope scope, String evaluatorId, long version) {
    return findVersion(scope, "v.evaluator_id = :id AND v.version = :v", q -> q.bind("id", evaluatorId).bind("v", version));
  }

  private Optional<EvaluatorVersion> findVersion(AccessScope scope, String predicate, java.util.function.Consumer<Query> binds) {
    String sql = "SELECT " + versionColumns + " FROM evaluator_versions v JOIN evaluators e ON e.id = v.evaluator_id WHERE "
        + predicate + " AND " + ScopeSql.spaceClause(scope, "e.space_id");
    return jdbi.withHandle(h -> {
      Query q = ScopeSql.bind(h.createQuery(sql), scope);
      binds.accept(q);
      return q.map(JdbcEvaluatorStore::mapVersion).findOne();
    });
  }

  private void requireVisibleSpace(AccessScope scope, String spaceId) {
    boolean visible = spaceId != null && scope.allows(spaceId)
        && jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM spaces WHERE id = :id").bind("id", spaceId).mapTo(Long.class).one()) > 0;
    if (!visible) {
      throw new NotFoundException("space " + spaceId + " not found");
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  static EvaluatorDefinition map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new EvaluatorDefinition(rs.getString("id"), rs.getString("space_id"), rs.getString("name"), rs.getString("description"),
        EvaluatorKind.valueOf(rs.getString("kind")), rs.getLong("latest_version"), Times.instant(rs.getLong("created_at")),
        Times.instant(rs.getLong("updated_at")));
  }

  static EvaluatorVersion mapVersion(ResultSet rs, StatementContext ctx) throws SQLException {
    return new EvaluatorVersion(rs.getString("id"), rs.getString("evaluator_id"), rs.getLong("version"),
        rs.getString("commit_hash"), rs.getString("commit_message"), EvaluatorSpecJson.read(rs.getString("spec")),
        Times.instant(rs.getLong("created_at")));
  }
}
