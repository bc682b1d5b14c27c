package dev.assay.eval;

import java.util.Map;

/**
 * What one evaluator said about one subject. At least one of label and score is set.
 *
 * @param passed from the evaluator's threshold or its rails' direction; null when it has neither
 * @param metadata judge model, tokens, cost, latency, attempt, raw response … (JSON-serialisable values)
 */
public record EvalOutcome(String label, Double score, String explanation, Boolean passed, Map<String, Object> metadata) {
  public EvalOutcome {
    if (label == null && score == null) {
      throw new IllegalArgumentException("an outcome has a label, a score or both");
    }
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
