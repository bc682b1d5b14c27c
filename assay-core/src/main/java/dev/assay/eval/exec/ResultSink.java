package dev.assay.eval.exec;

import dev.assay.eval.Evaluation;

/** Receives each finished item's result (or error result) exactly once, from any thread. */
@FunctionalInterface
public interface ResultSink {
  void accept(WorkItem item, Evaluation result);
}
