package dev.assay.shared;

import java.time.Duration;

/**
 * Work was refused because a bounded queue is full. Nothing was accepted, so the caller may retry
 * after {@link #retryAfter()}; the HTTP layer answers 429/503 with {@code Retry-After}, gRPC
 * {@code RESOURCE_EXHAUSTED}.
 */
public final class OverloadedException extends AssayException {
  private final Duration retryAfter;

  public OverloadedException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  @Override
  public String title() {
    return "Overloaded";
  }
}
