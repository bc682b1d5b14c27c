package dev.assay.eval.exec;

import dev.assay.eval.Evaluation;
import java.util.Objects;

/** Stamped on every result of a run: where it came from and the run id (null when none). */
public record RunOptions(Evaluation.Source source, String runId) {
  public RunOptions {
    Objects.requireNonNull(source, "source");
  }
}
