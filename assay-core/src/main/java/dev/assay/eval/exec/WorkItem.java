package dev.assay.eval.exec;

import dev.assay.eval.RunnableEvaluator;
import dev.assay.eval.Subject;
import java.util.Objects;

/** One evaluation to run: a subject through a prepared evaluator version (ids null for an unsaved evaluator). */
public record WorkItem(Subject subject, RunnableEvaluator evaluator, String evaluatorId, Long evaluatorVersion) {
  public WorkItem {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(evaluator, "evaluator");
  }
}
