package dev.assay.store;

import dev.assay.shared.Times;
import dev.assay.traces.SpanDeletion;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * Deletes spans (by id, a whole trace, or a whole session's traces) inside the caller's transaction and
 * brings everything derived from them back in line with the spans that remain:
 * <ol>
 *   <li>the evaluations of deleted spans go (unless another trace still holds a span of that id);
 *   <li>each touched trace's roll-up is recomputed from its remaining spans with the rules of
 *       {@link SpanRollup} (root: the root span with the smallest id; session id: from the earliest span
 *       carrying one), and a trace left without spans goes with its evaluations;
 *   <li>a (session, trace) pair whose trace no longer holds a span of that session goes;
 *   <li>each touched session's roll-up is recomputed from its remaining spans and pairs (first input /
 *       last output: earliest / latest root span by start time, then span id), and a session left
 *       without spans goes with its evaluations.
 * </ol>
 * Recomputing from what remains (rather than subtracting what went) gives the same numbers whatever
 * order the spans arrived in. Ids are bound in chunks, so any number of touched traces fits a statement.
 */
final class DeleteSpans {
  private static final int CHUNK = 500;
  private static final String ROOT = "(%1$s.parent_id IS NULL OR %1$s.parent_id = '')";

  private static final String TRACE_SUMS = """
      UPDATE traces SET start_time = a.start_time, end_time = a.end_time, span_count = a.span_count,
        error_count = a.error_count, prompt_tokens = a.prompt_tokens, completion_tokens = a.completion_tokens,
        total_tokens = a.total_tokens, cost_total = a.cost_total, root_span_id = a.root_span_id, updated_at = :now
      FROM (SELECT s.trace_id, min(s.start_time) AS start_time, max(s.end_time) AS end_time, count(*) AS span_count,
              sum(CASE WHEN s.status_code = 'ERROR' THEN 1 ELSE 0 END) AS error_count,
              coalesce(sum(s.prompt_tokens), 0) AS prompt_tokens, coalesce(sum(s.completion_tokens), 0) AS completion_tokens,
              coalesce(sum(s.total_tokens), 0) AS total_tokens, coalesce(sum(s.cost_total), 0) AS cost_total,
              min(CASE WHEN %s THEN s.span_id END) AS root_span_id
            FROM spans s WHERE s.project_id = :p AND s.trace_id IN (<ids>) GROUP BY s.trace_id) a
      WHERE traces.project_id = :p AND traces.trace_id = a.trace_id""".formatted(ROOT.formatted("s"));
  private static final String TRACE_PICKS = """
      UPDATE traces SET
        root_span_name = (SELECT r.name FROM spans r
          WHERE r.project_id = traces.project_id AND r.trace_id = traces.trace_id AND r.span_id = traces.root_span_id),
        session_id = (SELECT x.session_id FROM spans x
          WHERE x.project_id = traces.project_id AND x.trace_id = traces.trace_id AND x.session_id IS NOT NULL
          ORDER BY x.start_time, x.span_id LIMIT 1)
      WHERE project_id = :p AND trace_id IN (<ids>)""";
  private static final String EMPTY_TRACES = """
      DELETE FROM traces WHERE project_id = :p AND trace_id IN (<ids>)
        AND NOT EXISTS (SELECT 1 FROM spans s WHERE s.project_id = traces.project_id AND s.trace_id = traces.trace_id)
      RETURNING trace_id""";
  private static final String STALE_PAIRS = """
      DELETE FROM session_traces WHERE project_id = :p AND trace_id IN (<ids>)
        AND NOT EXISTS (SELECT 1 FROM spans s WHERE s.project_id = session_traces.project_id
          AND s.trace_id = session_traces.trace_id AND s.session_id = session_traces.session_id)""";
  private static final String SESSION_SUMS = """
      UPDATE sessions SET start_time = a.start_time, end_time = a.end_time, span_count = a.span_count,
        error_count = a.error_count, total_tokens = a.total_tokens, cost_total = a.cost_total, updated_at = :now
      FROM (SELECT s.session_id, min(s.start_time) AS start_time, max(s.end_time) AS end_time, count(*) AS span_count,
              sum(CASE WHEN s.status_code = 'ERROR' THEN 1 ELSE 0 END) AS error_count,
              coalesce(sum(s.total_tokens), 0) AS total_tokens, coalesce(sum(s.cost_total), 0) AS cost_total
            FROM spans s WHERE s.project_id = :p AND s.session_id IN (<ids>) GROUP BY s.session_id) a
      WHERE sessions.project_id = :p AND sessions.session_id = a.session_id""";
  private static final String SESSION_ROOT = "FROM spans r WHERE r.project_id = sessions.project_id AND r.session_id = sessions.session_id AND "
      + ROOT.formatted("r");
  private static final String FIRST = " ORDER BY r.start_time, r.span_id LIMIT 1)";
  private static final String LAST = " ORDER BY r.start_time DESC, r.span_id DESC LIMIT 1)";
  private static final String SESSION_PICKS = """
      UPDATE sessions SET
        trace_count = (SELECT count(*) FROM session_traces st
          WHERE st.project_id = sessions.project_id AND st.session_id = sessions.session_id),
        user_id = (SELECT u.user_id FROM spans u
          WHERE u.project_id = sessions.project_id AND u.session_id = sessions.session_id AND u.user_id IS NOT NULL
          ORDER BY u.start_time, u.span_id LIMIT 1),
        first_root_start = (SELECT r.start_time %1$s%2$s,
        first_root_span_id = (SELECT r.span_id %1$s%2$s,
        first_input = (SELECT r.input_value %1$s%2$s,
        last_root_start = (SELECT r.start_time %1$s%3$s,
        last_root_span_id = (SELECT r.span_id %1$s%3$s,
        last_output = (SELECT r.output_value %1$s%3$s
      WHERE project_id = :p AND session_id IN (<ids>)""".formatted(SESSION_ROOT, FIRST, LAST);
  private static final String EMPTY_SESSIONS = """
      DELETE FROM sessions WHERE project_id = :p AND session_id IN (<ids>)
        AND NOT EXISTS (SELECT 1 FROM spans s WHERE s.project_id = sessions.project_id AND s.session_id = sessions.session_id)
      RETURNING session_id""";
  private static final String GONE_SPAN_EVALUATIONS = """
      DELETE FROM evaluations WHERE project_id = :p AND target_kind = 'SPAN' AND target_id IN (<ids>)
        AND NOT EXISTS (SELECT 1 FROM spans s WHERE s.project_id = evaluations.project_id AND s.span_id = evaluations.target_id)""";

  private final Clock clock;

  DeleteSpans(Clock clock) {
    this.clock = clock;
  }

  /** Deletes the spans with these ids that start in {@code [start, end)}; see {@link SpanDeletion}. */
  SpanDeletion spans(Handle h, String projectId, List<String> spanIds, long start, long end) {
    Set<String> traces = new TreeSet<>();
    Set<String> deleted = new LinkedHashSet<>();
    for (List<String> chunk : chunks(spanIds)) {
      h.createQuery("SELECT trace_id, span_id FROM spans WHERE project_id = :p AND span_id IN (<ids>)"
              + " AND start_time >= :start AND start_time < :end")
          .bind("p", projectId).bindList("ids", chunk).bind("start", start).bind("end", end)
          .map((rs, ctx) -> List.of(rs.getString(1), rs.getString(2)))
          .forEach(row -> {
            traces.add(row.get(0));
            deleted.add(row.get(1));
          });
    }
    if (!deleted.isEmpty()) {
      Set<String> sessions = sessionsOf(h, projectId, traces);
      for (List<String> chunk : chunks(deleted)) {
        h.createUpdate("DELETE FROM spans WHERE project_id = :p AND span_id IN (<ids>) AND start_time >= :start AND start_time < :end")
            .bind("p", projectId).bindList("ids", chunk).bind("start", start).bind("end", end).execute();
      }
      settle(h, projectId, deleted, traces, sessions);
    }
    List<String> kept = spanIds.stream().filter(id -> !deleted.contains(id)).toList();
    return new SpanDeletion(spanIds.stream().filter(deleted::contains).toList(), kept);
  }

  /** Deletes one trace's spans; false when the project has no such trace. */
  boolean trace(Handle h, String projectId, String traceId) {
    return traces(h, projectId, Set.of(traceId)) > 0;
  }

  /** Deletes every trace of one session; false when the project has no such session. */
  boolean session(Handle h, String projectId, String sessionId) {
    boolean exists = h.createQuery("SELECT count(*) FROM sessions WHERE project_id = :p AND session_id = :s")
        .bind("p", projectId).bind("s", sessionId).mapTo(Long.class).one() > 0;
    Set<String> traces = new TreeSet<>(h.createQuery("SELECT trace_id FROM session_traces WHERE project_id = :p AND session_id = :s")
        .bind("p", projectId).bind("s", sessionId).mapTo(String.class).list());
    return traces(h, projectId, traces) > 0 || exists;
  }

  /** Deletes these traces' spans and settles what depended on them; returns how many spans went. */
  private int traces(Handle h, String projectId, Set<String> traceIds) {
    if (traceIds.isEmpty()) {
      return 0;
    }
    Set<String> spanIds = new LinkedHashSet<>();
    for (List<String> chunk : chunks(traceIds)) {
      spanIds.addAll(h.createQuery("SELECT span_id FROM spans WHERE project_id = :p AND trace_id IN (<ids>)")
          .bind("p", projectId).bindList("ids", chunk).mapTo(String.class).list());
    }
    Set<String> sessions = sessionsOf(h, projectId, traceIds);
    int deleted = 0;
    for (List<String> chunk : chunks(traceIds)) {
      deleted += h.createUpdate("DELETE FROM spans WHERE project_id = :p AND trace_id IN (<ids>)")
          .bind("p", projectId).bindList("ids", chunk).execute();
    }
    settle(h, projectId, spanIds, traceIds, sessions);
    return deleted;
  }

  /** The sessions linked to these traces, read before their spans go. */
  private static Set<String> sessionsOf(Handle h, String projectId, Collection<String> traceIds) {
    Set<String> sessions = new TreeSet<>();
    for (List<String> chunk : chunks(traceIds)) {
      sessions.addAll(h.createQuery("SELECT DISTINCT session_id FROM session_traces WHERE project_id = :p AND trace_id IN (<ids>)")
          .bind("p", projectId).bindList("ids", chunk).mapTo(String.class).list());
    }
    return sessions;
  }

  /** Steps 1–4 of the class comment, after the spans are gone. */
  private void settle(Handle h, String projectId, Collection<String> spanIds, Set<String> traces, Set<String> sessions) {
    long now = Times.nowMicros(clock);
    for (List<String> chunk : chunks(spanIds)) {
      run(h, GONE_SPAN_EVALUATIONS, projectId, chunk, now);
    }
    for (List<String> chunk : chunks(traces)) {
      run(h, TRACE_SUMS, projectId, chunk, now);
      run(h, TRACE_PICKS, projectId, chunk, now);
      List<String> gone = returning(h, EMPTY_TRACES, projectId, chunk);
      deleteEvaluations(h, projectId, "TRACE", gone);
      run(h, STALE_PAIRS, projectId, chunk, now);
    }
    for (List<String> chunk : chunks(sessions)) {
      run(h, SESSION_SUMS, projectId, chunk, now);
      run(h, SESSION_PICKS, projectId, chunk, now);
      deleteEvaluations(h, projectId, "SESSION", returning(h, EMPTY_SESSIONS, projectId, chunk));
    }
  }

  private static void run(Handle h, String sql, String projectId, List<String> ids, long now) {
    var update = h.createUpdate(sql).bind("p", projectId).bindList("ids", ids);
    if (sql.contains(":now")) {
      update.bind("now", now);
    }
    update.execute();
  }

  private static List<String> returning(Handle h, String sql, String projectId, List<String> ids) {
    // A query, not an update: the statement says RETURNING itself, on both databases.
    return h.createQuery(sql).bind("p", projectId).bindList("ids", ids).mapTo(String.class).list();
  }

  private static void deleteEvaluations(Handle h, String projectId, String kind, List<String> targets) {
    for (List<String> chunk : chunks(targets)) {
      h.createUpdate("DELETE FROM evaluations WHERE project_id = :p AND target_kind = :k AND target_id IN (<ids>)")
          .bind("p", projectId).bind("k", kind).bindList("ids", chunk).execute();
    }
  }

  private static List<List<String>> chunks(Collection<String> ids) {
    List<String> all = List.copyOf(ids);
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += CHUNK) {
      out.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
    }
    return out;
  }
}
