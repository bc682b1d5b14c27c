package dev.assay.traces;

import dev.assay.eval.Evaluation;
import java.util.List;
import java.util.Objects;

/**
 * A trace as the query API shows it: its roll-up, the root span's input and output (previews), the
 * evaluations of the trace and of its root span, and its spans ordered by start time (previews; empty
 * when the caller asked for none).
 *
 * @param spansTruncated true when the trace has more spans than {@code spans} holds because of a cap
 *     (never true when spans were not asked for)
 */
public record Trace(TraceSummary summary, String input, String output, List<Evaluation> evaluations, List<Span> spans,
    boolean spansTruncated) {
  public Trace {
    Objects.requireNonNull(summary, "summary");
    evaluations = List.copyOf(evaluations);
    spans = List.copyOf(spans);
  }
}
