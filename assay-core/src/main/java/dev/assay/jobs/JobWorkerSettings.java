package dev.assay.jobs;

import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a {@link JobWorkerPool} runs. Start from {@link #defaults()} and adjust with the {@code with…}
 * methods. Leases are renewed every {@link #heartbeatInterval()} (a third of the lease), so a worker
 * survives two missed heartbeats, and a dead worker's jobs are picked up within one lease.
 *
 * @param owner this worker's name in {@code leaseOwner}; unique per process (host, pid and a random suffix by default)
 * @param concurrency most jobs run at once, 1 to 1000
 * @param pollInterval how often to look for due jobs when not woken by an in-process enqueue; at least 10 ms
 * @param leaseDuration how long a claimed job stays reserved without a heartbeat; at least 100 ms
 * @param shutdownTimeout how long {@link JobWorkerPool#close()} waits for running jobs before handing them back
 * @param backoff the delay before retrying a failed job
 */
public record JobWorkerSettings(
    String owner, int concurrency, Duration pollInterval, Duration leaseDuration, Duration shutdownTimeout, Backoff backoff) {

  public JobWorkerSettings {
    if (owner == null || owner.isBlank() || owner.length() > 200) {
      throw new IllegalArgumentException("owner must be 1 to 200 characters");
    }
    if (concurrency < 1 || concurrency > 1000) {
      throw new IllegalArgumentException("concurrency must be between 1 and 1000, got " + concurrency);
    }
    requireAtLeast("pollInterval", pollInterval, Duration.ofMillis(10));
    requireAtLeast("leaseDuration", leaseDuration, Duration.ofMillis(100));
    requireAtLeast("shutdownTimeout", shutdownTimeout, Duration.ZERO);
    if (backoff == null) {
      throw new IllegalArgumentException("backoff is required");
    }
  }

  /** 8 concurrent jobs, 1 s polls, 60 s leases, 10 s shutdown wait, retries after 1 s doubling to 5 min. */
  public static JobWorkerSettings defaults() {
    return new JobWorkerSettings(defaultOwner(), 8, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(10),
        new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5)));
  }

  /** The interval between lease renewals: a third of {@link #leaseDuration()}. */
  public Duration heartbeatInterval() {
    return leaseDuration.dividedBy(3);
  }

  public JobWorkerSettings withOwner(String value) {
    return new JobWorkerSettings(value, concurrency, pollInterval, leaseDuration, shutdownTimeout, backoff);
  }

  public JobWorkerSettings withConcurrency(int value) {
    return new JobWorkerSettings(owner, value, pollInterval, leaseDuration, shutdownTimeout, backoff);
  }

  public JobWorkerSettings withPollInterval(Duration value) {
    return new JobWorkerSettings(owner, concurrency, value, leaseDuration, shutdownTimeout, backoff);
  }

  public JobWorkerSettings withLeaseDuration(Duration value) {
    return new JobWorkerSettings(owner, concurrency, pollInterval, value, shutdownTimeout, backoff);
  }

  public JobWorkerSettings withShutdownTimeout(Duration value) {
    return new JobWorkerSettings(owner, concurrency, pollInterval, leaseDuration, value, backoff);
  }

  public JobWorkerSettings withBackoff(Backoff value) {
    return new JobWorkerSettings(owner, concurrency, pollInterval, leaseDuration, shutdownTimeout, value);
  }

  /** {@code <host>-<pid>-<random>}: readable in the jobs table, and never reused by a restarted process. */
  static String defaultOwner() {
    String host = System.getenv("HOSTNAME");
    String prefix = host == null || host.isBlank() ? "assay" : host.strip();
    byte[] random = new byte[3];
    ThreadLocalRandom.current().nextBytes(random);
    return prefix + "-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random);
  }

  private static void requireAtLeast(String what, Duration value, Duration min) {
    if (value == null || value.compareTo(min) < 0) {
      throw new IllegalArgumentException(what + " must be at least " + min + ", got " + value);
    }
  }
}
