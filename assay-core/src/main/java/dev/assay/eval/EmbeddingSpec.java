package dev.assay.eval;

import java.util.Map;
import java.util.Objects;

/**
 * Cosine similarity between two subject fields ({@code left} defaults to {@code output}, {@code right} to
 * {@code reference}); passed when similarity ≥ {@code threshold} (0.8 when null). {@code model} null means
 * the in-process all-MiniLM-L6-v2; otherwise a provider's embeddings endpoint.
 */
public record EmbeddingSpec(
    String name,
    SubjectKind granularity,
    Map<String, String> mappings,
    String left,
    String right,
    Double threshold,
    ModelRef model) implements EvaluatorSpec {

  public EmbeddingSpec {
    Objects.requireNonNull(name, "name");
    granularity = granularity == null ? SubjectKind.SPAN : granularity;
    mappings = mappings == null ? Map.of() : Map.copyOf(mappings);
    left = left == null ? "output" : left;
    right = right == null ? "reference" : right;
    threshold = threshold == null ? 0.8 : threshold;
  }

  @Override
  public EvaluatorKind kind() {
    return EvaluatorKind.EMBEDDING;
  }
}
