package dev.assay.store;

import dev.assay.auth.AccessScope;
import dev.assay.experiments.Experiment;
import dev.assay.experiments.ExperimentCodec;
import dev.assay.experiments.ExperimentRun;
import dev.assay.experiments.ExperimentStatus;
import dev.assay.experiments.ExperimentStore;
import dev.assay.jobs.NewJob;
import dev.assay.shared.AssayException;
import dev.assay.shared.ConflictException;
import dev.assay.shared.Cursors;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.shared.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * {@link ExperimentStore} over V009. Writes go through {@link JdbcJobQueue#inTransaction} (an experiment and its run
 * job commit together; on DuckDB it also serialises the runner's concurrent run writes, which DuckDB would otherwise
 * fail as write-write conflicts). Labels live in {@code experiment_labels}, whose key makes a label name one
 * experiment per dataset.
 */
final class JdbcExperimentStore implements ExperimentStore {
  private static final int ID_CHUNK = 500;

  private final Jdbi jdbi;
  private final Clock clock;
  private final JdbcJobQueue jobs;
  private final String columns;
  private final String runColumns;
  private final String insert;
  private final String upsertRun;

  JdbcExperimentStore(Jdbi jdbi, Dialect dialect, Clock clock, JdbcJobQueue jobs) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.jobs = jobs;
    this.columns = "id, space_id, name, description, dataset_id, dataset_version_id, project_id, "
        + dialect.jsonText("task") + " AS task, " + dialect.jsonText("evaluators") + " AS evaluators, repetitions, "
        + "concurrency, " + dialect.jsonText("splits") + " AS splits, " + dialect.jsonText("metadata") + " AS metadata, "
        + "status, failure_reason, example_count, created_at, updated_at, started_at, finished_at";
    this.runColumns = "id, experiment_id, example_id, example_index, repetition, output, error, start_time, end_time, "
        + "prompt_tokens, completion_tokens, cost, trace_id, " + dialect.jsonText("extra") + " AS extra";
    this.insert = """
        INSERT INTO experiments (id, space_id, name, description, dataset_id, dataset_version_id, project_id, task,
            evaluators, repetitions, concurrency, splits, metadata, status, failure_reason, example_count, created_at,
            updated_at, started_at, finished_at)
        VALUES (:id, :space_id, :name, :description, :dataset_id, :dataset_version_id, :project_id, %s, %s,
            :repetitions, :concurrency, %s, %s, :status, :failure_reason, :example_count, :created_at, :updated_at,
            :started_at, :finished_at)""".formatted(dialect.jsonParam("task"), dialect.jsonParam("evaluators"),
        dialect.jsonParam("splits"), dialect.jsonParam("metadata"));
    this.upsertRun = """
        INSERT INTO experiment_runs (id, experiment_id, example_id, example_index, repetition, output, error,
            start_time, end_time, prompt_tokens, completion_tokens, cost, trace_id, extra, created_at)
        VALUES (:id, :experiment_id, :example_id, :example_index, :repetition, :output, :error, :start_time,
            :end_time, :prompt_tokens, :completion_tokens, :cost, :trace_id, %s, :created_at)
        ON CONFLICT (experiment_id, example_id, repetition) DO UPDATE SET output = excluded.output,
            error = excluded.error, start_time = excluded.start_time, end_time = excluded.end_time,
            prompt_tokens = excluded.prompt_tokens, completion_tokens = excluded.completion_tokens,
            cost = excluded.cost, trace_id = excluded.trace_id, extra = excluded.extra""".formatted(
        dialect.jsonParam("extra"));
  }

  // --- experiments -------------------------------------------------------------------------------------------

  @Override
  public Experiment insert(Experiment e, NewJob job) {
    Objects.requireNonNull(e, "experiment");
    try {
      jobs.inTransaction((h, q) -> {
        h.createUpdate(insert)
            .bind("id", e.id()).bind("space_id", e.spaceId()).bind("name", e.name())
            .bind("description", e.description()).bind("dataset_id", e.datasetId())
            .bind("dataset_version_id", e.datasetVersionId()).bind("project_id", e.projectId())
            .bind("task", ExperimentCodec.taskJson(e.task()))
            .bind("evaluators", ExperimentCodec.evaluatorsJson(e.evaluators()))
            .bind("repetitions", e.repetitions()).bind("concurrency", e.concurrency())
            .bind("splits", ExperimentCodec.write(e.splits())).bind("metadata", ExperimentCodec.write(e.metadata()))
            .bind("status", e.status().name()).bind("failure_reason", e.failureReason())
            .bind("example_count", e.exampleCount()).bind("created_at", micros(e.createdAt()))
            .bind("updated_at", micros(e.updatedAt() == null ? e.createdAt() : e.updatedAt()))
            .bind("started_at", micros(e.startedAt())).bind("finished_at", micros(e.finishedAt()))
            .execute();
        writeLabels(h, e.id(), scopeKey(e), e.labels(), Times.micros(e.createdAt()));
        if (job != null) {
          q.enqueue(List.of(job));
        }
        return null;
      });
    } catch (AssayException ex) {
      throw ex;
    } catch (RuntimeException ex) {
      if (findByName(AccessScope.unrestricted(), e.spaceId(), e.name()).isPresent()) {
        throw new ConflictException("an experiment named '" + e.name() + "' already exists in this space");
      }
      throw ex;
    }
    return findForWork(e.id()).orElseThrow();
  }

  @Override
  public Optional<Experiment> find(AccessScope scope, String id) {
    if (id == null) {
      return Optional.empty();
    }
    return jdbi.withHandle(h -> one(h, scope, "id = :id", Map.of("id", id)));
  }

  @Override
  public Optional<ExperimentStatus> status(String id) {
    if (id == null) {
      return Optional.empty();
    }
    return jdbi.withHandle(h -> h.createQuery("SELECT status FROM experiments WHERE id = :id").bind("id", id)
        .mapTo(String.class).findOne().map(ExperimentStatus::valueOf));
  }

  @Override
  public Optional<Experiment> findByName(AccessScope scope, String spaceId, String name) {
    if (spaceId == null || name == null) {
      return Optional.empty();
    }
    return jdbi.withHandle(h -> one(h, scope, "space_id = :space_id AND name = :name",
        Map.of("space_id", spaceId, "name", name)));
  }

  @Override
  public Optional<Experiment> findByLabel(AccessScope scope, String datasetId, String label) {
    if (datasetId == null || label == null) {
      return Optional.empty();
    }
    return jdbi.withHandle(h -> one(h, scope,
        "id IN (SELECT experiment_id FROM experiment_labels WHERE scope_key = :k AND label = :label)",
        Map.of("k", datasetId, "label", label)));
  }

  private Optional<Experiment> one(Handle h, AccessScope scope, String where, Map<String, ?> binds) {
    String sql = "SELECT " + columns + " FROM experiments WHERE " + where + " AND "
        + ScopeSql.spaceClause(scope, "space_id") + " ORDER BY created_at DESC, id DESC LIMIT 1";
    List<Experiment> rows = withLabels(h, ScopeSql.bind(h.createQuery(sql), scope).bindMap(binds)
        .map(JdbcExperimentStore::experiment).list());
    return rows.stream().findFirst();
  }

  @Override
  public Page<Experiment> list(AccessScope scope, String spaceId, String datasetId, String nameContains,
      PageRequest page) {
    String[] after = page.cursor() == null ? null : Cursors.decode(page.cursor(), 2);
    String sql = "SELECT " + columns + " FROM experiments WHERE " + ScopeSql.spaceClause(scope, "space_id")
        + (spaceId == null ? "" : " AND space_id = :space_id")
        + (datasetId == null ? "" : " AND dataset_id = :dataset_id")
        + (nameContains == null ? "" : " AND strpos(lower(name), lower(:name_contains)) > 0")
        + (after == null ? "" : " AND (created_at < :after_at OR (created_at = :after_at AND id < :after_id))")
        + " ORDER BY created_at DESC, id DESC LIMIT :limit";
    List<Experiment> rows = jdbi.withHandle(h -> {
      Query q = ScopeSql.bind(h.createQuery(sql), scope).bind("limit", page.limit() + 1);
      if (spaceId != null) {
        q.bind("space_id", spaceId);
      }
      if (datasetId != null) {
        q.bind("dataset_id", datasetId);
      }
      if (nameContains != null) {
        q.bind("name_contains", nameContains);
      }
      if (after != null) {
        q.bind("after_at", Long.parseLong(after[0])).bind("after_id", after[1]);
      }
      return withLabels(h, q.map(JdbcExperimentStore::experiment).list());
    });
    return Pages.of(rows, page.limit(), e -> Cursors.encode(Long.toString(Times.micros(e.createdAt())), e.id()));
  }

  @Override
  public boolean delete(AccessScope scope, String id) {
    if (find(scope, id).isEmpty()) {
      return false;
    }
    return jobs.inTransaction((h, q) -> {
      h.createUpdate("DELETE FROM evaluations WHERE target_kind = 'EXPERIMENT_RUN' AND target_id IN"
          + " (SELECT id FROM experiment_runs WHERE experiment_id = :id)").bind("id", id).execute();
      h.createUpdate("DELETE FROM experiment_runs WHERE experiment_id = :id").bind("id", id).execute();
      h.createUpdate("DELETE FROM experiment_labels WHERE experiment_id = :id").bind("id", id).execute();
      return h.createUpdate("DELETE FROM experiments WHERE id = :id").bind("id", id).execute() > 0;
    });
  }

  /** Deletes the experiments of a space with their runs, labels and the runs' evaluations (in the space's delete). */
  static void deleteInSpace(Handle h, String spaceId) {
    h.createUpdate("DELETE FROM evaluations WHERE target_kind = 'EXPERIMENT_RUN' AND target_id IN (SELECT r.id FROM"
        + " experiment_runs r JOIN experiments e ON e.id = r.experiment_id WHERE e.space_id = :s)")
        .bind("s", spaceId).execute();
    h.createUpdate("DELETE FROM experiment_runs WHERE experiment_id IN (SELECT id FROM experiments WHERE space_id = :s)")
        .bind("s", spaceId).execute();
    h.createUpdate("DELETE FROM experiment_labels WHERE experiment_id IN (SELECT id FROM experiments"
        + " WHERE space_id = :s)").bind("s", spaceId).execute();
    h.createUpdate("DELETE FROM experiments WHERE space_id = :s").bind("s", spaceId).execute();
  }

  @Override
  public Experiment setLabels(String id, List<String> labels, Instant now) {
    Experiment e = findForWork(id).orElseThrow(() -> new NotFoundException("experiment " + id + " not found"));
    jobs.inTransaction((h, q) -> {
      h.createUpdate("DELETE FROM experiment_labels WHERE experiment_id = :id").bind("id", id).execute();
      writeLabels(h, id, scopeKey(e), labels, Times.micros(now));
      return h.createUpdate("UPDATE experiments SET updated_at = :now WHERE id = :id")
          .bind("id", id).bind("now", Times.micros(now)).execute();
    });
    return findForWork(id).orElseThrow();
  }

  /** Takes each label from the other experiments of the same dataset, then gives it to this one. */
  private static void writeLabels(Handle h, String id, String scopeKey, List<String> labels, long now) {
    for (String label : new LinkedHashSet<>(labels)) {
      h.createUpdate("DELETE FROM experiment_labels WHERE scope_key = :k AND label = :label")
          .bind("k", scopeKey).bind("label", label).execute();
      h.createUpdate("INSERT INTO experiment_labels (scope_key, label, experiment_id, created_at)"
              + " VALUES (:k, :label, :id, :now)")
          .bind("k", scopeKey).bind("label", label).bind("id", id).bind("now", now).execute();
    }
  }

  private static String scopeKey(Experiment e) {
    return e.datasetId() != null ? e.datasetId() : "space:" + e.spaceId();
  }

  @Override
  public Optional<Transition> transition(String id, Set<ExperimentStatus> from, ExperimentStatus to, String reason,
      NewJob job, Instant now) {
    long at = Times.micros(now);
    List<String> names = from.stream().map(Enum::name).toList();
    int moved = jobs.inTransaction((h, q) -> {
      String set = switch (to) {
        case RUNNING -> "started_at = COALESCE(started_at, :now), failure_reason = NULL";
        case PENDING -> "failure_reason = NULL, finished_at = NULL";
        case COMPLETED, FAILED, CANCELLED -> "finished_at = :now, failure_reason = :reason";
      };
      int n = h.createUpdate("UPDATE experiments SET status = :to, updated_at = :now, " + set
              + " WHERE id = :id AND status IN (<from>)")
          .bind("id", id).bind("to", to.name()).bind("now", at).bind("reason", reason).bindList("from", names)
          .execute();
      if (n > 0 && job != null) {
        q.enqueue(List.of(job));
      }
      return n;
    });
    return findForWork(id).map(e -> new Transition(e, moved > 0));
  }

  @Override
  public void setExampleCount(String id, long count) {
    jobs.inTransaction((h, q) -> h.createUpdate("UPDATE experiments SET example_count = :n WHERE id = :id")
        .bind("id", id).bind("n", count).execute());
  }

  // --- runs --------------------------------------------------------------------------------------------------

  @Override
  public String upsertRun(ExperimentRun run, long exampleIndex, Map<String, Object> extra) {
    Objects.requireNonNull(run, "run");
    return jobs.inTransaction((h, q) -> {
      h.createUpdate(upsertRun)
          .bind("id", run.id()).bind("experiment_id", run.experimentId()).bind("example_id", run.exampleId())
          .bind("example_index", exampleIndex).bind("repetition", run.repetition()).bind("output", run.output())
          .bind("error", run.error()).bind("start_time", micros(run.startTime())).bind("end_time", micros(run.endTime()))
          .bind("prompt_tokens", run.promptTokens()).bind("completion_tokens", run.completionTokens())
          .bind("cost", run.cost()).bind("trace_id", run.traceId())
          .bind("extra", ExperimentCodec.write(extra == null ? Map.of() : extra))
          .bind("created_at", Times.nowMicros(clock))
          .execute();
      return h.createQuery("SELECT id FROM experiment_runs WHERE experiment_id = :e AND example_id = :x"
              + " AND repetition = :r")
          .bind("e", run.experimentId()).bind("x", run.exampleId()).bind("r", run.repetition())
          .mapTo(String.class).one();
    });
  }

  @Override
  public void upsertRuns(List<RunWrite> runs) {
    if (runs.isEmpty()) {
      return;
    }
    long now = Times.nowMicros(clock);
    jobs.inTransaction((h, q) -> {
      var batch = h.prepareBatch(upsertRun);
      for (RunWrite w : runs) {
        ExperimentRun run = w.run();
        batch.bind("id", run.id()).bind("experiment_id", run.experimentId()).bind("example_id", run.exampleId())
            .bind("example_index", w.exampleIndex()).bind("repetition", run.repetition()).bind("output", run.output())
            .bind("error", run.error()).bind("start_time", micros(run.startTime()))
            .bind("end_time", micros(run.endTime())).bind("prompt_tokens", run.promptTokens())
            .bind("completion_tokens", run.completionTokens()).bind("cost", run.cost()).bind("trace_id", run.traceId())
            .bind("extra", ExperimentCodec.write(w.extra() == null ? Map.of() : w.extra())).bind("created_at", now)
            .add();
      }
      return batch.execute();
    });
  }

  @Override
  public List<ExperimentRun> runs(String experimentId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + runColumns + " FROM experiment_runs"
            + " WHERE experiment_id = :e ORDER BY example_index, repetition, id")
        .bind("e", experimentId).map((rs, ctx) -> run(rs)).list());
  }

  @Override
  public Page<StoredRun> runs(String experimentId, PageRequest page) {
    String[] after = page.cursor() == null ? null : Cursors.decode(page.cursor(), 3);
    String sql = "SELECT " + runColumns + " FROM experiment_runs WHERE experiment_id = :e"
        + (after == null ? "" : " AND (example_index > :ai OR (example_index = :ai AND (repetition > :ar"
            + " OR (repetition = :ar AND id > :aid))))")
        + " ORDER BY example_index, repetition, id LIMIT :limit";
    List<Row> rows = jdbi.withHandle(h -> {
      Query q = h.createQuery(sql).bind("e", experimentId).bind("limit", page.limit() + 1);
      if (after != null) {
        q.bind("ai", Long.parseLong(after[0])).bind("ar", Integer.parseInt(after[1])).bind("aid", after[2]);
      }
      return q.map((rs, ctx) -> new Row(new StoredRun(run(rs), ExperimentCodec.readMap(rs.getString("extra"))),
          rs.getLong("example_index"))).list();
    });
    Page<Row> p = Pages.of(rows, page.limit(), r -> Cursors.encode(Long.toString(r.index()),
        Integer.toString(r.stored().run().repetition()), r.stored().run().id()));
    return new Page<>(p.items().stream().map(Row::stored).toList(), p.nextCursor());
  }

  private record Row(StoredRun stored, long index) {}

  @Override
  public List<ExperimentRun> runsById(Collection<String> runIds) {
    List<String> ids = List.copyOf(new LinkedHashSet<>(runIds));
    List<ExperimentRun> out = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += ID_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + ID_CHUNK));
      out.addAll(jdbi.withHandle(h -> h.createQuery("SELECT " + runColumns + " FROM experiment_runs WHERE id IN (<ids>)")
          .bindList("ids", chunk).map((rs, ctx) -> run(rs)).list()));
    }
    return out;
  }

  @Override
  public long nextExampleIndex(String experimentId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(example_index) + 1, 0) FROM experiment_runs"
        + " WHERE experiment_id = :e").bind("e", experimentId).mapTo(Long.class).one());
  }

  // --- mapping -----------------------------------------------------------------------------------------------

  private static List<Experiment> withLabels(Handle h, List<Experiment> rows) {
    if (rows.isEmpty()) {
      return rows;
    }
    Map<String, List<String>> labels = new HashMap<>();
    h.createQuery("SELECT experiment_id, label FROM experiment_labels WHERE experiment_id IN (<ids>)"
            + " ORDER BY created_at, label")
        .bindList("ids", rows.stream().map(Experiment::id).toList())
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
        .forEach(e -> labels.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return rows.stream().map(e -> new Experiment(e.id(), e.spaceId(), e.name(), e.description(), e.datasetId(),
        e.datasetVersionId(), e.projectId(), e.task(), e.evaluators(), e.repetitions(), e.concurrency(), e.splits(),
        e.metadata(), labels.getOrDefault(e.id(), List.of()), e.status(), e.failureReason(), e.exampleCount(),
        e.createdAt(), e.updatedAt(), e.startedAt(), e.finishedAt())).toList();
  }

  private static Experiment experiment(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws SQLException {
    return new Experiment(rs.getString("id"), rs.getString("space_id"), rs.getString("name"),
        rs.getString("description"), rs.getString("dataset_id"), rs.getString("dataset_version_id"),
        rs.getString("project_id"), ExperimentCodec.task(rs.getString("task")),
        ExperimentCodec.evaluators(rs.getString("evaluators")), rs.getInt("repetitions"), rs.getInt("concurrency"),
        ExperimentCodec.readStrings(rs.getString("splits")), ExperimentCodec.readMap(rs.getString("metadata")),
        List.of(), ExperimentStatus.valueOf(rs.getString("status")), rs.getString("failure_reason"),
        rs.getLong("example_count"), TaskRows.instant(rs, "created_at"), TaskRows.instant(rs, "updated_at"),
        TaskRows.instant(rs, "started_at"), TaskRows.instant(rs, "finished_at"));
  }

  private static ExperimentRun run(ResultSet rs) throws SQLException {
    return new ExperimentRun(rs.getString("id"), rs.getString("experiment_id"), rs.getString("example_id"),
        rs.getInt("repetition"), rs.getString("output"), rs.getString("error"), TaskRows.instant(rs, "start_time"),
        TaskRows.instant(rs, "end_time"), longOrNull(rs, "prompt_tokens"), longOrNull(rs, "completion_tokens"),
        doubleOrNull(rs, "cost"), rs.getString("trace_id"));
  }

  private static Long longOrNull(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  private static Double doubleOrNull(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }

  private static Long micros(Instant instant) {
    return instant == null ? null : Times.micros(instant);
  }

}
