package dev.assay.eval;

/** Work in progress. */
public final class CommandEvaluator implements RunnableEvaluator {
  private final CommandSpec spec;

  public CommandEvaluator(CommandSpec spec) {
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
