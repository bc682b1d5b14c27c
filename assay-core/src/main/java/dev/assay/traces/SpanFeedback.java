package dev.assay.traces;

import dev.assay.auth.AccessScope;
import dev.assay.eval.Evaluation;
import dev.assay.eval.Evaluation.AnnotatorKind;
import dev.assay.eval.Evaluation.TargetKind;
import dev.assay.eval.EvaluationStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stored results on a page of spans and on their traces, read with one query per project (a page
 * has one), never one per span. Split as AX's {@code Span} shows them: human annotations on the span,
 * human annotations on its trace, and LLM/code evaluations on the span. Failed evaluations (an error,
 * no outcome) are left out: they are no result to show.
 */
public final class SpanFeedback {
  private record Target(String projectId, TargetKind kind, String id) {}

  private final Map<Target, List<Evaluation>> results;

  private SpanFeedback(Map<Target, List<Evaluation>> results) {
    this.results = results;
  }

  /** Reads the results on the spans and their traces. */
  public static SpanFeedback read(EvaluationStore store, AccessScope scope, List<Span> spans) {
    Map<String, Map<TargetKind, Set<String>>> byProject = new LinkedHashMap<>();
    for (Span s : spans) {
      Map<TargetKind, Set<String>> targets = byProject.computeIfAbsent(s.projectId(), p -> new LinkedHashMap<>());
      targets.computeIfAbsent(TargetKind.SPAN, k -> new LinkedHashSet<>()).add(s.spanId());
      targets.computeIfAbsent(TargetKind.TRACE, k -> new LinkedHashSet<>()).add(s.traceId());
    }
    Map<Target, List<Evaluation>> results = new HashMap<>();
    byProject.forEach((projectId, targets) -> {
      for (Evaluation e : store.listForTargets(scope, projectId, targets)) {
        if (e.error() == null) {
          results.computeIfAbsent(new Target(e.projectId(), e.targetKind(), e.targetId()), t -> new ArrayList<>()).add(e);
        }
      }
    });
    return new SpanFeedback(results);
  }

  /** Human annotations on the span. */
  public List<Evaluation> annotations(Span span) {
    return select(new Target(span.projectId(), TargetKind.SPAN, span.spanId()), true);
  }

  /** Human annotations on the span's trace. */
  public List<Evaluation> traceAnnotations(Span span) {
    return select(new Target(span.projectId(), TargetKind.TRACE, span.traceId()), true);
  }

  /** LLM and code evaluations on the span. */
  public List<Evaluation> evaluations(Span span) {
    return select(new Target(span.projectId(), TargetKind.SPAN, span.spanId()), false);
  }

  private List<Evaluation> select(Target target, boolean human) {
    List<Evaluation> all = results.getOrDefault(target, List.of());
    return all.stream().filter(e -> (e.annotatorKind() == AnnotatorKind.HUMAN) == human).toList();
  }
}
