package dev.assay.experiments;

import dev.assay.datasets.Example;
import dev.assay.eval.Evaluation;
import dev.assay.eval.Subject;
import dev.assay.eval.SubjectKind;
import java.util.List;
import java.util.Map;

/**
 * The subject evaluators see for an experiment run, stored against {@code EXPERIMENT_RUN} / the run id: input = the
 * example's input as JSON text, output = the run's output, reference = the example's expected output as JSON text.
 * A lone text-valued {@code input} (of the input) or {@code output}/{@code expected} key (of the expected output) is
 * unwrapped to its text, so a plain-text dataset compares text with text.
 */
final class ExperimentSubjects {
  private ExperimentSubjects() {}

  static Subject of(String projectId, ExperimentRun run, Example example) {
    return new Subject(SubjectKind.EXAMPLE, projectId, Evaluation.TargetKind.EXPERIMENT_RUN, run.id(), run.traceId(),
        text(example.input(), "input"), run.output(), text(example.output(), "output", "expected"), List.of(),
        List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), example.metadata(), null, "OK",
        run.latencyMs(), run.promptTokens(), run.completionTokens(), total(run), run.cost(), false);
  }

  /** The map as JSON text, or the text of its one key when that key is one of {@code loneKeys} and holds text. */
  static String text(Map<String, Object> value, String... loneKeys) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.size() == 1) {
      for (String k : loneKeys) {
        if (value.get(k) instanceof String s) {
          return s;
        }
      }
    }
    return ExperimentCodec.write(value);
  }

  private static Long total(ExperimentRun run) {
    if (run.promptTokens() == null && run.completionTokens() == null) {
      return null;
    }
    return (run.promptTokens() == null ? 0 : run.promptTokens())
        + (run.completionTokens() == null ? 0 : run.completionTokens());
  }
}
