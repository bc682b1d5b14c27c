package dev.assay.experiments;

import dev.assay.eval.Evaluation;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Runs and evaluations built in memory for the pure stats and gate tests. */
final class StatsFixtures {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private StatsFixtures() {}

  static ExperimentRun ok(String id, String example, int rep, String output, long latencyMs) {
    return new ExperimentRun(id, "exp", example, rep, output, null, T0, T0.plusMillis(latencyMs), 10L, 5L, 0.001, null);
  }

  static ExperimentRun failed(String id, String example, int rep) {
    return new ExperimentRun(id, "exp", example, rep, null, "HTTP 500", T0, T0.plusMillis(3), null, null, null, null);
  }

  static Evaluation score(String runId, String name, Double score, Boolean passed) {
    return new Evaluation("ev-" + runId + name, "p", Evaluation.TargetKind.EXPERIMENT_RUN, runId, name, "", null, null,
        null, score, null, passed, Evaluation.AnnotatorKind.CODE, Evaluation.Source.EXPERIMENT, "{}", "exp", null, T0,
        T0);
  }

  static Evaluation error(String runId, String name) {
    return new Evaluation("ev-" + runId + name, "p", Evaluation.TargetKind.EXPERIMENT_RUN, runId, name, "", null, null,
        null, null, null, null, Evaluation.AnnotatorKind.CODE, Evaluation.Source.EXPERIMENT, "{}", "exp", "boom", T0,
        T0);
  }

  static RunResult result(ExperimentRun run, Evaluation... evaluations) {
    return new RunResult(run, List.of(evaluations), Map.of());
  }
}
