package dev.assay.eval;

/** The kinds of evaluators (DESIGN §1). AX calls LLM_JUDGE {@code TEMPLATE}; the API maps the names. */
public enum EvaluatorKind { LLM_JUDGE, CODE, EMBEDDING, HTTP, COMMAND }
