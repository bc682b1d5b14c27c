package dev.assay.server.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.assay.auth.AccessScope;
import dev.assay.eval.Evaluation;
import dev.assay.shared.Times;
import dev.assay.traces.SpanFeedback;
import dev.assay.traces.Trace;
import dev.assay.traces.TraceSummary;
import java.time.Instant;
import java.util.List;

/**
 * AX's {@code Trace} ({@code trace_id}, {@code root_span_id}, {@code start_time}, {@code end_time},
 * {@code spans_truncated}, {@code spans}) plus Assay's roll-up fields. The roll-up fields are always
 * present; {@code name} and {@code root_span_id} are null until the root span has arrived, and
 * {@code session_id}, {@code input} and {@code output} are omitted when absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TraceJson(
    @JsonInclude(JsonInclude.Include.ALWAYS) String traceId,
    @JsonInclude(JsonInclude.Include.ALWAYS) String rootSpanId,
    Instant startTime,
    Instant endTime,
    boolean spansTruncated,
    List<SpanController.SpanJson> spans,
    @JsonInclude(JsonInclude.Include.ALWAYS) String name,
    long spanCount,
    long errorCount,
    String statusCode,
    double latencyMs,
    long promptTokens,
    long completionTokens,
    long totalTokens,
    double costTotal,
    String sessionId,
    String input,
    String output,
    List<EvaluationJson> evaluations) {

  /** AX's {@code Evaluation} plus Assay's {@code passed} (the UI colours results by it): absent fields are omitted. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EvaluationJson(String name, Double score, String label, String explanation, Boolean passed) {
    static List<EvaluationJson> of(List<Evaluation> evaluations) {
      return evaluations.stream().map(e -> new EvaluationJson(e.name(), e.score(), e.label(), e.explanation(), e.passed())).toList();
    }
  }

  static TraceJson of(Trace trace, SpanController spans, AccessScope scope) {
    return of(List.of(trace), spans, scope).getFirst();
  }

  /** The traces of one answer, with the stored results of all their spans read in one query, not one per trace. */
  static List<TraceJson> of(List<Trace> traces, SpanController spans, AccessScope scope) {
    SpanFeedback feedback = spans.feedback(scope, traces.stream().flatMap(t -> t.spans().stream()).toList());
    return traces.stream().map(t -> of(t, spans, feedback)).toList();
  }

  private static TraceJson of(Trace trace, SpanController spans, SpanFeedback feedback) {
    TraceSummary t = trace.summary();
    return new TraceJson(t.traceId(), t.rootSpanId(), Times.instant(t.startTime()), Times.instant(t.endTime()),
        trace.spansTruncated(), trace.spans().stream().map(s -> spans.toJson(s, feedback)).toList(), t.rootSpanName(), t.spanCount(),
        t.errorCount(), t.errorCount() > 0 ? "ERROR" : "OK", (t.endTime() - t.startTime()) / 1000.0, t.promptTokens(),
        t.completionTokens(), t.totalTokens(), t.costTotal(), t.sessionId(), trace.input(), trace.output(),
        EvaluationJson.of(trace.evaluations()));
  }
}
