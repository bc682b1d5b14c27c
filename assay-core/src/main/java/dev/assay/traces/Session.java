package dev.assay.traces;

import dev.assay.eval.Evaluation;
import java.util.List;
import java.util.Objects;

/** A session as the query API lists it: its roll-up (first input, last output as previews) and its evaluations. */
public record Session(SessionSummary summary, List<Evaluation> evaluations) {
  public Session {
    Objects.requireNonNull(summary, "summary");
    evaluations = List.copyOf(evaluations);
  }
}
