package dev.assay.store;

import dev.assay.auth.AccessScope;
import dev.assay.eval.Evaluation;
import dev.assay.eval.EvaluationQuery;
import dev.assay.eval.EvaluationStore;
import dev.assay.shared.Cursors;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.shared.Ids;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

final class JdbcEvaluationStore implements EvaluationStore {
  private final Jdbi jdbi;
  private final Clock clock;
  private final String upsertSql;
  private final String selectColumns;
  private final boolean singleProcess;
  /**
   * DuckDB: one upsert transaction at a time (two concurrent transactions writing one key would fail with a DuckDB
   * write-write conflict instead of one replacing the other; one process owns the file, so a lock here is enough).
   * Upserts that arrive while one writes are queued and the next writer takes them all in one transaction (a group
   * commit): continuous evaluation upserts from many jobs at once, and a commit costs more than the rows.
   */
  private final Object group = new Object();
  private List<Queued> queued = new ArrayList<>(); // guarded by group
  private boolean writing; // guarded by group

  private record Queued(AccessScope scope, List<Evaluation> evaluations, CompletableFuture<List<Evaluation>> result) {}

  JdbcEvaluationStore(Jdbi jdbi, Dialect dialect, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.upsertSql = """
        INSERT INTO evaluations (id, project_id, target_kind, target_id, name, identifier, evaluator_id,
            evaluator_version, label, score, explanation, passed, annotator_kind, source, metadata, run_id, error,
            created_at, updated_at)
        VALUES (:id, :project_id, :target_kind, :target_id, :name, :identifier, :evaluator_id, :evaluator_version,
            :label, :score, :explanation, :passed, :annotator_kind, :source, %s, :run_id, :error, :now, :now)
        ON CONFLICT (project_id, target_kind, target_id, name, identifier) DO UPDATE SET
            evaluator_id = excluded.evaluator_id, evaluator_version = excluded.evaluator_version,
            label = excluded.label, score = excluded.score, explanation = excluded.explanation, passed = excluded.passed,
            annotator_kind = excluded.annotator_kind, source = excluded.source, metadata = excluded.metadata,
            run_id = excluded.run_id, error = excluded.error, updated_at = excluded.updated_at""".formatted(dialect.jsonParam("metadata"));
    this.selectColumns = columns(dialect);
    this.singleProcess = dialect.singleProcess();
  }

  /** The columns {@link #map} reads, for other stores that read evaluations along with their targets. */
  static String columns(Dialect dialect) {
    return """
        id, project_id, target_kind, target_id, name, identifier, evaluator_id, evaluator_version, label, score,
        explanation, passed, annotator_kind, source, %s AS metadata, run_id, error, created_at, updated_at""".formatted(dialect.jsonText("metadata"));
  }

  @Override
  public List<Evaluation> upsert(AccessScope scope, List<Evaluation> evaluations) {
    if (evaluations.isEmpty()) {
      return List.of();
    }
    if (singleProcess) {
      return upsertGrouped(scope, evaluations);
    }
    long now = Times.nowMicros(clock);
    return jdbi.inTransaction(h -> {
      requireVisibleProjects(h, scope, evaluations);
      for (Evaluation e : evaluations) {
        bindValues(h.createUpdate(upsertSql), e, now)
            .bind("id", e.id() == null ? Ids.newId(clock) : e.id())
            .execute();
      }
      List<Evaluation> stored = new ArrayList<>(evaluations.size());
      for (Evaluation e : evaluations) {
        stored.add(h.createQuery("SELECT " + selectColumns + " FROM evaluations WHERE project_id = :p AND target_kind = :k"
                + " AND target_id = :t AND name = :n AND identifier = :i")
            .bind("p", e.projectId()).bind("k", e.targetKind().name()).bind("t", e.targetId())
            .bind("n", e.name()).bind("i", e.identifier())
            .map(JdbcEvaluationStore::map).one());
      }
      return stored;
    });
  }

  /** The key of a result: one per (project, target kind, target, name, identifier). */
  private record Key(String projectId, String targetKind, String targetId, String name, String identifier) {
    static Key of(Evaluation e) {
      return new Key(e.projectId(), e.targetKind().name(), e.targetId(), e.name(), e.identifier());
    }
  }

  /**
   * DuckDB's upsert. {@code INSERT … ON CONFLICT DO UPDATE} costs far more per row there and grows with the table
   * (see {@code JdbcSpanSink.rollup}), and statements bound row by row cost ~0.2 ms a row. So, in one transaction
   * under {@link #group}: the batch (one row per key: the first id, the last values, as a sequence of
   * upserts would leave it) goes into a TEMP staging table through the Appender; {@code INSERT … SELECT … ON
   * CONFLICT DO NOTHING RETURNING id} inserts the new keys (the unique index finds conflicts without a scan); only
   * when some keys existed, an {@code UPDATE … FROM} the staging table replaces their values, keeping their id and
   * created_at. The rows are read back by their {@code updated_at} (this call's time: zone maps skip older row
   * groups). Continuous evaluation writes new keys only, so it never scans the table.
   */
  private List<Evaluation> upsertGrouped(AccessScope scope, List<Evaluation> evaluations) {
    Queued mine = new Queued(scope, List.copyOf(evaluations), new CompletableFuture<>());
    synchronized (group) {
      queued.add(mine);
    }
    while (!mine.result().isDone()) {
      List<Queued> batch;
      synchronized (group) {
        if (mine.result().isDone()) {
          break;
        }
        if (writing) {
          try {
            group.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to store evaluations", e);
          }
          continue;
        }
        writing = true;
        batch = queued;
        queued = new ArrayList<>();
      }
      try {
        writeGroup(batch);
      } finally {
        synchronized (group) {
          writing = false;
          group.notifyAll();
        }
      }
    }
    try {
      return mine.result().join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /** All queued upserts in one transaction; when that fails (one bad request), each in its own, so only it fails. */
  private void writeGroup(List<Queued> batch) {
    long now = Times.nowMicros(clock);
    if (batch.size() > 1) {
      try {
        List<Evaluation> all = new ArrayList<>();
        batch.forEach(q -> all.addAll(q.evaluations()));
        List<Evaluation> stored = jdbi.inTransaction(h -> {
          for (Queued q : batch) { // the transaction's first statements, before the Appender
            requireVisibleProjects(h, q.scope(), q.evaluations());
          }
          return upsertSingleProcess(h, all, now);
        });
        int at = 0;
        for (Queued q : batch) {
          q.result().complete(List.copyOf(stored.subList(at, at + q.evaluations().size())));
          at += q.evaluations().size();
        }
        return;
      } catch (RuntimeException e) {
        // rolled back: retried one by one below
      }
    }
    for (Queued q : batch) {
      try {
        q.result().complete(jdbi.inTransaction(h -> {
          requireVisibleProjects(h, q.scope(), q.evaluations()); // the first statement, before the Appender
          return upsertSingleProcess(h, q.evaluations(), now);
        }));
      } catch (RuntimeException | Error e) {
        q.result().completeExceptionally(e);
      }
    }
  }

  private List<Evaluation> upsertSingleProcess(Handle h, List<Evaluation> evaluations, long now) {
    Map<Key, Evaluation> last = new LinkedHashMap<>();
    Map<Key, String> firstId = new HashMap<>();
    for (Evaluation e : evaluations) {
      Key key = Key.of(e);
      last.put(key, e);
      if (!firstId.containsKey(key)) {
        firstId.put(key, e.id() == null ? Ids.newId(clock) : e.id());
      }
    }
    stage(h, last, firstId);
    Set<String> inserted = new java.util.HashSet<>(h.createQuery("INSERT INTO evaluations (" + STAGE_COLUMNS
            + ", created_at, updated_at) SELECT " + STAGE_COLUMNS.replace("metadata", "CAST(metadata AS JSON)")
            + ", :now, :now FROM " + STAGE + " ON CONFLICT (project_id, target_kind, target_id, name, identifier)"
            + " DO NOTHING RETURNING id")
        .bind("now", now).mapTo(String.class).list());
    if (inserted.size() < last.size()) {
      h.createUpdate("UPDATE evaluations AS e SET " + UPDATE_SET + ", updated_at = :now FROM " + STAGE + " AS x"
              + " WHERE e.project_id = x.project_id AND e.target_kind = x.target_kind AND e.target_id = x.target_id"
              + " AND e.name = x.name AND e.identifier = x.identifier")
          .bind("now", now).execute(); // rows just inserted get the same values again: harmless
    }
    h.execute("DELETE FROM " + STAGE);
    Map<Key, Evaluation> stored = new HashMap<>();
    if (inserted.size() == last.size()) {
      // Every key was new (continuous evaluation's case): the rows are exactly what was staged, no read needed.
      Instant at = Times.instant(now);
      last.forEach((k, e) -> stored.put(k, new Evaluation(firstId.get(k), e.projectId(), e.targetKind(), e.targetId(),
          e.name(), e.identifier(), e.evaluatorId(), e.evaluatorVersion(), e.label(), e.score(), e.explanation(),
          e.passed(), e.annotatorKind(), e.source(), e.metadataJson(), e.runId(), e.error(), at, at)));
      return evaluations.stream().map(e -> stored.get(Key.of(e))).toList();
    }
    Map<String, Set<String>> targetsByProject = new LinkedHashMap<>();
    last.keySet().forEach(k -> targetsByProject.computeIfAbsent(k.projectId(), p -> new LinkedHashSet<>()).add(k.targetId()));
    targetsByProject.forEach((projectId, targetIds) -> h.createQuery("SELECT " + selectColumns + " FROM evaluations"
            + " WHERE updated_at >= :now AND project_id = :p AND target_id IN (<t>)")
        .bind("now", now).bind("p", projectId).bindList("t", List.copyOf(targetIds))
        .map(JdbcEvaluationStore::map)
        .forEach(e -> stored.put(Key.of(e), e)));
    return evaluations.stream().map(e -> stored.get(Key.of(e))).toList();
  }

  private static final String STAGE = "evaluations_stage";
  private static final String STAGE_COLUMNS = "id, project_id, target_kind, target_id, name, identifier, evaluator_id,"
      + " evaluator_version, label, score, explanation, passed, annotator_kind, source, metadata, run_id, error";
  private static final String UPDATE_SET = "evaluator_id = x.evaluator_id, evaluator_version = x.evaluator_version,"
      + " label = x.label, score = x.score, explanation = x.explanation, passed = x.passed,"
      + " annotator_kind = x.annotator_kind, source = x.source, metadata = CAST(x.metadata AS JSON), run_id = x.run_id,"
      + " error = x.error";

  /** Fills the (emptied) TEMP staging table with one row per key through DuckDB's Appender. */
  private static void stage(Handle h, Map<Key, Evaluation> rows, Map<Key, String> ids) {
    h.execute("CREATE TEMP TABLE IF NOT EXISTS " + STAGE + " (id VARCHAR, project_id VARCHAR, target_kind VARCHAR,"
        + " target_id VARCHAR, name VARCHAR, identifier VARCHAR, evaluator_id VARCHAR, evaluator_version BIGINT,"
        + " label VARCHAR, score DOUBLE, explanation VARCHAR, passed BOOLEAN, annotator_kind VARCHAR, source VARCHAR,"
        + " metadata VARCHAR, run_id VARCHAR, error VARCHAR)");
    h.execute("DELETE FROM " + STAGE);
    try (DuckDBAppender appender = h.getConnection().unwrap(DuckDBConnection.class).createAppender("temp", "main", STAGE)) {
      for (Map.Entry<Key, Evaluation> row : rows.entrySet()) {
        Evaluation e = row.getValue();
        appender.beginRow();
        appender.append(ids.get(row.getKey()));
        appender.append(e.projectId());
        appender.append(e.targetKind().name());
        appender.append(e.targetId());
        appender.append(e.name());
        appender.append(e.identifier());
        appender.append(e.evaluatorId());
        appender.append(e.evaluatorVersion());
        appender.append(e.label());
        appender.append(e.score());
        appender.append(e.explanation());
        appender.append(e.passed());
        appender.append(e.annotatorKind().name());
        appender.append(e.source().name());
        appender.append(e.metadataJson());
        appender.append(e.runId());
        appender.append(e.error());
        appender.endRow();
      }
    } catch (SQLException e) { // close() flushes into the staging table
      throw new IllegalStateException("could not stage " + rows.size() + " evaluations: " + e.getMessage(), e);
    }
  }

  /** Binds every column but {@code id}. */
  private static <S extends SqlStatement<S>> S bindValues(S statement, Evaluation e, long now) {
    return statement
            .bind("project_id", e.projectId())
            .bind("target_kind", e.targetKind().name())
            .bind("target_id", e.targetId())
            .bind("name", e.name())
            .bind("identifier", e.identifier())
            .bind("evaluator_id", e.evaluatorId())
            .bind("evaluator_version", e.evaluatorVersion())
            .bind("label", e.label())
            .bind("score", e.score())
            .bind("explanation", e.explanation())
            .bind("passed", e.passed())
            .bind("annotator_kind", e.annotatorKind().name())
            .bind("source", e.source().name())
            .bind("metadata", e.metadataJson())
            .bind("run_id", e.runId())
            .bind("error", e.error())
            .bind("now", now);
  }

  private static void requireVisibleProjects(Handle h, AccessScope scope, List<Evaluation> evaluations) {
    Set<String> projectIds = new LinkedHashSet<>();
    evaluations.forEach(e -> projectIds.add(e.projectId()));
    String sql = "SELECT count(*) FROM projects WHERE id = :id AND " + ScopeSql.spaceClause(scope, "space_id");
    for (String projectId : projectIds) {
      long found = ScopeSql.bind(h.createQuery(sql), scope).bind("id", projectId).mapTo(Long.class).one();
      if (found == 0) {
        throw new NotFoundException("project " + projectId + " not found");
      }
    }
  }

  @Override
  public List<Evaluation> listForTarget(AccessScope scope, String projectId, Evaluation.TargetKind kind, String targetId) {
    String sql = "SELECT " + selectColumns + " FROM evaluations WHERE project_id = :p AND target_kind = :k AND target_id = :t AND "
        + ScopeSql.projectClause(scope, "project_id") + " ORDER BY name, identifier";
    return jdbi.withHandle(h -> ScopeSql.bind(h.createQuery(sql), scope)
        .bind("p", projectId).bind("k", kind.name()).bind("t", targetId)
        .map(JdbcEvaluationStore::map).list());
  }

  @Override
  public List<Evaluation> listForTargets(AccessScope scope, String projectId,
      Map<Evaluation.TargetKind, ? extends Collection<String>> targets, java.time.Instant createdSince) {
    List<String> clauses = new ArrayList<>();
    Map<String, Object> binds = new LinkedHashMap<>();
    Map<String, List<String>> lists = new LinkedHashMap<>();
    for (Map.Entry<Evaluation.TargetKind, ? extends Collection<String>> e : targets.entrySet()) {
      if (e.getValue() == null || e.getValue().isEmpty()) {
        continue;
      }
      String kind = "k" + clauses.size();
      String ids = "ids" + clauses.size();
      clauses.add("(target_kind = :" + kind + " AND target_id IN (<" + ids + ">))");
      binds.put(kind, e.getKey().name());
      lists.put(ids, List.copyOf(new LinkedHashSet<>(e.getValue())));
    }
    if (clauses.isEmpty()) {
      return List.of();
    }
    String sql = "SELECT " + selectColumns + " FROM evaluations WHERE project_id = :p AND (" + String.join(" OR ", clauses)
        + ")" + (createdSince == null ? "" : " AND created_at >= :created_since")
        + " AND " + ScopeSql.projectClause(scope, "project_id") + " ORDER BY target_kind, target_id, name, identifier";
    if (createdSince != null) {
      binds.put("created_since", Times.micros(createdSince));
    }
    return jdbi.withHandle(h -> {
      Query query = ScopeSql.bind(h.createQuery(sql), scope).bind("p", projectId).bindMap(binds);
      lists.forEach(query::bindList);
      return query.map(JdbcEvaluationStore::map).list();
    });
  }

  @Override
  public Page<Evaluation> list(AccessScope scope, EvaluationQuery query, PageRequest page) {
    String[] after = page.cursor() == null ? null : Cursors.decode(page.cursor(), 2);
    long afterUpdated;
    try {
      afterUpdated = after == null ? 0 : Long.parseLong(after[0]);
    } catch (NumberFormatException e) {
      throw new InvalidInputException("invalid pagination cursor");
    }
    String sql = "SELECT " + selectColumns + " FROM evaluations WHERE project_id = :p AND "
        + ScopeSql.projectClause(scope, "project_id")
        + (query.targetKind() == null ? "" : " AND target_kind = :target_kind")
        + (query.targetId() == null ? "" : " AND target_id = :target_id")
        + (query.name() == null ? "" : " AND name = :name")
        + (query.evaluatorId() == null ? "" : " AND evaluator_id = :evaluator_id")
        + (query.runId() == null ? "" : " AND run_id = :run_id")
        + (after == null ? "" : " AND (updated_at < :after_updated OR (updated_at = :after_updated AND id < :after_id))")
        + " ORDER BY updated_at DESC, id DESC LIMIT :limit";
    List<Evaluation> rows = jdbi.withHandle(h -> {
      Query q = ScopeSql.bind(h.createQuery(sql), scope).bind("p", query.projectId()).bind("limit", page.limit() + 1);
      if (query.targetKind() != null) {
        q.bind("target_kind", query.targetKind().name());
      }
      if (query.targetId() != null) {
        q.bind("target_id", query.targetId());
      }
      if (query.name() != null) {
        q.bind("name", query.name());
      }
      if (query.evaluatorId() != null) {
        q.bind("evaluator_id", query.evaluatorId());
      }
      if (query.runId() != null) {
        q.bind("run_id", query.runId());
      }
      if (after != null) {
        q.bind("after_updated", afterUpdated).bind("after_id", after[1]);
      }
      return q.map(JdbcEvaluationStore::map).list();
    });
    return Pages.of(rows, page.limit(), e -> Cursors.encode(Long.toString(Times.micros(e.updatedAt())), e.id()));
  }

  static Evaluation map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Evaluation(rs.getString("id"), rs.getString("project_id"), Evaluation.TargetKind.valueOf(rs.getString("target_kind")),
        rs.getString("target_id"), rs.getString("name"), rs.getString("identifier"), rs.getString("evaluator_id"),
        JdbcSpanStore.nullableLong(rs, "evaluator_version"), rs.getString("label"), JdbcSpanStore.nullableDouble(rs, "score"),
        rs.getString("explanation"), nullableBoolean(rs, "passed"), Evaluation.AnnotatorKind.valueOf(rs.getString("annotator_kind")),
        Evaluation.Source.valueOf(rs.getString("source")), rs.getString("metadata"), rs.getString("run_id"), rs.getString("error"),
        Times.instant(rs.getLong("created_at")), Times.instant(rs.getLong("updated_at")));
  }

  private static Boolean nullableBoolean(ResultSet rs, String column) throws SQLException {
    boolean value = rs.getBoolean(column);
    return rs.wasNull() ? null : value;
  }
}
