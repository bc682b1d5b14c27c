package dev.assay.eval.exec;

import dev.assay.auth.AccessScope;
import dev.assay.eval.EvalEnvironment;
import dev.assay.eval.EvaluationException;
import dev.assay.eval.ModelRef;
import dev.assay.llm.ChatModel;
import dev.assay.llm.Embedder;
import dev.assay.llm.ModelConfig;
import dev.assay.outbound.OutboundPolicy;
import dev.assay.secrets.SealedValues;
import dev.assay.shared.NotFoundException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The executor's {@link EvalEnvironment} for one caller scope: governed chat models, provider or in-process embedders. */
final class ExecutorEnvironment implements EvalEnvironment {
  static final String HOW_TO_CONFIGURE = "configure a model with `assay models create <name> --provider OPEN_AI "
      + "--api-key-env OPENAI_API_KEY --model gpt-4o-mini` (or POST /v2/ai-integrations, or the Models page) and set "
      + "it as the evaluator's model";

  private final EvalExecutor executor;
  private final AccessScope scope;
  private final Map<String, ChatModel> chatModels = new ConcurrentHashMap<>();

  ExecutorEnvironment(EvalExecutor executor, AccessScope scope) {
    this.executor = executor;
    this.scope = scope;
  }

  @Override
  public ChatModel chatModel(ModelRef ref) throws EvaluationException {
    if (ref == null || ref.modelConfigId() == null || ref.modelConfigId().isBlank()) {
      throw new EvaluationException("this judge has no model: " + HOW_TO_CONFIGURE);
    }
    ChatModel cached = chatModels.get(ref.modelConfigId());
    if (cached != null) {
      return cached;
    }
    ModelConfig config = resolve(ref);
    ChatModel governed = executor.governed(config);
    chatModels.put(ref.modelConfigId(), governed);
    return governed;
  }

  @Override
  public OutboundPolicy outbound() {
    return executor.configs().outbound();
  }

  @Override
  public SealedValues sealedValues() {
    return executor.configs().sealedValues();
  }

  @Override
  public Embedder embedder(ModelRef ref) throws EvaluationException {
    if (ref == null || ref.modelConfigId() == null || ref.modelConfigId().isBlank()) {
      return executor.inProcessEmbedder();
    }
    ModelConfig config = resolve(ref);
    String model = ref.modelName() != null && !ref.modelName().isBlank() ? ref.modelName()
        : config.modelNames().stream().findFirst().orElseThrow(() -> new EvaluationException(
            "model config '" + config.name() + "' lists no model names; set the embedding model name"));
    try {
      return executor.gateway().embedder(config, model);
    } catch (RuntimeException e) {
      throw new EvaluationException(e.getMessage());
    }
  }

  private ModelConfig resolve(ModelRef ref) throws EvaluationException {
    try {
      return executor.configs().get(scope, ref.modelConfigId(), null);
    } catch (NotFoundException e) {
      throw new EvaluationException("model config '" + ref.modelConfigId() + "' not found (deleted?): "
          + HOW_TO_CONFIGURE);
    }
  }
}
