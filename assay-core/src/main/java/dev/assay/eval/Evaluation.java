package dev.assay.eval;

import java.time.Instant;
import java.util.Objects;

/**
 * One evaluation result on a target — from an LLM judge, a code check, a person, or imported through
 * the API. Human annotations share this shape, so queues, monitors and gates read one model.
 *
 * <p>Upsert key: (project, target kind, target id, name, identifier). An evaluation that failed
 * carries {@code error} and neither label nor score; it never counts as a pass or a fail.
 *
 * @param identifier distinguishes several results of the same name on one target ("" when unused)
 * @param passed from the evaluator's threshold or its rails' direction; null when it has neither or failed
 * @param metadataJson judge model, tokens, cost, latency, attempt … as a JSON object
 */
public record Evaluation(
    String id,
    String projectId,
    TargetKind targetKind,
    String targetId,
    String name,
    String identifier,
    String evaluatorId,
    Long evaluatorVersion,
    String label,
    Double score,
    String explanation,
    Boolean passed,
    AnnotatorKind annotatorKind,
    Source source,
    String metadataJson,
    String runId,
    String error,
    Instant createdAt,
    Instant updatedAt) {

  public Evaluation {
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(targetKind, "targetKind");
    Objects.requireNonNull(targetId, "targetId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(annotatorKind, "annotatorKind");
    Objects.requireNonNull(source, "source");
    identifier = identifier == null ? "" : identifier;
    metadataJson = metadataJson == null ? "{}" : metadataJson;
  }

  /** A result without a pass/fail verdict (inline feedback, most imports). */
  public Evaluation(String id, String projectId, TargetKind targetKind, String targetId, String name, String identifier,
      String evaluatorId, Long evaluatorVersion, String label, Double score, String explanation,
      AnnotatorKind annotatorKind, Source source, String metadataJson, String runId, String error, Instant createdAt,
      Instant updatedAt) {
    this(id, projectId, targetKind, targetId, name, identifier, evaluatorId, evaluatorVersion, label, score, explanation,
        null, annotatorKind, source, metadataJson, runId, error, createdAt, updatedAt);
  }

  public enum TargetKind { SPAN, TRACE, SESSION, EXPERIMENT_RUN, DATASET_EXAMPLE }

  public enum AnnotatorKind { LLM, CODE, HUMAN }

  public enum Source { TASK, EXPERIMENT, API, INLINE, REVIEW }
}
