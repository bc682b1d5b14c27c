package dev.assay.eval;

/** Placeholder until part A2's judge lands on this branch (merge takes A2's version). */
public final class JudgeEvaluator implements RunnableEvaluator {
  private final JudgeSpec spec;

  public JudgeEvaluator(JudgeSpec spec, EvalEnvironment env) {
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
