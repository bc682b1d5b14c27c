package dev.assay.tasks;

import dev.assay.auth.AccessScope;
import dev.assay.eval.Evaluation;
import dev.assay.eval.EvaluationStore;
import dev.assay.eval.exec.ResultSink;
import dev.assay.eval.exec.WorkItem;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores the executor's results in batches (one transaction per batch instead of one per result). Called from
 * many threads; the store write happens outside the lock, so evaluations keep running while a batch commits.
 * {@link #flush} must run after the executor returns, before anything reports the work as done.
 */
final class BatchedUpsert implements ResultSink {
  private final EvaluationStore store;
  private final int batch;
  private List<Evaluation> pending = new ArrayList<>();

  BatchedUpsert(EvaluationStore store, int batch) {
    this.store = store;
    this.batch = Math.max(1, batch);
  }

  @Override
  public void accept(WorkItem item, Evaluation result) {
    List<Evaluation> full = null;
    synchronized (this) {
      pending.add(result);
      if (pending.size() >= batch) {
        full = pending;
        pending = new ArrayList<>();
      }
    }
    if (full != null) {
      store.upsert(AccessScope.unrestricted(), full);
    }
  }

  /** Stores what is left. */
  void flush() {
    List<Evaluation> rest;
    synchronized (this) {
      rest = pending;
      pending = new ArrayList<>();
    }
    if (!rest.isEmpty()) {
      store.upsert(AccessScope.unrestricted(), rest);
    }
  }
}
