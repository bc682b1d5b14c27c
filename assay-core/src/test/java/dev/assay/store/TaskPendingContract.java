package dev.assay.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.jobs.NewJob;
import dev.assay.tasks.PendingTarget;
import dev.assay.tasks.Task;
import dev.assay.tasks.TaskJobs;
import dev.assay.tasks.TaskStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link TaskStore}'s pending traces and sessions: an upsert keeps the later due time (also when the same key is
 * written again and again, which DuckDB's primary-key index once got wrong), taking due rows is earliest first and
 * atomic with its jobs, and concurrent takers on two stores never take one row twice.
 */
public abstract class TaskPendingContract extends TaskContractBase {

  private PendingTarget pending(Task task, String target, Instant due) {
    return new PendingTarget(task.id(), target, project.id(), due);
  }

  private static List<NewJob> jobsOf(List<PendingTarget> taken) {
    return taken.stream().map(t -> NewJob.of(TaskJobs.EVALUATE, "{\"task_id\":\"" + t.taskId() + "\",\"target_ids\":[\""
        + t.targetId() + "\"]}")).toList();
  }

  private List<PendingTarget> takeAll(Instant now) {
    return tasks().takeDuePending(now, 1000, TaskPendingContract::jobsOf);
  }

  @Test
  void upsert_keepsTheLaterDueTime_whicheverComesFirst() {
    Task task = insert("settle");
    Instant t0 = clock.instant();
    tasks().upsertPending(List.of(pending(task, "early-then-late", t0.plusSeconds(10))));
    tasks().upsertPending(List.of(pending(task, "early-then-late", t0.plusSeconds(30)), pending(task, "late-then-early",
        t0.plusSeconds(30))));
    tasks().upsertPending(List.of(pending(task, "late-then-early", t0.plusSeconds(10))));
    // one key twice in one call
    tasks().upsertPending(List.of(pending(task, "twice", t0.plusSeconds(30)), pending(task, "twice", t0.plusSeconds(5))));

    assertEquals(List.of(), takeAll(t0.plusSeconds(29)));
    List<PendingTarget> taken = takeAll(t0.plusSeconds(30));
    assertEquals(Set.of("early-then-late", "late-then-early", "twice"),
        Set.copyOf(taken.stream().map(PendingTarget::targetId).toList()));
    assertTrue(taken.stream().allMatch(t -> t.dueAt().equals(t0.plusSeconds(30))));
  }

  @Test
  void aKeyUpsertedTakenAndUpsertedAgain_manyTimes_isTakenEachTime() {
    Task task = insert("churn");
    for (int i = 0; i < 20; i++) {
      Instant due = clock.instant().plusSeconds(1);
      tasks().upsertPending(List.of(pending(task, "trace-1", due), pending(task, "trace-2", due)));
      tasks().upsertPending(List.of(pending(task, "trace-1", due.plusMillis(1))));
      tasks().upsertPending(List.of(pending(task, "trace-1", due.plusMillis(2)), pending(task, "trace-2", due)));
      clock.advance(Duration.ofSeconds(2));
      assertEquals(List.of("trace-2", "trace-1"), takeAll(clock.instant()).stream().map(PendingTarget::targetId).toList(),
          "round " + i);
    }
    assertEquals(List.of(), takeAll(clock.instant().plusSeconds(3600)));
  }

  @Test
  void takeDue_takesOnlyDueRows_earliestFirst_upToMax_andEnqueuesTheirJobsWakingTheWorkers() {
    Task task = insert("due");
    Instant t0 = clock.instant();
    tasks().upsertPending(List.of(pending(task, "c", t0.plusSeconds(3)), pending(task, "a", t0.plusSeconds(1)),
        pending(task, "b", t0.plusSeconds(2)), pending(task, "later", t0.plusSeconds(60))));
    AtomicInteger woken = new AtomicInteger();
    store().jobs().addEnqueueListener(woken::incrementAndGet);

    List<PendingTarget> first = tasks().takeDuePending(t0.plusSeconds(5), 2, TaskPendingContract::jobsOf);

    assertEquals(List.of("a", "b"), first.stream().map(PendingTarget::targetId).toList());
    assertEquals(new PendingTarget(task.id(), "a", project.id(), t0.plusSeconds(1)), first.getFirst());
    assertEquals(2, jobs(TaskJobs.EVALUATE));
    assertEquals(1, woken.get());
    assertEquals(List.of("c"), takeAll(t0.plusSeconds(5)).stream().map(PendingTarget::targetId).toList());
    assertEquals(List.of(), takeAll(t0.plusSeconds(5)));
    assertEquals(2, woken.get(), "no jobs, no wake-up");
    assertEquals(3, jobs(TaskJobs.EVALUATE));
    assertThrows(RuntimeException.class, () -> tasks().takeDuePending(t0, 0, TaskPendingContract::jobsOf));
  }

  @Test
  void takeDue_whoseJobsFail_leavesTheRowsPending() {
    Task task = insert("atomic-take");
    tasks().upsertPending(List.of(pending(task, "x", clock.instant())));

    assertThrows(IllegalStateException.class, () -> tasks().takeDuePending(clock.instant(), 10, taken -> {
      throw new IllegalStateException("boom");
    }));

    assertEquals(List.of("x"), takeAll(clock.instant()).stream().map(PendingTarget::targetId).toList());
  }

  @Test
  void concurrentTakers_onTwoStores_neverTakeARowTwice() throws Exception {
    Task task = insert("takers");
    int rows = 300;
    List<PendingTarget> all = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      all.add(pending(task, "trace-" + i, clock.instant().minusSeconds(rows - i)));
    }
    tasks().upsertPending(all);
    List<TaskStore> replicas = List.of(tasks(), new JdbcStore(database(), clock).tasks());
    List<String> taken = Collections.synchronizedList(new ArrayList<>());

    Concurrently.run(6, worker -> {
      while (true) {
        List<PendingTarget> got = replicas.get(worker % 2).takeDuePending(clock.instant(), 7, TaskPendingContract::jobsOf);
        if (got.isEmpty()) {
          return;
        }
        got.forEach(t -> taken.add(t.targetId()));
      }
    });

    assertEquals(rows, taken.size(), "every row taken once");
    assertEquals(rows, new HashSet<>(taken).size());
    assertEquals(rows, jobs(TaskJobs.EVALUATE));
  }
}
