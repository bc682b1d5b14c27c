package dev.assay.tasks;

import dev.assay.jobs.NewJob;
import dev.assay.traces.Span;
import dev.assay.traces.SpanCommitJobs;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/** CONTRACT PLACEHOLDER — the continuous-evaluation work of issue 6 fills it. */
public final class ContinuousTaskIndex implements SpanCommitJobs {
  private final TaskStore store;
  private final Clock clock;

  public ContinuousTaskIndex(TaskStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public List<NewJob> jobsFor(List<Span> inserted) {
    return List.of();
  }
}
