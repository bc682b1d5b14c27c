package dev.assay.tasks;

import java.time.Duration;
import java.util.Objects;

/**
 * How tasks run on this replica.
 *
 * @param traceSettle a trace is evaluated by a TRACE or TRAJECTORY task once no span arrived for this long
 * @param sessionIdle a session is evaluated by a SESSION task once no span arrived for this long
 * @param chunkSize targets per {@link TaskJobs#EVALUATE} job of a run
 * @param pauseRecheck how often work of a paused task looks again whether the pause was lifted
 * @param settlePoll how often the settler looks for pending targets that are due
 */
public record TaskSettings(Duration traceSettle, Duration sessionIdle, int chunkSize, Duration pauseRecheck,
    Duration settlePoll) {
  public static final Duration DEFAULT_TRACE_SETTLE = Duration.ofSeconds(10);
  public static final Duration DEFAULT_SESSION_IDLE = Duration.ofMinutes(15);

  public TaskSettings {
    Objects.requireNonNull(traceSettle, "traceSettle");
    Objects.requireNonNull(sessionIdle, "sessionIdle");
    Objects.requireNonNull(pauseRecheck, "pauseRecheck");
    Objects.requireNonNull(settlePoll, "settlePoll");
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunkSize must be at least 1");
    }
  }

  public static TaskSettings defaults() {
    return new TaskSettings(DEFAULT_TRACE_SETTLE, DEFAULT_SESSION_IDLE, 100, Duration.ofSeconds(5), Duration.ofSeconds(1));
  }

  public TaskSettings withTraceSettle(Duration value) {
    return new TaskSettings(value, sessionIdle, chunkSize, pauseRecheck, settlePoll);
  }

  public TaskSettings withSessionIdle(Duration value) {
    return new TaskSettings(traceSettle, value, chunkSize, pauseRecheck, settlePoll);
  }

  public TaskSettings withChunkSize(int value) {
    return new TaskSettings(traceSettle, sessionIdle, value, pauseRecheck, settlePoll);
  }

  public TaskSettings withPauseRecheck(Duration value) {
    return new TaskSettings(traceSettle, sessionIdle, chunkSize, value, settlePoll);
  }

  public TaskSettings withSettlePoll(Duration value) {
    return new TaskSettings(traceSettle, sessionIdle, chunkSize, pauseRecheck, value);
  }
}
