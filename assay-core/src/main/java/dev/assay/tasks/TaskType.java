package dev.assay.tasks;

/**
 * AX's task types that evaluate data. {@code RUN_EXPERIMENT} (dataset tasks that run an experiment) belongs to
 * datasets and experiments and is refused here until they exist.
 */
public enum TaskType {
  /** Attaches LLM-judge evaluators. */
  TEMPLATE_EVALUATION,
  /** Attaches code (and other non-judge) evaluators. */
  CODE_EVALUATION
}
