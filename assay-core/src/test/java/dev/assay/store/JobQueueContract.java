package dev.assay.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.jobs.Job;
import dev.assay.jobs.JobQueue;
import dev.assay.jobs.JobStatus;
import dev.assay.jobs.NewJob;
import dev.assay.shared.ConflictException;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The {@link JobQueue} contract. Time moves only when a test advances the clock. */
public abstract class JobQueueContract extends StoreContract {
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final String KIND = "test.echo";

  private JobQueue queue() {
    return store().jobs();
  }

  private long now() {
    return Times.nowMicros(clock);
  }

  private Job enqueue(int n) {
    return queue().enqueue(NewJob.of(KIND, "{\"n\":" + n + "}"));
  }

  private Job claimOnly(String owner) {
    List<Job> claimed = queue().claim(owner, 10, LEASE);
    assertEquals(1, claimed.size(), "claimed " + claimed);
    return claimed.getFirst();
  }

  private Job stored(Job job) {
    return queue().find(job.id()).orElseThrow();
  }

  @Test
  void enqueue_storesAQueuedJobDueNow() throws Exception {
    Job job = queue().enqueue(NewJob.of(KIND, "{\"text\": \"héllo\", \"list\": [1, true, null]}"));

    assertEquals(JobStatus.QUEUED, job.status());
    assertEquals(KIND, job.kind());
    assertEquals(0, job.attempts());
    assertEquals(NewJob.DEFAULT_MAX_ATTEMPTS, job.maxAttempts());
    assertEquals(0, job.priority());
    assertEquals(now(), job.runAfter());
    assertEquals(now(), job.createdAt());
    assertEquals(now(), job.updatedAt());
    assertNull(job.leaseOwner());
    assertNull(job.leaseUntil());
    assertNull(job.idempotencyKey());
    assertNull(job.lastError());
    assertNull(job.finishedAt());
    ObjectMapper json = new ObjectMapper();
    assertEquals(json.readTree("{\"list\":[1,true,null],\"text\":\"héllo\"}"), json.readTree(job.payloadJson()));
    assertEquals(job, stored(job));
  }

  @Test
  void enqueue_withAKeyAlreadyUsed_returnsTheExistingJobEvenAfterItFinished() {
    Job first = queue().enqueue(NewJob.of(KIND, "{\"v\":1}").withIdempotencyKey("monitor-tick:m1:42"));
    Job again = queue().enqueue(NewJob.of("other.kind", "{\"v\":2}").withIdempotencyKey("monitor-tick:m1:42"));
    assertEquals(first, again);

    claimOnly("worker-a");
    assertTrue(queue().complete("worker-a", first.id()));
    Job afterFinish = queue().enqueue(NewJob.of(KIND, "{\"v\":3}").withIdempotencyKey("monitor-tick:m1:42"));
    assertEquals(first.id(), afterFinish.id());
    assertEquals(JobStatus.SUCCEEDED, afterFinish.status());
    assertEquals(1L, queue().countByStatus().get(JobStatus.SUCCEEDED));
    assertEquals(0L, queue().countByStatus().get(JobStatus.QUEUED));
  }

  @Test
  void enqueue_racingWithOneKey_createsOneJob() throws Exception {
    int racers = 12;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Job>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < racers; i++) {
        String payload = "{\"racer\":" + i + "}";
        results.add(pool.submit(() -> {
          start.await();
          return queue().enqueue(NewJob.of(KIND, payload).withIdempotencyKey("race"));
        }));
      }
      start.countDown();
      Set<String> ids = new HashSet<>();
      for (Future<Job> result : results) {
        ids.add(result.get().id());
      }
      assertEquals(1, ids.size());
    }
    assertEquals(1L, queue().countByStatus().get(JobStatus.QUEUED));
  }

  @Test
  void enqueueAll_returnsOneJobPerInputInOrder_sharingJobsOfOneKey() {
    assertEquals(List.of(), queue().enqueueAll(List.of()));
    Job existing = queue().enqueue(NewJob.of(KIND, "{\"old\":true}").withIdempotencyKey("k-old"));

    List<Job> jobs = queue().enqueueAll(List.of(
        NewJob.of(KIND, "{\"i\":0}"),
        NewJob.of(KIND, "{\"i\":1}").withIdempotencyKey("k-new"),
        NewJob.of(KIND, "{\"i\":2}").withIdempotencyKey("k-old"),
        NewJob.of(KIND, "{\"i\":3}").withIdempotencyKey("k-new"),
        NewJob.of(KIND, "{\"i\":4}")));

    assertEquals(5, jobs.size());
    assertTrue(jobs.get(0).payloadJson().contains("0"));
    assertTrue(jobs.get(1).payloadJson().contains("1"));
    assertEquals(existing, jobs.get(2));
    assertEquals(jobs.get(1), jobs.get(3));
    assertTrue(jobs.get(4).payloadJson().contains("4"));
    assertNotEquals(jobs.get(0).id(), jobs.get(4).id());
    assertEquals(4L, queue().countByStatus().get(JobStatus.QUEUED));
  }

  @Test
  void badArguments_areRejectedBeforeAnyIo() {
    assertThrows(InvalidInputException.class, () -> NewJob.of(" ", "{}"));
    assertThrows(InvalidInputException.class, () -> NewJob.of("has space", "{}"));
    assertThrows(InvalidInputException.class, () -> NewJob.of(KIND, "{\"open\":"));
    assertThrows(InvalidInputException.class, () -> NewJob.of(KIND, "[1, 2]"));
    assertThrows(InvalidInputException.class, () -> NewJob.of(KIND, "{} {}"));
    assertThrows(InvalidInputException.class, () -> NewJob.of(KIND, "{}").withMaxAttempts(0));
    assertThrows(InvalidInputException.class, () -> NewJob.of(KIND, "{}").withIdempotencyKey(""));
    assertThrows(InvalidInputException.class, () -> queue().claim("w", 0, LEASE));
    assertThrows(InvalidInputException.class, () -> queue().claim("w", JobQueue.MAX_CLAIM + 1, LEASE));
    assertThrows(InvalidInputException.class, () -> queue().claim("w", 1, Duration.ZERO));
    assertThrows(InvalidInputException.class, () -> queue().claim(" ", 1, LEASE));
    assertThrows(InvalidInputException.class, () -> queue().fail("w", "id", "e", Duration.ofSeconds(-1)));
    assertThrows(NullPointerException.class, () -> queue().complete(null, "id"));
  }

  @Test
  void claim_takesHighestPriorityFirst_thenEarliestRunAfter_thenId() {
    Instant t = clock.instant();
    Job lowOld = queue().enqueue(NewJob.of(KIND, "{}").withRunAfter(t.minusSeconds(30)));
    Job highLate = queue().enqueue(NewJob.of(KIND, "{}").withPriority(5).withRunAfter(t.minusSeconds(1)));
    Job highEarly = queue().enqueue(NewJob.of(KIND, "{}").withPriority(5).withRunAfter(t.minusSeconds(2)));
    Job tieA = queue().enqueue(NewJob.of(KIND, "{}").withRunAfter(t.minusSeconds(10)));
    Job tieB = queue().enqueue(NewJob.of(KIND, "{}").withRunAfter(t.minusSeconds(10)));
    Job negative = queue().enqueue(NewJob.of(KIND, "{}").withPriority(-1).withRunAfter(t.minusSeconds(60)));
    List<String> ties = new ArrayList<>(List.of(tieA.id(), tieB.id()));
    Collections.sort(ties);

    List<String> first = queue().claim("worker-a", 2, LEASE).stream().map(Job::id).toList();
    List<String> rest = queue().claim("worker-a", 10, LEASE).stream().map(Job::id).toList();

    assertEquals(List.of(highEarly.id(), highLate.id()), first);
    assertEquals(List.of(lowOld.id(), ties.get(0), ties.get(1), negative.id()), rest);
  }

  @Test
  void claim_ofKinds_takesOnlyThoseKinds_andAnEmptySetClaimsNothing() {
    Job mail = queue().enqueue(NewJob.of("test.mail", "{}").withPriority(9));
    Job eval = queue().enqueue(NewJob.of("test.eval", "{}"));
    Job other = queue().enqueue(NewJob.of("test.other", "{}"));

    assertEquals(List.of(), queue().claim("worker-a", Set.of(), 10, LEASE));
    List<String> claimed = queue().claim("worker-a", Set.of("test.eval", "test.other"), 10, LEASE).stream().map(Job::id).toList();

    assertEquals(Set.of(eval.id(), other.id()), Set.copyOf(claimed));
    assertEquals(JobStatus.QUEUED, stored(mail).status());
    assertEquals(0, stored(mail).attempts());
    assertThrows(InvalidInputException.class, () -> queue().claim("worker-a", (Set<String>) null, 1, LEASE));
  }

  @Test
  void claim_takesOnlyJobsWhoseRunAfterHasPassed() {
    Job later = queue().enqueue(NewJob.of(KIND, "{}").withRunAfter(clock.instant().plusSeconds(10)));
    assertEquals(List.of(), queue().claim("worker-a", 10, LEASE));
    clock.advance(Duration.ofSeconds(10));
    assertEquals(later.id(), claimOnly("worker-a").id());
  }

  @Test
  void claim_leasesTheJobToTheOwner_andCountsTheAttempt() {
    Job job = enqueue(1);
    clock.advance(Duration.ofSeconds(1));
    Job claimed = claimOnly("worker-a");

    assertEquals(job.id(), claimed.id());
    assertEquals(JobStatus.RUNNING, claimed.status());
    assertEquals(1, claimed.attempts());
    assertEquals("worker-a", claimed.leaseOwner());
    assertEquals(now() + LEASE.toNanos() / 1000, claimed.leaseUntil());
    assertEquals(now(), claimed.updatedAt());
    assertEquals(claimed, stored(job));
  }

  @Test
  void aLeasedJob_goesToNoOneElse_untilItsLeaseExpires() {
    Job job = enqueue(1);
    claimOnly("worker-a");
    assertEquals(List.of(), queue().claim("worker-b", 10, LEASE));
    clock.advance(LEASE);
    assertEquals(List.of(), queue().claim("worker-b", 10, LEASE), "a lease is held up to and including leaseUntil");

    clock.advance(Duration.ofMillis(1));
    Job reclaimed = claimOnly("worker-b");

    assertEquals(job.id(), reclaimed.id());
    assertEquals("worker-b", reclaimed.leaseOwner());
    assertEquals(2, reclaimed.attempts());
    assertTrue(reclaimed.lastError().contains("lease of worker-a expired"), reclaimed.lastError());
  }

  @Test
  void aStaleOwner_cannotCompleteFailRenewOrRelease_aJobReclaimedByAnother() {
    Job job = enqueue(1);
    claimOnly("worker-a");
    clock.advance(LEASE.plusSeconds(1));
    claimOnly("worker-b");

    assertEquals(false, queue().complete("worker-a", job.id()));
    assertTrue(queue().fail("worker-a", job.id(), "late failure", Duration.ZERO).isEmpty());
    assertEquals(Set.of(), queue().renew("worker-a", List.of(job.id()), LEASE));
    assertEquals(0, queue().release("worker-a", List.of(job.id())));
    assertEquals("worker-b", stored(job).leaseOwner());
    assertEquals(JobStatus.RUNNING, stored(job).status());

    assertTrue(queue().complete("worker-b", job.id()));
  }

  @Test
  void complete_marksTheJobSucceeded_once() {
    Job job = enqueue(1);
    claimOnly("worker-a");
    clock.advance(Duration.ofSeconds(3));

    assertTrue(queue().complete("worker-a", job.id()));

    Job done = stored(job);
    assertEquals(JobStatus.SUCCEEDED, done.status());
    assertEquals(now(), done.finishedAt());
    assertNull(done.leaseOwner());
    assertNull(done.leaseUntil());
    assertEquals(false, queue().complete("worker-a", job.id()));
    clock.advance(Duration.ofHours(1));
    assertEquals(List.of(), queue().claim("worker-a", 10, LEASE));
  }

  @Test
  void fail_requeuesTheJobAfterTheDelay_withItsError() {
    Job job = enqueue(1);
    claimOnly("worker-a");

    Job failed = queue().fail("worker-a", job.id(), "java.io.IOException: timeout", Duration.ofSeconds(10)).orElseThrow();

    assertEquals(JobStatus.QUEUED, failed.status());
    assertEquals(now() + 10_000_000L, failed.runAfter());
    assertEquals("java.io.IOException: timeout", failed.lastError());
    assertEquals(1, failed.attempts());
    assertNull(failed.leaseOwner());
    assertNull(failed.finishedAt());
    assertEquals(failed, stored(job));
    clock.advance(Duration.ofSeconds(9));
    assertEquals(List.of(), queue().claim("worker-a", 10, LEASE));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(2, claimOnly("worker-b").attempts());
  }

  @Test
  void fail_onTheLastAttempt_deadLettersTheJob_keepingTheError() {
    Job job = queue().enqueue(NewJob.of(KIND, "{}").withMaxAttempts(2));
    claimOnly("worker-a");
    queue().fail("worker-a", job.id(), "first", Duration.ZERO);
    claimOnly("worker-a");
    String longError = "second " + "x".repeat(JobQueue.MAX_ERROR_CHARS);

    Job dead = queue().fail("worker-a", job.id(), longError, Duration.ZERO).orElseThrow();

    assertEquals(JobStatus.DEAD, dead.status());
    assertEquals(2, dead.attempts());
    assertEquals(now(), dead.finishedAt());
    assertEquals(longError.substring(0, JobQueue.MAX_ERROR_CHARS), dead.lastError());
    clock.advance(Duration.ofDays(1));
    assertEquals(List.of(), queue().claim("worker-a", 10, LEASE));
  }

  @Test
  void aJobWhoseWorkerDiesEveryTime_endsDead_afterMaxAttempts() {
    Job job = queue().enqueue(NewJob.of(KIND, "{}").withMaxAttempts(3));
    for (int i = 1; i <= 3; i++) {
      assertEquals(i, claimOnly("worker-" + i).attempts());
      clock.advance(LEASE.plusSeconds(1));
    }

    assertEquals(List.of(), queue().claim("worker-4", 10, LEASE));

    Job dead = stored(job);
    assertEquals(JobStatus.DEAD, dead.status());
    assertEquals(3, dead.attempts());
    assertEquals(now(), dead.finishedAt());
    assertNull(dead.leaseOwner());
    assertTrue(dead.lastError().contains("lease of worker-3 expired") && dead.lastError().contains("attempt 3 of 3"), dead.lastError());
  }

  @Test
  void renew_extendsOnlyTheLeasesTheOwnerStillHolds() {
    Job a1 = enqueue(1);
    Job a2 = enqueue(2);
    List<Job> claimedByA = queue().claim("worker-a", 2, LEASE);
    Job b1 = enqueue(3);
    claimOnly("worker-b");
    assertEquals(2, claimedByA.size());
    clock.advance(Duration.ofSeconds(20));

    Set<String> renewed = queue().renew("worker-a", List.of(a1.id(), a2.id(), b1.id(), "no-such-job"), LEASE);

    assertEquals(Set.of(a1.id(), a2.id()), renewed);
    assertEquals(now() + LEASE.toNanos() / 1000, stored(a1).leaseUntil());
    assertEquals(Set.of(), queue().renew("worker-a", List.of(), LEASE));
    clock.advance(Duration.ofSeconds(20));
    assertEquals(List.of(b1.id()), queue().claim("worker-c", 10, LEASE).stream().map(Job::id).toList());
  }

  @Test
  void release_requeuesTheJobAtOnce_withoutCountingTheAttempt() {
    Job job = enqueue(1);
    clock.advance(Duration.ofSeconds(5));
    claimOnly("worker-a");
    assertEquals(0, queue().release("worker-b", List.of(job.id())));

    assertEquals(1, queue().release("worker-a", List.of(job.id(), "no-such-job")));

    Job released = stored(job);
    assertEquals(JobStatus.QUEUED, released.status());
    assertEquals(0, released.attempts());
    assertEquals(job.runAfter(), released.runAfter());
    assertNull(released.leaseOwner());
    assertNull(released.leaseUntil());
    assertEquals(1, claimOnly("worker-b").attempts());
  }

  @Test
  void defer_requeuesTheJobAfterTheDelay_givingTheAttemptBack_andKeepsTheReason() {
    Job job = queue().enqueue(NewJob.of(KIND, "{}").withMaxAttempts(1));
    claimOnly("worker-a");
    assertFalse(queue().defer("worker-b", job.id(), "not mine", Duration.ofSeconds(5)));

    assertTrue(queue().defer("worker-a", job.id(), "task paused: " + "x".repeat(JobQueue.MAX_ERROR_CHARS), Duration.ofSeconds(30)));

    Job deferred = stored(job);
    assertEquals(JobStatus.QUEUED, deferred.status());
    assertEquals(0, deferred.attempts());
    assertEquals(now() + 30_000_000L, deferred.runAfter());
    assertEquals(("task paused: " + "x".repeat(JobQueue.MAX_ERROR_CHARS)).substring(0, JobQueue.MAX_ERROR_CHARS),
        deferred.lastError());
    assertNull(deferred.leaseOwner());
    assertNull(deferred.leaseUntil());
    assertFalse(queue().defer("worker-a", job.id(), "no longer held", Duration.ZERO));
    clock.advance(Duration.ofSeconds(29));
    assertEquals(List.of(), queue().claim("worker-a", 10, LEASE));
    clock.advance(Duration.ofSeconds(1));
    Job again = claimOnly("worker-b");
    assertEquals(1, again.attempts(), "its one attempt is still there");
    assertTrue(queue().complete("worker-b", job.id()));
    assertThrows(InvalidInputException.class, () -> queue().defer("worker-b", job.id(), "x", Duration.ofSeconds(-1)));
  }

  @Test
  void retryDead_requeuesADeadJob_withFreshAttempts() {
    Job job = queue().enqueue(NewJob.of(KIND, "{}").withMaxAttempts(1));
    claimOnly("worker-a");
    queue().fail("worker-a", job.id(), "boom", Duration.ZERO);
    clock.advance(Duration.ofMinutes(1));

    Job retried = queue().retryDead(job.id());

    assertEquals(JobStatus.QUEUED, retried.status());
    assertEquals(0, retried.attempts());
    assertEquals(now(), retried.runAfter());
    assertNull(retried.finishedAt());
    assertEquals("boom", retried.lastError());
    assertEquals(1, claimOnly("worker-b").attempts());
    assertThrows(ConflictException.class, () -> queue().retryDead(job.id()));
    assertThrows(NotFoundException.class, () -> queue().retryDead("no-such-job"));
  }

  @Test
  void countByStatus_reportsEveryStatus() {
    assertEquals(Map.of(JobStatus.QUEUED, 0L, JobStatus.RUNNING, 0L, JobStatus.SUCCEEDED, 0L, JobStatus.DEAD, 0L),
        queue().countByStatus());
    Job succeeded = queue().enqueue(NewJob.of(KIND, "{}").withPriority(3));
    Job dead = queue().enqueue(NewJob.of(KIND, "{}").withPriority(2).withMaxAttempts(1));
    queue().enqueue(NewJob.of(KIND, "{}").withPriority(1));
    queue().enqueue(NewJob.of(KIND, "{}"));
    assertEquals(3, queue().claim("worker-a", 3, LEASE).size());
    queue().complete("worker-a", succeeded.id());
    queue().fail("worker-a", dead.id(), "boom", Duration.ZERO);

    assertEquals(Map.of(JobStatus.QUEUED, 1L, JobStatus.RUNNING, 1L, JobStatus.SUCCEEDED, 1L, JobStatus.DEAD, 1L),
        queue().countByStatus());
    assertTrue(queue().find("no-such-job").isEmpty());
    assertTrue(queue().find(null).isEmpty());
  }

  @Test
  void concurrentClaimers_neverReceiveTheSameJob() throws Exception {
    int jobs = 120;
    queue().enqueueAll(IntStream.range(0, jobs).mapToObj(i -> NewJob.of(KIND, "{\"i\":" + i + "}")).toList());
    List<String> claimed = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> workers = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int w = 0; w < 6; w++) {
        String owner = "worker-" + w;
        workers.add(pool.submit(() -> {
          start.await();
          for (List<Job> batch = queue().claim(owner, 7, LEASE); !batch.isEmpty(); batch = queue().claim(owner, 7, LEASE)) {
            batch.forEach(j -> claimed.add(j.id()));
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> worker : workers) {
        worker.get();
      }
    }
    assertEquals(jobs, claimed.size());
    assertEquals(jobs, new HashSet<>(claimed).size());
  }

  @Test
  void listeners_hearOfNewJobs_butNotOfDuplicates() {
    AtomicInteger calls = new AtomicInteger();
    Runnable listener = calls::incrementAndGet;
    queue().addEnqueueListener(listener);
    try {
      queue().enqueue(NewJob.of(KIND, "{}").withIdempotencyKey("once"));
      queue().enqueue(NewJob.of(KIND, "{}").withIdempotencyKey("once"));
      assertEquals(1, calls.get());
      queue().enqueueAll(List.of(NewJob.of(KIND, "{}"), NewJob.of(KIND, "{}")));
      assertEquals(2, calls.get());
    } finally {
      queue().removeEnqueueListener(listener);
    }
    enqueue(1);
    assertEquals(2, calls.get());
  }

  @Test
  void purgeSucceeded_deletesOldFinishedJobs_andFreesTheirKeys() {
    Job old = queue().enqueue(NewJob.of(KIND, "{}").withIdempotencyKey("purge-me"));
    claimOnly("worker-a");
    queue().complete("worker-a", old.id());
    Job pending = enqueue(2);
    clock.advance(Duration.ofDays(8));

    assertEquals(0, queue().purgeSucceeded(clock.instant().minus(Duration.ofDays(9))));
    assertEquals(1, queue().purgeSucceeded(clock.instant().minus(Duration.ofDays(7))));

    assertTrue(queue().find(old.id()).isEmpty());
    assertTrue(queue().find(pending.id()).isPresent());
    assertNotEquals(old.id(), queue().enqueue(NewJob.of(KIND, "{}").withIdempotencyKey("purge-me")).id());
  }
}
