package dev.assay.eval;

/** Work in progress. */
public final class CodeEvaluator implements RunnableEvaluator {
  private final CodeSpec spec;

  public CodeEvaluator(CodeSpec spec) {
    this.spec = spec;
  }

  static void compile(CodeSpec spec) {}

  @Override
  public EvaluatorSpec spec() {
    return spec;
  }

  @Override
  public EvalOutcome evaluate(Subject subject) throws EvaluationException {
    throw new EvaluationException("not built yet");
  }
}
