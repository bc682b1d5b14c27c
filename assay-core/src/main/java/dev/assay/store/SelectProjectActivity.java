package dev.assay.store;

import dev.assay.auth.AccessScope;
import dev.assay.projects.ProjectActivity;
import dev.assay.shared.Times;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Span, trace and session counts and the last span time of a page of projects, in one query over the
 * roll-ups the span writer maintains (never a scan of {@code spans}): a trace row carries its span count
 * and end time, a session row stands for one session.
 */
final class SelectProjectActivity {
  static final String SQL = """
      SELECT p.id AS project_id,
             coalesce(t.span_count, 0) AS span_count,
             coalesce(t.trace_count, 0) AS trace_count,
             coalesce(s.session_count, 0) AS session_count,
             t.last_end AS last_end
      FROM projects p
      LEFT JOIN (SELECT project_id, CAST(sum(span_count) AS BIGINT) AS span_count, count(*) AS trace_count,
                        max(end_time) AS last_end
                 FROM traces WHERE project_id IN (<project_ids>) GROUP BY project_id) t ON t.project_id = p.id
      LEFT JOIN (SELECT project_id, count(*) AS session_count
                 FROM sessions WHERE project_id IN (<project_ids>) GROUP BY project_id) s ON s.project_id = p.id
      WHERE p.id IN (<project_ids>) AND %s""";

  private SelectProjectActivity() {}

  static Map<String, ProjectActivity> run(Handle h, AccessScope scope, Collection<String> projectIds) {
    Map<String, ProjectActivity> out = new LinkedHashMap<>();
    ScopeSql.bind(h.createQuery(SQL.formatted(ScopeSql.spaceClause(scope, "p.space_id"))), scope)
        .bindList("project_ids", List.copyOf(projectIds))
        .map((rs, ctx) -> {
          long lastEnd = rs.getLong("last_end");
          boolean none = rs.wasNull();
          return new ProjectActivity(rs.getString("project_id"), rs.getLong("span_count"), rs.getLong("trace_count"),
              rs.getLong("session_count"), none ? null : Times.instant(lastEnd));
        })
        .forEach(a -> out.put(a.projectId(), a));
    return out;
  }
}
