package dev.assay.store;

import dev.assay.jobs.Job;
import dev.assay.jobs.JobStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import org.jdbi.v3.core.statement.StatementContext;

/** The {@code jobs} columns as selected or returned, and their mapping to {@link Job}. */
final class JobRows {
  /** The order in which {@link dev.assay.jobs.JobQueue#claim} hands out due jobs. */
  static final Comparator<Job> CLAIM_ORDER =
      Comparator.comparingInt(Job::priority).reversed().thenComparingLong(Job::runAfter).thenComparing(Job::id);
  static final String SQL_ORDER = "priority DESC, run_after, id";

  private JobRows() {}

  /** The select list, reading the JSON payload back as text in the dialect's way. */
  static String columns(Dialect dialect) {
    return "id, kind, " + dialect.jsonText("payload") + " AS payload, status, priority, attempts, max_attempts, run_after,"
        + " lease_owner, lease_until, idempotency_key, last_error, created_at, updated_at, finished_at";
  }

  static Job map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Job(rs.getString("id"), rs.getString("kind"), rs.getString("payload"), JobStatus.valueOf(rs.getString("status")),
        rs.getInt("priority"), rs.getInt("attempts"), rs.getInt("max_attempts"), rs.getLong("run_after"), rs.getString("lease_owner"),
        JdbcSpanStore.nullableLong(rs, "lease_until"), rs.getString("idempotency_key"), rs.getString("last_error"),
        rs.getLong("created_at"), rs.getLong("updated_at"), JdbcSpanStore.nullableLong(rs, "finished_at"));
  }
}
