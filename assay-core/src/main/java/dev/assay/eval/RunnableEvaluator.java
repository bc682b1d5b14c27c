package dev.assay.eval;

/**
 * An evaluator version ready to run: built once by {@link Evaluators#prepare} and then called from many
 * virtual threads at once, so implementations are thread-safe.
 */
public interface RunnableEvaluator {

  EvaluatorSpec spec();

  /**
   * Evaluates one subject.
   *
   * @throws EvaluationException when this subject cannot be evaluated (a variable that cannot be bound,
   *     output that fits no rail, a command that exits non-zero …): recorded as an error result
   * @throws dev.assay.llm.ProviderException when a model call failed after the executor's retries; the
   *     executor records it, or pauses the work when {@link dev.assay.llm.ProviderException#pausesWork()}
   */
  EvalOutcome evaluate(Subject subject) throws EvaluationException;
}
