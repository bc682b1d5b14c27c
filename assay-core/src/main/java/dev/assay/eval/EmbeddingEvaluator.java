package dev.assay.eval;

/** Work in progress. */
public final class EmbeddingEvaluator implements RunnableEvaluator {
  private final EmbeddingSpec spec;

  public EmbeddingEvaluator(EmbeddingSpec spec, EvalEnvironment env) {
    this.spec = spec;
  }

  @Override
  public EvaluatorSpec spec() {
    return spec;
  }

  @Override
  public EvalOutcome evaluate(Subject subject) throws EvaluationException {
    throw new EvaluationException("not built yet");
  }
}
