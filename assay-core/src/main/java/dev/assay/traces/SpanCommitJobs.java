package dev.assay.traces;

import dev.assay.jobs.NewJob;
import java.util.List;

/**
 * Work that newly stored spans start, enqueued in the same transaction that stores them (an outbox): a crash can
 * never keep the spans and lose their work, or the reverse. The span writer calls it with the spans a commit
 * actually inserted (resent spans are left out), on its own thread inside the transaction, so it must be quick and
 * must not touch the database.
 */
@FunctionalInterface
public interface SpanCommitJobs {
  SpanCommitJobs NONE = inserted -> List.of();

  List<NewJob> jobsFor(List<Span> inserted);

  /**
   * As {@link #jobsFor(List)}, told the commit's {@code ingested_at} (epoch microseconds), which every inserted span
   * carries in the database; a hook may pass it on so its jobs read only rows at least that new.
   */
  default List<NewJob> jobsFor(List<Span> inserted, long ingestedAtMicros) {
    return jobsFor(inserted);
  }
}
