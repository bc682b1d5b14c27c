package dev.assay.store;

import dev.assay.eval.SubjectBuilder;
import dev.assay.eval.SubjectKind;
import dev.assay.query.Filter;
import dev.assay.query.FilterCompiler;
import dev.assay.query.SqlFragment;
import dev.assay.shared.Cursors;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.shared.Times;
import dev.assay.tasks.TargetQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The targets of a task: spans (SPAN), traces (TRACE, TRAJECTORY) or sessions (SESSION) of a project, in a start-time
 * window, matching a filter. Spans made by an evaluator (kind EVALUATOR or the attribute
 * {@value SubjectBuilder#EVALUATOR_MARKER}: the loop guard) are never span targets. A trace or session matches when
 * any of its spans does, written as a semi-join whose subquery does not refer to the outer row (evaluated once, as in
 * {@link JdbcTraceStore}). Lists are newest first with keyset cursors, like the span, trace and session lists.
 */
final class TaskTargetQueries {
  private static final int ID_CHUNK = 1000;
  private static final SqlFragment ALL = new SqlFragment("1 = 1", Map.of());

  private final Jdbi jdbi;
  private final FilterCompiler compiler;
  private final SqlFragment notFromEvaluator;

  TaskTargetQueries(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.compiler = new FilterCompiler(dialect);
    this.notFromEvaluator = new SqlFragment("s.span_kind <> 'EVALUATOR' AND "
        + dialect.jsonTextAt("s.attributes", "lg_marker") + " IS NULL",
        Map.of("lg_marker", dialect.jsonKeyParameter(SubjectBuilder.EVALUATOR_MARKER)));
  }

  /** The table a scope's targets come from: FROM clause, its alias, the id column, cursor size and order. */
  private record Shape(String from, String alias, String id, int cursorParts, String order) {}

  private static Shape shape(SubjectKind scope) {
    return switch (scope) {
      case SPAN -> new Shape("spans s", "s", "s.span_id", 3, "s.start_time DESC, s.trace_id DESC, s.span_id DESC");
      case TRACE, TRAJECTORY -> new Shape("traces t", "t", "t.trace_id", 2, "t.start_time DESC, t.trace_id DESC");
      case SESSION -> new Shape("sessions x", "x", "x.session_id", 2, "x.start_time DESC, x.session_id DESC");
      case EXAMPLE -> throw new IllegalArgumentException("EXAMPLE targets come from datasets, not projects");
    };
  }

  /** The WHERE conditions (project, window, loop guard, filter) over the scope's table. */
  private SqlFragment where(TargetQuery q, Collection<String> onlyIds) {
    String a = shape(q.scope()).alias();
    List<String> parts = new ArrayList<>();
    Map<String, Object> binds = new HashMap<>();
    parts.add(a + ".project_id = :project_id");
    binds.put("project_id", q.projectId());
    if (q.start() != null) {
      parts.add(a + ".start_time >= :w_start");
      binds.put("w_start", Times.micros(q.start()));
    }
    if (q.end() != null) {
      parts.add(a + ".start_time < :w_end");
      binds.put("w_end", Times.micros(q.end()));
    }
    if (onlyIds != null) {
      parts.add(shape(q.scope()).id() + " IN (<only_ids>)");
    }
    SqlFragment filter = filter(q, onlyIds != null);
    parts.add(filter.sql());
    binds.putAll(filter.binds());
    return new SqlFragment(String.join(" AND ", parts), binds);
  }

  private SqlFragment filter(TargetQuery q, boolean onlyIds) {
    if (q.scope() == SubjectKind.SPAN) {
      SqlFragment f = q.filter() == null ? ALL : compiler.spans(q.filter(), "s");
      Map<String, Object> binds = new HashMap<>(notFromEvaluator.binds());
      binds.putAll(f.binds());
      return new SqlFragment(notFromEvaluator.sql() + " AND " + f.sql(), binds);
    }
    if (q.filter() == null) {
      return ALL;
    }
    SqlFragment spans = compiler.spans(q.filter(), "s");
    String sql;
    if (q.scope() == SubjectKind.SESSION) {
      // No window on the spans: a span without session.id (a trace's root, say) may start before the session.
      sql = "x.session_id IN (SELECT st.session_id FROM session_traces st JOIN spans s ON s.project_id = st.project_id"
          + " AND s.trace_id = st.trace_id WHERE st.project_id = :project_id"
          + (onlyIds ? " AND st.session_id IN (<only_ids>)" : "") + " AND " + spans.sql() + ")";
    } else {
      // Every span of a trace starts at or after the trace, so spans before the window cannot match a listed trace.
      sql = "t.trace_id IN (SELECT s.trace_id FROM spans s WHERE s.project_id = :project_id"
          + (q.start() == null ? "" : " AND s.start_time >= :w_start")
          + (onlyIds ? " AND s.trace_id IN (<only_ids>)" : "") + " AND " + spans.sql() + ")";
    }
    return new SqlFragment(sql, spans.binds());
  }

  Page<String> ids(TargetQuery q, PageRequest page) {
    Objects.requireNonNull(q, "query");
    Shape shape = shape(q.scope());
    String a = shape(q.scope()).alias();
    SqlFragment where = where(q, null);
    String[] after = page.cursor() == null ? null : Cursors.decode(page.cursor(), shape.cursorParts());
    String keyset = after == null ? "" : q.scope() == SubjectKind.SPAN
        ? " AND (s.start_time < :c_start OR (s.start_time = :c_start AND (s.trace_id < :c_trace"
            + " OR (s.trace_id = :c_trace AND s.span_id < :c_id))))"
        : " AND (" + a + ".start_time < :c_start OR (" + a + ".start_time = :c_start AND " + shape.id() + " < :c_id))";
    String sql = "SELECT " + shape.id() + " AS target_id, " + a + ".start_time AS start_time"
        + (q.scope() == SubjectKind.SPAN ? ", s.trace_id AS trace_id" : "")
        + " FROM " + shape.from() + " WHERE " + where.sql() + keyset + " ORDER BY " + shape.order() + " LIMIT :limit";
    List<String[]> rows = jdbi.withHandle(h -> {
      Query query = h.createQuery(sql).bindMap(where.binds()).bind("limit", page.limit() + 1);
      if (after != null) {
        try {
          query.bind("c_start", Long.parseLong(after[0])).bind("c_id", after[after.length - 1]);
        } catch (NumberFormatException e) {
          throw new InvalidInputException("invalid pagination cursor");
        }
        if (q.scope() == SubjectKind.SPAN) {
          query.bind("c_trace", after[1]);
        }
      }
      return query.map((rs, ctx) -> q.scope() == SubjectKind.SPAN
              ? new String[] {Long.toString(rs.getLong("start_time")), rs.getString("trace_id"), rs.getString("target_id")}
              : new String[] {Long.toString(rs.getLong("start_time")), rs.getString("target_id")})
          .list();
    });
    Page<String[]> keys = Pages.of(rows, page.limit(), Cursors::encode);
    return new Page<>(keys.items().stream().map(k -> k[k.length - 1]).toList(), keys.nextCursor());
  }

  long count(TargetQuery q) {
    Objects.requireNonNull(q, "query");
    SqlFragment where = where(q, null);
    String sql = "SELECT count(*) FROM " + shape(q.scope()).from() + " WHERE " + where.sql();
    return jdbi.withHandle(h -> h.createQuery(sql).bindMap(where.binds()).mapTo(Long.class).one());
  }

  Set<String> matching(String projectId, SubjectKind scope, Filter filter, Collection<String> targetIds,
      java.time.Instant ingestedSince) {
    List<String> ids = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(targetIds, "targetIds")));
    if (ids.isEmpty()) {
      return Set.of();
    }
    TargetQuery q = new TargetQuery(projectId, scope, filter, null, null);
    SqlFragment where = where(q, ids);
    if (ingestedSince != null && scope == SubjectKind.SPAN) {
      // DuckDB has no index on span_id: without a bound this scans every row group of spans. Spans of one commit
      // share ingested_at, so the bound keeps only the newest row groups (zone maps) and changes no answer.
      Map<String, Object> binds = new HashMap<>(where.binds());
      binds.put("ingested_since", Times.micros(ingestedSince));
      where = new SqlFragment(where.sql() + " AND s.ingested_at >= :ingested_since", binds);
    }
    String sql = "SELECT DISTINCT " + shape(scope).id() + " FROM " + shape(scope).from() + " WHERE " + where.sql();
    Set<String> out = new LinkedHashSet<>();
    for (int from = 0; from < ids.size(); from += ID_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + ID_CHUNK));
      SqlFragment bound = where;
      out.addAll(jdbi.withHandle(h -> h.createQuery(sql).bindMap(bound.binds()).bindList("only_ids", chunk)
          .mapTo(String.class).list()));
    }
    return out;
  }
}
