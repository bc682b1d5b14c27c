package dev.assay.eval;

/** What a subject was built from; also an evaluator's granularity (AX's {@code DataGranularity} plus TRAJECTORY). */
public enum SubjectKind {
  /** One span. */
  SPAN,
  /** A trace: its root span's input and output, with every span available as steps. */
  TRACE,
  /** A trace seen as an agent's ordered LLM / tool / retriever / agent steps. */
  TRAJECTORY,
  /** A session: its traces in time order as a conversation. */
  SESSION,
  /** A dataset example plus the output a task produced for it. */
  EXAMPLE
}
