package dev.assay.llm;

/**
 * A provider's budgets, enforced by the executor per model config: requests and tokens per minute (null =
 * no limit) and the most calls in flight (null = the executor's default).
 */
public record ModelLimits(Integer requestsPerMinute, Long tokensPerMinute, Integer maxConcurrency) {
  public static final ModelLimits NONE = new ModelLimits(null, null, null);
}
