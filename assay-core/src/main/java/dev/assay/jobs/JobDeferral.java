package dev.assay.jobs;

import java.time.Duration;
import java.util.Objects;

/**
 * Thrown by a {@link JobHandler} that cannot make progress yet for a reason that is not its fault (its task is
 * paused until a model key is fixed): the job goes back to the queue, due after {@code delay}, without using up an
 * attempt, so waiting never dead-letters it. The reason is kept in {@code lastError}.
 */
public final class JobDeferral extends Exception {
  private final Duration delay;

  public JobDeferral(String reason, Duration delay) {
    super(Objects.requireNonNull(reason, "reason"), null, false, false);
    this.delay = Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative");
    }
  }

  public Duration delay() {
    return delay;
  }
}
