package dev.assay.eval;

import dev.assay.llm.ChatModel;
import dev.assay.llm.Embedder;
import dev.assay.outbound.OutboundPolicy;
import dev.assay.secrets.SealedValues;

/**
 * What evaluators call out to, handed to {@link Evaluators#prepare}. The executor's environment wraps each
 * model in its provider's budgets, adaptive concurrency, retries, timeouts and response cache, so evaluator
 * code makes plain blocking calls.
 */
public interface EvalEnvironment {

  /**
   * The chat model a judge calls.
   *
   * @throws EvaluationException when {@code ref} is null or names no stored model config; the message says
   *     how to configure one ({@code assay models create …} or the Models page)
   */
  ChatModel chatModel(ModelRef ref) throws EvaluationException;

  /** The embedder for {@code ref}: the in-process all-MiniLM-L6-v2 when null, else a provider's endpoint. */
  Embedder embedder(ModelRef ref) throws EvaluationException;

  /**
   * Which URLs HTTP evaluators may call; every request and redirect hop goes through it. An environment that runs
   * no HTTP evaluator need not give one: the default refuses to build them.
   */
  default OutboundPolicy outbound() {
    throw new UnsupportedOperationException("this environment runs no HTTP evaluators (it has no outbound policy)");
  }

  /** Opens stored HTTP evaluator header values right before the request is made. */
  default SealedValues sealedValues() {
    throw new UnsupportedOperationException("this environment runs no HTTP evaluators (it holds no secret key)");
  }
}
