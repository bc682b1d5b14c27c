package dev.assay.eval;

import dev.assay.llm.Embedder;
import dev.assay.llm.InProcessEmbedder;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cosine similarity between two subject fields (spec {@code left}, {@code right}: a field name or a path; a
 * mapping of that name applies first). Passed when the similarity reaches the spec's threshold; the score is the
 * similarity clipped to [0, 1] (the raw cosine is in the metadata). Embeddings go through the shared
 * {@link EmbeddingCache}, so a reference compared with many outputs is embedded once.
 */
public final class EmbeddingEvaluator implements RunnableEvaluator {
  private final EmbeddingSpec spec;
  private final EvalEnvironment env;
  private final EmbeddingCache cache;
  private volatile Embedder embedder;

  public EmbeddingEvaluator(EmbeddingSpec spec, EvalEnvironment env) {
    this(spec, env, EmbeddingCache.shared());
  }

  EmbeddingEvaluator(EmbeddingSpec spec, EvalEnvironment env, EmbeddingCache cache) {
    this.spec = spec;
    this.env = env;
    this.cache = cache;
  }

  @Override
  public EvaluatorSpec spec() {
    return spec;
  }

  @Override
  public EvalOutcome evaluate(Subject subject) throws EvaluationException {
    String left = EvalJson.text(VariableBinder.value(subject, spec.left(), spec.mappings()));
    String right = EvalJson.text(VariableBinder.value(subject, spec.right(), spec.mappings()));
    Embedder e = embedder();
    List<float[]> vectors = cache.embed(e, List.of(left, right));
    double cosine = InProcessEmbedder.cosine(vectors.get(0), vectors.get(1));
    boolean passed = cosine >= spec.threshold();
    return new EvalOutcome(passed ? "pass" : "fail", Math.max(0, Math.min(1, cosine)),
        String.format(Locale.ROOT, "cosine similarity %.4f %s threshold %.2f", cosine, passed ? "≥" : "<",
            spec.threshold()),
        passed, Map.of("cosine", cosine, "embedding_model", e.id(), "threshold", spec.threshold()));
  }

  /** The environment's embedder, looked up once (a provider's needs its stored config). */
  private Embedder embedder() throws EvaluationException {
    Embedder e = embedder;
    if (e == null) {
      e = env == null ? InProcessEmbedder.shared() : env.embedder(spec.model());
      if (e == null) {
        throw new EvaluationException("no embedder is configured for " + (spec.model() == null ? "the built-in model"
            : spec.model().modelName()));
      }
      embedder = e;
    }
    return e;
  }
}
