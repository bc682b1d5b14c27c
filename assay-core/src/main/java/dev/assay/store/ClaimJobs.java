package dev.assay.store;

import dev.assay.jobs.Job;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The claim, as two statements in the caller's transaction: first put back the jobs whose lease
 * expired (or dead-letter those with no attempts left), then take the due jobs in order.
 *
 * <p>On PostgreSQL each statement is one {@code UPDATE} over a {@code FOR UPDATE SKIP LOCKED}
 * subquery that {@code RETURNING}s the rows (db-scheduler's lock-and-fetch): replicas claiming at the
 * same moment take disjoint rows without waiting for each other. DuckDB has no row locks; the same
 * statements run there without the locking clause, under the queue's in-process write lock.
 *
 * <p>Expired leases are requeued rather than claimed directly so that the claim reads only
 * {@code QUEUED} rows, in the order of the partial index {@code jobs_queued} (PostgreSQL): a claim then
 * reads {@code limit} index entries instead of sorting the whole backlog.
 */
final class ClaimJobs {
  private final String expireLeases;
  private final String claimDue;
  private final String claimDueOfKinds;

  ClaimJobs(Dialect dialect) {
    String skipLocked = dialect.supportsSkipLocked() ? " FOR UPDATE SKIP LOCKED" : "";
    this.expireLeases = """
        UPDATE jobs SET
            status = CASE WHEN attempts >= max_attempts THEN 'DEAD' ELSE 'QUEUED' END,
            finished_at = CASE WHEN attempts >= max_attempts THEN :now ELSE NULL END,
            last_error = 'lease of ' || lease_owner || ' expired before it reported a result (attempt '
                || CAST(attempts AS VARCHAR) || ' of ' || CAST(max_attempts AS VARCHAR) || ')',
            lease_owner = NULL, lease_until = NULL, updated_at = :now
        WHERE id IN (
            SELECT id FROM jobs WHERE status = 'RUNNING' AND lease_until < :now
            ORDER BY lease_until LIMIT :limit%s)""".formatted(skipLocked);
    String claim = """
        UPDATE jobs SET
            status = 'RUNNING', attempts = attempts + 1, lease_owner = :owner, lease_until = :lease_until, updated_at = :now
        WHERE id IN (
            SELECT id FROM jobs WHERE status = 'QUEUED' AND run_after <= :now%s
            ORDER BY %s LIMIT :limit%s)
        RETURNING %s""";
    this.claimDue = claim.formatted("", JobRows.SQL_ORDER, skipLocked, JobRows.columns(dialect));
    this.claimDueOfKinds = claim.formatted(" AND kind IN (<kinds>)", JobRows.SQL_ORDER, skipLocked, JobRows.columns(dialect));
  }

  /**
   * Requeues expired leases, then claims up to {@code limit} due jobs of the given kinds (any kind when
   * {@code kinds} is null); returns them in claim order.
   */
  List<Job> run(Handle transaction, String owner, List<String> kinds, int limit, long now, long leaseUntil) {
    transaction.createUpdate(expireLeases).bind("now", now).bind("limit", limit).execute();
    var query = transaction.createQuery(kinds == null ? claimDue : claimDueOfKinds);
    if (kinds != null) {
      query.bindList("kinds", kinds);
    }
    List<Job> claimed = new ArrayList<>(query
        .bind("owner", owner)
        .bind("lease_until", leaseUntil)
        .bind("now", now)
        .bind("limit", limit)
        .map(JobRows::map)
        .list());
    claimed.sort(JobRows.CLAIM_ORDER);
    return claimed;
  }

  @Override
  public String toString() {
    return expireLeases + ";\n" + claimDue;
  }
}
