package dev.assay.store;

import static dev.assay.store.StagingTable.Column.bigint;
import static dev.assay.store.StagingTable.Column.float8;
import static dev.assay.store.StagingTable.Column.text;

import dev.assay.jobs.NewJob;
import dev.assay.shared.Times;
import dev.assay.store.SpanRollup.SessionDelta;
import dev.assay.store.SpanRollup.SessionTrace;
import dev.assay.store.SpanRollup.TraceDelta;
import dev.assay.traces.Span;
import dev.assay.traces.SpanCommitJobs;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Writes a batch of spans and maintains the {@code traces} and {@code sessions} roll-ups in the same
 * transaction, for both dialects. Each step bulk-loads a staging table ({@link Dialect#bulkLoad()}) and
 * moves it with one set-based statement:
 * <ol>
 *   <li>spans → {@code INSERT … ON CONFLICT DO NOTHING RETURNING} keys: a resent span is skipped, and
 *       only the spans actually inserted feed the roll-ups, so nothing is counted twice;
 *   <li>(session, trace) pairs → {@code session_traces}, returning the pairs new to their session;
 *   <li>per-trace and per-session deltas ({@link SpanRollup}) → upserts that add counts and sums,
 *       widen start/end and keep the earliest root's fields (on DuckDB as an update of the existing rows
 *       followed by an insert of the new keys, see {@link #rollup});
 *   <li>the inline feedback of the inserted spans ({@link Span#inlineFeedback()}) → {@code evaluations},
 *       upserted by (project, target kind, target id, name, identifier) in a JDBC batch ({@link InlineResults});
 *   <li>the jobs the inserted spans start ({@link SpanCommitJobs}, e.g. continuous evaluation) → {@code jobs}: an
 *       outbox, so a crash keeps both the spans and their work or neither. After the commit the local job workers
 *       are woken ({@code jobsCommitted}) instead of waiting for their next poll.
 * </ol>
 * Spans may arrive in any order and over any number of batches (children before their root), and both
 * dialects end with identical rows. Within one batch the first occurrence of a span key wins; a span
 * already stored is never changed. Invalid JSON in attributes or events fails the batch. Upserts touch
 * rows in key order, so concurrent PostgreSQL replicas do not deadlock on them.
 *
 * <p>Must be called inside a transaction, which {@link BatchingWriter} provides. Not thread-safe: one
 * sink per writer; its staging tables and prepared statements live on the writer's connection
 * ({@link StagingArea}).
 */
public final class JdbcSpanSink implements BatchSink<Span> {
  private static final String NEWER_ROOT =
      "excluded.root_span_id IS NOT NULL AND (t.root_span_id IS NULL OR excluded.root_span_id < t.root_span_id)";
  private static final String EARLIER_FIRST = """
      excluded.first_root_span_id IS NOT NULL AND (s.first_root_span_id IS NULL OR excluded.first_root_start < s.first_root_start
        OR (excluded.first_root_start = s.first_root_start AND excluded.first_root_span_id < s.first_root_span_id))""";
  private static final String LATER_LAST = """
      excluded.last_root_span_id IS NOT NULL AND (s.last_root_span_id IS NULL OR excluded.last_root_start > s.last_root_start
        OR (excluded.last_root_start = s.last_root_start AND excluded.last_root_span_id > s.last_root_span_id))""";

  private final Clock clock;
  private final SpanCommitJobs commitJobs;
  private final Runnable jobsCommitted;
  private final InsertJobs insertJobs;
  private final InsertSpans spans;
  private final InlineResults feedback;
  private final StagingTable pairs;
  private final StagingTable traces;
  private final StagingTable sessions;
  private final StagingArea area;
  private final String insertPairs;
  private final List<String> traceRollup;
  private final List<String> sessionRollup;

  public JdbcSpanSink(Dialect dialect, Clock clock) {
    this(dialect, clock, SpanCommitJobs.NONE);
  }

  /** @param commitJobs the work the inserted spans of each commit start, enqueued in that commit */
  public JdbcSpanSink(Dialect dialect, Clock clock, SpanCommitJobs commitJobs) {
    this(dialect, clock, commitJobs, () -> {});
  }

  /**
   * @param commitJobs the work the inserted spans of each commit start, enqueued in that commit
   * @param jobsCommitted runs on the writer thread after a commit that enqueued jobs (wakes the job workers; see
   *     {@link JdbcStore#spanSink}); must be quick
   */
  public JdbcSpanSink(Dialect dialect, Clock clock, SpanCommitJobs commitJobs, Runnable jobsCommitted) {
    Objects.requireNonNull(dialect, "dialect");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.commitJobs = Objects.requireNonNull(commitJobs, "commitJobs");
    this.jobsCommitted = Objects.requireNonNull(jobsCommitted, "jobsCommitted");
    insertJobs = new InsertJobs(dialect);
    spans = new InsertSpans(dialect);
    feedback = new InlineResults(dialect, clock);
    pairs = StagingTable.create(dialect, "assay_stage_session_traces", List.of(text("project_id"), text("session_id"), text("trace_id")));
    traces = StagingTable.create(dialect, "assay_stage_traces", List.of(
        text("project_id"), text("trace_id"), text("root_span_id"), text("root_span_name"), bigint("start_time"), bigint("end_time"),
        bigint("span_count"), bigint("error_count"), bigint("prompt_tokens"), bigint("completion_tokens"), bigint("total_tokens"),
        float8("cost_total"), text("session_id")));
    sessions = StagingTable.create(dialect, "assay_stage_sessions", List.of(
        text("project_id"), text("session_id"), text("user_id"), bigint("first_root_start"), text("first_root_span_id"),
        text("first_input"), bigint("last_root_start"), text("last_root_span_id"), text("last_output"), bigint("start_time"),
        bigint("end_time"), bigint("trace_count"), bigint("span_count"), bigint("error_count"), bigint("total_tokens"),
        float8("cost_total")));
    area = new StagingArea(List.of(spans.stage(), pairs, traces, sessions));

    insertPairs = "INSERT INTO session_traces (project_id, session_id, trace_id) SELECT project_id, session_id, trace_id FROM "
        + pairs.name() + " ORDER BY project_id, session_id, trace_id ON CONFLICT DO NOTHING RETURNING project_id, session_id, trace_id";
    traceRollup = rollup(dialect, "traces", "t", "project_id, trace_id", traces, """
        root_span_id = CASE WHEN %1$s THEN excluded.root_span_id ELSE t.root_span_id END,
        root_span_name = CASE WHEN %1$s THEN excluded.root_span_name ELSE t.root_span_name END,
        start_time = LEAST(t.start_time, excluded.start_time),
        end_time = GREATEST(t.end_time, excluded.end_time),
        span_count = t.span_count + excluded.span_count,
        error_count = t.error_count + excluded.error_count,
        prompt_tokens = t.prompt_tokens + excluded.prompt_tokens,
        completion_tokens = t.completion_tokens + excluded.completion_tokens,
        total_tokens = t.total_tokens + excluded.total_tokens,
        cost_total = t.cost_total + excluded.cost_total,
        session_id = COALESCE(t.session_id, excluded.session_id)""".formatted(NEWER_ROOT));
    sessionRollup = rollup(dialect, "sessions", "s", "project_id, session_id", sessions, """
        user_id = COALESCE(s.user_id, excluded.user_id),
        first_root_start = CASE WHEN %1$s THEN excluded.first_root_start ELSE s.first_root_start END,
        first_root_span_id = CASE WHEN %1$s THEN excluded.first_root_span_id ELSE s.first_root_span_id END,
        first_input = CASE WHEN %1$s THEN excluded.first_input ELSE s.first_input END,
        last_root_start = CASE WHEN %2$s THEN excluded.last_root_start ELSE s.last_root_start END,
        last_root_span_id = CASE WHEN %2$s THEN excluded.last_root_span_id ELSE s.last_root_span_id END,
        last_output = CASE WHEN %2$s THEN excluded.last_output ELSE s.last_output END,
        start_time = LEAST(s.start_time, excluded.start_time),
        end_time = GREATEST(s.end_time, excluded.end_time),
        trace_count = s.trace_count + excluded.trace_count,
        span_count = s.span_count + excluded.span_count,
        error_count = s.error_count + excluded.error_count,
        total_tokens = s.total_tokens + excluded.total_tokens,
        cost_total = s.cost_total + excluded.cost_total""".formatted(EARLIER_FIRST, LATER_LAST));
  }

  /** A rough size of spans in memory (their text dominates), for {@link BatchingWriter#submit(List, long)}. */
  public static long approximateBytes(Collection<Span> batch) {
    long bytes = 0;
    for (Span s : batch) {
      bytes += 256 + 2L * (length(s.inputValue()) + length(s.outputValue()) + length(s.attributesJson())
          + length(s.eventsJson()) + length(s.statusMessage()) + length(s.name()) + length(s.largeAttributesJson()));
    }
    return bytes;
  }

  @Override
  public void write(Handle transaction, List<Span> rows) throws Exception {
    try {
      area.begin(transaction);
      writeBatch(transaction, rows);
    } catch (Exception | Error e) {
      area.forget();
      throw e;
    }
  }

  private void writeBatch(Handle h, List<Span> rows) throws Exception {
    long now = Times.nowMicros(clock);
    Map<InsertSpans.Key, Span> unique = new LinkedHashMap<>();
    for (Span s : rows) {
      unique.putIfAbsent(InsertSpans.Key.of(s), s);
    }
    List<Span> inserted = spans.insert(h, area, List.copyOf(unique.values()), now);
    if (inserted.isEmpty()) {
      return;
    }
    Set<SessionTrace> sessionTraces = SpanRollup.sessionTraces(inserted);
    List<SessionTrace> newPairs = List.of();
    if (!sessionTraces.isEmpty()) {
      pairs.load(h, List.copyOf(sessionTraces), JdbcSpanSink::encodePair);
      newPairs = new ArrayList<>(sessionTraces.size());
      try (ResultSet rs = area.statement(insertPairs).executeQuery()) {
        while (rs.next()) {
          newPairs.add(new SessionTrace(rs.getString(1), rs.getString(2), rs.getString(3)));
        }
      }
    }
    traces.load(h, SpanRollup.traces(inserted), JdbcSpanSink::encodeTrace);
    for (String sql : traceRollup) {
      execute(sql, now);
    }
    List<SessionDelta> sessionDeltas = SpanRollup.sessions(inserted, newPairs);
    if (!sessionDeltas.isEmpty()) {
      sessions.load(h, sessionDeltas, JdbcSpanSink::encodeSession);
      for (String sql : sessionRollup) {
        execute(sql, now);
      }
    }
    feedback.write(area, inserted, now);
    List<NewJob> jobs = commitJobs.jobsFor(inserted, now);
    if (!jobs.isEmpty()) {
      insertJobs.run(h, jobs, clock, now);
      h.afterCommit(jobsCommitted);
    }
  }

  /**
   * The statements that merge one staged roll-up delta table into {@code table}, each with one parameter: the
   * update time. {@code merge} is the SET list, naming the stored row {@code alias} and the delta
   * {@code excluded}. PostgreSQL: one upsert, safe between replicas. DuckDB (one process, one writer): an
   * {@code UPDATE … FROM} of the rows that exist, then a plain {@code INSERT} of the keys still absent;
   * DuckDB's {@code ON CONFLICT DO UPDATE} costs far more per row than either, and grows with the table.
   */
  private static List<String> rollup(Dialect dialect, String table, String alias, String key, StagingTable stage, String merge) {
    String columns = stage.columnList();
    if (!dialect.singleProcess()) {
      return List.of("INSERT INTO " + table + " AS " + alias + " (" + columns + ", updated_at) SELECT " + columns + ", ? FROM "
          + stage.name() + " ORDER BY " + key + " ON CONFLICT (" + key + ") DO UPDATE SET " + merge
          + ", updated_at = excluded.updated_at");
    }
    String join = Arrays.stream(key.split(", ")).map(k -> alias + "." + k + " = x." + k).collect(Collectors.joining(" AND "));
    String update = "UPDATE " + table + " AS " + alias + " SET " + merge.replace("excluded.", "x.") + ", updated_at = ? FROM "
        + stage.name() + " AS x WHERE " + join;
    String insert = "INSERT INTO " + table + " (" + columns + ", updated_at) SELECT " + columns + ", ? FROM " + stage.name()
        + " AS x WHERE NOT EXISTS (SELECT 1 FROM " + table + " AS " + alias + " WHERE " + join + ")";
    return List.of(update, insert);
  }

  private void execute(String sql, long now) throws SQLException {
    PreparedStatement statement = area.statement(sql);
    statement.setLong(1, now);
    statement.executeUpdate();
  }

  private static void encodePair(SessionTrace p, StagingTable.RowWriter out) throws SQLException {
    out.text(p.projectId());
    out.text(p.sessionId());
    out.text(p.traceId());
  }

  private static void encodeTrace(TraceDelta t, StagingTable.RowWriter out) throws SQLException {
    out.text(t.projectId());
    out.text(t.traceId());
    out.text(t.rootSpanId());
    out.text(t.rootSpanName());
    out.bigint(t.startTime());
    out.bigint(t.endTime());
    out.bigint(t.spanCount());
    out.bigint(t.errorCount());
    out.bigint(t.promptTokens());
    out.bigint(t.completionTokens());
    out.bigint(t.totalTokens());
    out.float8(t.costTotal());
    out.text(t.sessionId());
  }

  private static void encodeSession(SessionDelta d, StagingTable.RowWriter out) throws SQLException {
    out.text(d.projectId());
    out.text(d.sessionId());
    out.text(d.userId());
    out.bigint(d.firstRootStart());
    out.text(d.firstRootSpanId());
    out.text(d.firstInput());
    out.bigint(d.lastRootStart());
    out.text(d.lastRootSpanId());
    out.text(d.lastOutput());
    out.bigint(d.startTime());
    out.bigint(d.endTime());
    out.bigint(d.traceCount());
    out.bigint(d.spanCount());
    out.bigint(d.errorCount());
    out.bigint(d.totalTokens());
    out.float8(d.costTotal());
  }



  private static int length(String s) {
    return s == null ? 0 : s.length();
  }
}
