package dev.assay.tasks;

import dev.assay.jobs.NewJob;
import dev.assay.traces.Span;
import dev.assay.traces.SpanCommitJobs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The span writer's outbox hook for continuous tasks: which projects have continuous tasks, kept in memory, and the
 * {@link TaskJobs#INGESTED} jobs a commit's spans start in those projects.
 *
 * <p>{@link #jobsFor} runs on the span writer's thread inside its transaction, so it never touches the database: it
 * reads a set refreshed every {@link #REFRESH_INTERVAL} by a background thread ({@link #start}), and at once by
 * {@link #refresh} after a local task change. A task created on another replica is therefore seen here within about
 * a second; spans committed before that are not evaluated continuously (a backfill run covers them).
 *
 * <p>Spans an evaluator produced (span kind {@code EVALUATOR} or the {@code assay.evaluator} attribute, the loop
 * guard) are left out here already: they never start work.
 */
public final class ContinuousTaskIndex implements SpanCommitJobs, AutoCloseable {
  /** How stale the set may be: a continuous task created on another replica starts after at most this long. */
  public static final Duration REFRESH_INTERVAL = Duration.ofSeconds(1);
  /** Spans per {@link TaskJobs#INGESTED} job, so a payload stays small (ids only, ~100 KB). */
  public static final int MAX_SPANS_PER_JOB = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(ContinuousTaskIndex.class);
  private static final String MARKER_KEY = "\"assay.evaluator\"";

  private final TaskStore store;
  private final Clock clock;
  private final Object refreshLock = new Object();
  private volatile Set<String> projects = Set.of();
  private volatile Instant refreshedAt; // null until the first successful read
  private volatile boolean failing;
  private Thread refresher; // guarded by this

  public ContinuousTaskIndex(TaskStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Loads the set now and keeps it fresh from a background thread until {@link #close}. Idempotent. Throws when the
   * first load fails, so a server never starts with a set it could not read.
   */
  public synchronized ContinuousTaskIndex start() {
    if (refresher != null) {
      return this;
    }
    if (!refresh()) {
      throw new IllegalStateException("could not read the projects with continuous tasks");
    }
    refresher = Thread.ofVirtual().name("assay-continuous-tasks").start(this::refreshLoop);
    return this;
  }

  /**
   * Reads the projects with continuous tasks from the store now (a local task change calls it, so its own replica
   * never waits for the next periodic refresh). A failure keeps the previous set and is logged.
   *
   * @return true when the set was read
   */
  public boolean refresh() {
    synchronized (refreshLock) { // loads in order: an older read never replaces a newer one
      try {
        projects = Set.copyOf(store.projectsWithContinuousTasks());
        refreshedAt = clock.instant();
        if (failing) {
          failing = false;
          LOG.info("the projects with continuous tasks can be read again");
        }
        return true;
      } catch (RuntimeException e) {
        if (!failing) {
          failing = true;
          LOG.warn("could not refresh the projects with continuous tasks; keeping the last known set ({})",
              e.toString());
        }
        return false;
      }
    }
  }

  /** The projects this replica currently enqueues continuous work for. */
  public Set<String> projects() {
    return projects;
  }

  @Override
  public List<NewJob> jobsFor(List<Span> inserted) {
    return jobsFor(inserted, null);
  }

  @Override
  public List<NewJob> jobsFor(List<Span> inserted, long ingestedAtMicros) {
    return jobsFor(inserted, Long.valueOf(ingestedAtMicros));
  }

  private List<NewJob> jobsFor(List<Span> inserted, Long ingestedAt) {
    Set<String> current = projects;
    if (current.isEmpty()) {
      return List.of();
    }
    Map<String, List<List<String>>> byProject = new LinkedHashMap<>();
    for (Span span : inserted) {
      if (current.contains(span.projectId()) && !fromEvaluator(span)) {
        byProject.computeIfAbsent(span.projectId(), p -> new ArrayList<>())
            .add(Arrays.asList(span.traceId(), span.spanId(), span.sessionId()));
      }
    }
    if (byProject.isEmpty()) {
      return List.of();
    }
    List<NewJob> jobs = new ArrayList<>();
    byProject.forEach((projectId, spans) -> {
      for (int from = 0; from < spans.size(); from += MAX_SPANS_PER_JOB) {
        List<List<String>> part = spans.subList(from, Math.min(spans.size(), from + MAX_SPANS_PER_JOB));
        jobs.add(NewJob.of(TaskJobs.INGESTED, TaskPayloads.write(new TaskJobs.Ingested(projectId, part, ingestedAt))));
      }
    });
    return jobs;
  }

  /**
   * The loop guard without parsing the attributes (this runs on the writer thread for every span): the flattened
   * attribute JSON has the key {@code "assay.evaluator"} with a non-null value. The key's quotes cannot come from
   * inside a string value, where quotes are escaped.
   */
  static boolean fromEvaluator(Span span) {
    if ("EVALUATOR".equals(span.spanKind())) {
      return true;
    }
    String json = span.attributesJson();
    int at = json.indexOf(MARKER_KEY);
    while (at >= 0) {
      int i = skipSpaces(json, at + MARKER_KEY.length());
      if (i < json.length() && json.charAt(i) == ':') {
        i = skipSpaces(json, i + 1);
        return !json.startsWith("null", i);
      }
      at = json.indexOf(MARKER_KEY, at + 1);
    }
    return false;
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private void refreshLoop() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(REFRESH_INTERVAL);
      } catch (InterruptedException e) {
        return;
      }
      refresh();
    }
  }

  /** Stops the background refresh; the last set stays in use. */
  @Override
  public synchronized void close() {
    if (refresher != null) {
      refresher.interrupt();
      refresher = null;
    }
  }

  @Override
  public String toString() {
    Instant at = refreshedAt;
    return "ContinuousTaskIndex[" + (at == null ? "not loaded" : projects.size() + " projects, read " + at) + "]";
  }
}
