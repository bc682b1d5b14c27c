package dev.assay.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.shared.Times;
import dev.assay.store.JdbcStore;
import dev.assay.store.StoreContract;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * {@link JobWorkerPool} over a real queue. Retries and delays run deterministically through
 * {@link JobWorkerPool#runDueJobsNow()} and the settable clock; only the tests of the background
 * threads (wake-up, concurrency, heartbeat, shutdown) wait, and for well under a second each.
 */
public abstract class JobWorkerPoolContract extends StoreContract {
  private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8));
  private final JobWorkerSettings settings = JobWorkerSettings.defaults()
      .withOwner("pool-under-test").withConcurrency(2).withLeaseDuration(Duration.ofSeconds(30)).withBackoff(BACKOFF);

  private JobQueue queue() {
    return store().jobs();
  }

  private JobWorkerPool pool(Map<String, JobHandler> handlers) {
    return new JobWorkerPool(queue(), handlers, settings, clock);
  }

  private Job stored(Job job) {
    return queue().find(job.id()).orElseThrow();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(5);
    }
  }

  @Test
  void runDueJobsNow_runsTheHandler_andMarksTheJobSucceeded() {
    AtomicInteger seen = new AtomicInteger();
    Job job = queue().enqueue(NewJob.of("test.add", "{\"n\":41}"));
    try (JobWorkerPool pool = pool(Map.of("test.add", j -> seen.set(j.payloadJson().contains("41") ? 42 : -1)))) {
      assertEquals(1, pool.runDueJobsNow());
      assertEquals(0, pool.runDueJobsNow());
    }
    assertEquals(42, seen.get());
    Job done = stored(job);
    assertEquals(JobStatus.SUCCEEDED, done.status());
    assertEquals(1, done.attempts());
    assertNull(done.lastError());
  }

  @Test
  void aFailingHandler_isRetriedWithGrowingJitteredBackoff_untilItSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    JobHandler flaky = j -> {
      if (calls.incrementAndGet() < 3) {
        throw new IllegalStateException("flaky " + calls.get());
      }
    };
    Job job = queue().enqueue(NewJob.of("test.flaky", "{}"));
    try (JobWorkerPool pool = pool(Map.of("test.flaky", flaky))) {
      assertEquals(1, pool.runDueJobsNow());
      Job afterFirst = stored(job);
      assertEquals(JobStatus.QUEUED, afterFirst.status());
      assertTrue(afterFirst.lastError().startsWith("java.lang.IllegalStateException: flaky 1 (at "), afterFirst.lastError());
      assertDelayBetween(afterFirst, 500, 1000);
      assertEquals(0, pool.runDueJobsNow(), "not due before its backoff");

      clock.advance(Duration.ofSeconds(1));
      assertEquals(1, pool.runDueJobsNow());
      assertDelayBetween(stored(job), 1000, 2000);

      clock.advance(Duration.ofSeconds(2));
      assertEquals(1, pool.runDueJobsNow());
    }
    Job done = stored(job);
    assertEquals(JobStatus.SUCCEEDED, done.status());
    assertEquals(3, done.attempts());
    assertTrue(done.lastError().contains("flaky 2"), "the last failure stays visible: " + done.lastError());
  }

  private void assertDelayBetween(Job job, long minMillis, long maxMillis) {
    long delayMillis = (job.runAfter() - Times.nowMicros(clock)) / 1000;
    assertTrue(delayMillis >= minMillis && delayMillis <= maxMillis, "retry delay " + delayMillis + " ms");
  }

  @Test
  void aHandlerThatAlwaysFails_isDeadLettered_afterMaxAttempts() {
    AtomicInteger calls = new AtomicInteger();
    Job job = queue().enqueue(NewJob.of("test.broken", "{}").withMaxAttempts(3));
    try (JobWorkerPool pool = pool(Map.of("test.broken", j -> {
      calls.incrementAndGet();
      throw new java.io.IOException("endpoint down", new IllegalArgumentException("bad host"));
    }))) {
      for (int i = 0; i < 5; i++) {
        pool.runDueJobsNow();
        clock.advance(Duration.ofSeconds(10));
      }
    }
    assertEquals(3, calls.get());
    Job dead = stored(job);
    assertEquals(JobStatus.DEAD, dead.status());
    assertEquals(3, dead.attempts());
    assertTrue(dead.lastError().contains("java.io.IOException: endpoint down")
        && dead.lastError().contains("caused by java.lang.IllegalArgumentException: bad host"), dead.lastError());
  }

  @Test
  void aHandlerThatDefers_isRequeuedAfterTheDelay_withoutSpendingAttempts_andIsNeverDeadLettered() {
    AtomicInteger calls = new AtomicInteger();
    Job job = queue().enqueue(NewJob.of("test.paused", "{}").withMaxAttempts(2));
    try (JobWorkerPool pool = pool(Map.of("test.paused", j -> {
      if (calls.incrementAndGet() <= 5) {
        throw new JobDeferral("task paused: invalid api key", Duration.ofMinutes(1));
      }
    }))) {
      for (int i = 1; i <= 5; i++) {
        assertEquals(1, pool.runDueJobsNow());
        Job waiting = stored(job);
        assertEquals(JobStatus.QUEUED, waiting.status(), "deferral " + i);
        assertEquals(0, waiting.attempts(), "a deferral gives its attempt back");
        assertEquals(Times.nowMicros(clock) + 60_000_000L, waiting.runAfter());
        assertEquals("task paused: invalid api key", waiting.lastError());
        clock.advance(Duration.ofSeconds(59));
        assertEquals(0, pool.runDueJobsNow(), "not due before the delay");
        clock.advance(Duration.ofSeconds(1));
      }
      assertEquals(1, pool.runDueJobsNow());
    }
    assertEquals(6, calls.get(), "more runs than max attempts, never dead");
    Job done = stored(job);
    assertEquals(JobStatus.SUCCEEDED, done.status());
    assertEquals(1, done.attempts());
  }

  @Test
  void aJobOfAKindWithoutHandler_isLeftQueuedForAReplicaThatKnowsIt_andOthersStillRun() {
    Job unknown = queue().enqueue(NewJob.of("nobody.handles.this", "{}").withMaxAttempts(1).withPriority(1));
    Job known = queue().enqueue(NewJob.of("test.ok", "{}"));
    try (JobWorkerPool pool = pool(Map.of("test.ok", j -> {}))) {
      assertEquals(1, pool.runDueJobsNow());
    }
    Job untouched = stored(unknown);
    assertEquals(JobStatus.QUEUED, untouched.status());
    assertEquals(0, untouched.attempts(), "a pool must not spend attempts on kinds it cannot run");
    assertEquals(JobStatus.SUCCEEDED, stored(known).status());

    try (JobWorkerPool knowing = pool(Map.of("nobody.handles.this", j -> {}))) {
      assertEquals(1, knowing.runDueJobsNow());
    }
    assertEquals(JobStatus.SUCCEEDED, stored(unknown).status());
  }

  @Test
  void aStartedPool_runsAJobAsSoonAsItIsEnqueued_notAtItsNextPoll() throws Exception {
    JobWorkerPool pool = new JobWorkerPool(queue(), Map.of("test.ok", j -> {}), settings.withPollInterval(Duration.ofMinutes(10)), clock);
    try (pool) {
      pool.start();
      Thread.sleep(50); // let the first poll find nothing and start its ten-minute wait
      Job job = queue().enqueue(NewJob.of("test.ok", "{}"));
      await("the job succeeded", () -> stored(job).status() == JobStatus.SUCCEEDED);
    }
  }

  @Test
  void aStartedPool_runsAtMostItsConcurrency_andDrainsTheQueue() throws Exception {
    AtomicInteger active = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    JobHandler gated = j -> {
      peak.accumulateAndGet(active.incrementAndGet(), Math::max);
      go.await();
      active.decrementAndGet();
    };
    queue().enqueueAll(List.of(NewJob.of("test.gated", "{}"), NewJob.of("test.gated", "{}"), NewJob.of("test.gated", "{}"),
        NewJob.of("test.gated", "{}"), NewJob.of("test.gated", "{}")));
    try (JobWorkerPool pool = pool(Map.of("test.gated", gated)).start()) {
      await("two jobs run", () -> pool.activeJobs() == 2);
      Thread.sleep(100);
      assertEquals(2L, queue().countByStatus().get(JobStatus.RUNNING));
      go.countDown();
      await("all five succeeded", () -> queue().countByStatus().get(JobStatus.SUCCEEDED) == 5);
    }
    assertEquals(2, peak.get());
  }

  @Test
  void theHeartbeat_keepsTheLeaseOfAJobThatRunsLongerThanIt() throws Exception {
    // Real time: the lease (600 ms) must be renewed by the heartbeat (every 200 ms) while the job runs 1.5 s.
    JobQueue realTimeQueue = new JdbcStore(database(), Clock.systemUTC()).jobs();
    Job job = realTimeQueue.enqueue(NewJob.of("test.slow", "{}"));
    JobWorkerSettings shortLease = settings.withLeaseDuration(Duration.ofMillis(600)).withPollInterval(Duration.ofMillis(20));
    try (JobWorkerPool pool = new JobWorkerPool(realTimeQueue, Map.of("test.slow", j -> Thread.sleep(1500)), shortLease, Clock.systemUTC())) {
      pool.start();
      await("the job runs", () -> realTimeQueue.find(job.id()).orElseThrow().status() == JobStatus.RUNNING);
      while (realTimeQueue.find(job.id()).orElseThrow().status() == JobStatus.RUNNING) {
        assertEquals(List.of(), realTimeQueue.claim("thief", 1, Duration.ofSeconds(30)), "the lease was lost while the job ran");
        Thread.sleep(50);
      }
    }
    Job done = realTimeQueue.find(job.id()).orElseThrow();
    assertEquals(JobStatus.SUCCEEDED, done.status());
    assertEquals(1, done.attempts());
  }

  @Test
  void shutdown_waitsForRunningJobs_thenReleasesTheRest_andStopsClaiming() throws Exception {
    CountDownLatch quickGo = new CountDownLatch(1);
    AtomicInteger interrupted = new AtomicInteger();
    JobHandler stuck = j -> {
      try {
        Thread.sleep(Duration.ofMinutes(5));
      } catch (InterruptedException e) {
        interrupted.incrementAndGet();
        throw e;
      }
    };
    Job quick = queue().enqueue(NewJob.of("test.quick", "{}").withPriority(1));
    Job stuck1 = queue().enqueue(NewJob.of("test.stuck", "{}"));
    Job stuck2 = queue().enqueue(NewJob.of("test.stuck", "{}"));
    JobWorkerPool pool = new JobWorkerPool(queue(), Map.of("test.quick", j -> quickGo.await(), "test.stuck", stuck),
        settings.withConcurrency(3), clock).start();
    await("three jobs run", () -> pool.activeJobs() == 3);

    CompletableFuture<Boolean> allFinished = CompletableFuture.supplyAsync(() -> pool.shutdown(Duration.ofMillis(400)));
    Thread.sleep(50);
    quickGo.countDown();

    assertFalse(allFinished.get(10, TimeUnit.SECONDS));
    assertEquals(JobStatus.SUCCEEDED, stored(quick).status());
    for (Job job : List.of(stuck1, stuck2)) {
      Job released = stored(job);
      assertEquals(JobStatus.QUEUED, released.status());
      assertEquals(0, released.attempts(), "a released job gets its attempt back");
      assertNull(released.leaseOwner());
    }
    await("both stuck handlers were interrupted", () -> interrupted.get() == 2);
    Job late = queue().enqueue(NewJob.of("test.quick", "{}"));
    Thread.sleep(100);
    assertEquals(JobStatus.QUEUED, stored(late).status(), "a stopped pool claims nothing");
    assertEquals(3, queue().claim("another-replica", 10, Duration.ofSeconds(30)).size(), "released jobs are due at once");
  }
}
