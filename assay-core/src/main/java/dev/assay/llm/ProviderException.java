package dev.assay.llm;

import java.time.Duration;

/**
 * A model provider refused or failed a call. The kind decides what the executor does: retry (rate limits,
 * server errors, timeouts, network), record the failure (bad request), or pause the whole work with this
 * message as the visible reason (auth, billing, configuration) instead of burning through every subject.
 * Messages never contain the API key.
 */
public class ProviderException extends RuntimeException {

  public enum Kind {
    RATE_LIMITED(true, false), SERVER_ERROR(true, false), TIMEOUT(true, false), NETWORK(true, false),
    BAD_REQUEST(false, false), AUTH(false, true), BILLING(false, true), CONFIG(false, true);

    private final boolean retryable;
    private final boolean pausesWork;

    Kind(boolean retryable, boolean pausesWork) {
      this.retryable = retryable;
      this.pausesWork = pausesWork;
    }
  }

  private final Kind kind;
  private final int status;
  private final Duration retryAfter;
  private final String rawBody;

  public ProviderException(Kind kind, int status, String message, Duration retryAfter, String rawBody, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
    this.retryAfter = retryAfter;
    this.rawBody = rawBody;
  }

  public ProviderException(Kind kind, String message) {
    this(kind, 0, message, null, null, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status, 0 when there was no response. */
  public int status() {
    return status;
  }

  /** The provider's {@code Retry-After} (or {@code retry-after-ms}), null when it sent none. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** The response body, null when there was none. */
  public String rawBody() {
    return rawBody;
  }

  public boolean retryable() {
    return kind.retryable;
  }

  public boolean pausesWork() {
    return kind.pausesWork;
  }
}
