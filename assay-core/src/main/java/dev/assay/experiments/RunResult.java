package dev.assay.experiments;

import dev.assay.eval.Evaluation;
import java.util.List;

/** A run with its evaluations (by evaluator name) and, for AX, the extra columns it was recorded with. */
public record RunResult(ExperimentRun run, List<Evaluation> evaluations, java.util.Map<String, Object> extra) {
  public RunResult {
    evaluations = List.copyOf(evaluations);
    extra = extra == null ? java.util.Map.of() : extra;
  }
}
