package dev.assay.eval;

/** Work in progress. */
public final class HttpEvaluator implements RunnableEvaluator {
  private final HttpSpec spec;

  public HttpEvaluator(HttpSpec spec) {
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
