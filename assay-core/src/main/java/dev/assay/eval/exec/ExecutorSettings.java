package dev.assay.eval.exec;

import java.time.Duration;

/**
 * How the executor runs.
 *
 * @param concurrency evaluations in flight at once over all providers (default 64); also the adaptive ceiling of a
 *     model config without {@code max_concurrency}
 * @param maxAttempts calls per model answer, the first included (default 6)
 * @param callTimeout a model call still unanswered after this is abandoned and retried (default 60 s)
 * @param maxBackoff the longest wait between two attempts, unless the provider's Retry-After asks for more (60 s)
 * @param responseCacheEntries answers kept by (model config, model, messages, parameters, schema/tool) (10,000)
 * @param baseBackoff the first retry's backoff ceiling; doubles per attempt (full jitter) (default 500 ms)
 */
public record ExecutorSettings(int concurrency, int maxAttempts, Duration callTimeout, Duration maxBackoff,
    int responseCacheEntries, Duration baseBackoff) {

  public ExecutorSettings {
    if (concurrency < 1 || maxAttempts < 1 || responseCacheEntries < 0) {
      throw new IllegalArgumentException("concurrency and maxAttempts must be positive, responseCacheEntries >= 0");
    }
    if (callTimeout == null || callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("callTimeout must be positive");
    }
    maxBackoff = maxBackoff == null ? Duration.ofSeconds(60) : maxBackoff;
    baseBackoff = baseBackoff == null ? Duration.ofMillis(500) : baseBackoff;
  }

  /** The contract's five settings with the default base backoff. */
  public ExecutorSettings(int concurrency, int maxAttempts, Duration callTimeout, Duration maxBackoff,
      int responseCacheEntries) {
    this(concurrency, maxAttempts, callTimeout, maxBackoff, responseCacheEntries, null);
  }

  public static ExecutorSettings defaults() {
    return new ExecutorSettings(64, 6, Duration.ofSeconds(60), Duration.ofSeconds(60), 10_000, Duration.ofMillis(500));
  }

  public ExecutorSettings withConcurrency(int n) {
    return new ExecutorSettings(n, maxAttempts, callTimeout, maxBackoff, responseCacheEntries, baseBackoff);
  }

  public ExecutorSettings withCallTimeout(Duration timeout) {
    return new ExecutorSettings(concurrency, maxAttempts, timeout, maxBackoff, responseCacheEntries, baseBackoff);
  }

  public ExecutorSettings withBackoff(Duration base, Duration max) {
    return new ExecutorSettings(concurrency, maxAttempts, callTimeout, max, responseCacheEntries, base);
  }

  public ExecutorSettings withMaxAttempts(int attempts) {
    return new ExecutorSettings(concurrency, attempts, callTimeout, maxBackoff, responseCacheEntries, baseBackoff);
  }
}
