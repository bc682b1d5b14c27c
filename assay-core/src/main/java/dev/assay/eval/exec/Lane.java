package dev.assay.eval.exec;

import dev.assay.llm.ModelConfig;
import dev.assay.llm.ModelLimits;

/** The traffic to one model config, shared by every run of the executor: its budgets and its adaptive limit. */
final class Lane {
  final String configId;
  final AdaptiveLimit concurrency;
  final RateBudget budget;

  Lane(ModelConfig config, int defaultCap, long windowNanos) {
    this.configId = config.id();
    ModelLimits limits = config.limits();
    this.concurrency = new AdaptiveLimit(cap(limits, defaultCap));
    this.budget = new RateBudget(limits.requestsPerMinute(), limits.tokensPerMinute(), windowNanos);
  }

  /** Applies a config's (possibly edited) limits. */
  void update(ModelConfig config, int defaultCap) {
    ModelLimits limits = config.limits();
    concurrency.cap(cap(limits, defaultCap));
    budget.limits(limits.requestsPerMinute(), limits.tokensPerMinute());
  }

  private static int cap(ModelLimits limits, int defaultCap) {
    return limits.maxConcurrency() != null ? limits.maxConcurrency() : defaultCap;
  }
}
