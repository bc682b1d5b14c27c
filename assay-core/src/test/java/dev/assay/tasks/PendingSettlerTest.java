package dev.assay.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.auth.AccessScope;
import dev.assay.eval.SubjectKind;
import dev.assay.projects.Project;
import dev.assay.shared.Ids;
import dev.assay.spaces.Space;
import dev.assay.store.JdbcStore;
import dev.assay.testing.PostgresExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The settler over PostgreSQL: due traces become evaluate jobs per task and chunk, and the loop outlives failures. */
@ExtendWith(PostgresExtension.class)
class PendingSettlerTest {
  private static final AccessScope ALL = AccessScope.unrestricted();
  private final Clock clock = Clock.systemUTC();
  private final TaskSettings settings = TaskSettings.defaults().withChunkSize(2).withSettlePoll(Duration.ofMillis(50));
  private JdbcStore store;
  private PendingSettler settler;
  private Project project;

  @BeforeEach
  void setUp() {
    store = new JdbcStore(PostgresExtension.database(), clock);
    settler = new PendingSettler(store.tasks(), settings, clock);
    project = store.projects().create(ALL, Space.DEFAULT_ID, "settle-" + UUID.randomUUID(), null);
  }

  @AfterEach
  void tearDown() {
    settler.close();
    PostgresExtension.database().jdbi().useHandle(h -> h.execute("ALTER TABLE IF EXISTS away RENAME TO task_pending_targets"));
  }

  private Task task() {
    Instant now = clock.instant();
    return store.tasks().insert(ALL, new Task(Ids.newId(clock), project.spaceId(), project.id(), "t-" + UUID.randomUUID(),
        TaskType.CODE_EVALUATION, SubjectKind.TRACE, null, 1.0, true,
        List.of(new TaskEvaluatorRef("ev", null, null, Map.of())), null, null, null, null, now, now));
  }

  private void pend(Task task, Instant due, String... traces) {
    List<PendingTarget> targets = new ArrayList<>();
    for (String t : traces) {
      targets.add(new PendingTarget(task.id(), t, project.id(), due));
    }
    store.tasks().upsertPending(targets);
  }

  /** The evaluate jobs' payloads, in enqueue order. */
  private List<TaskJobs.Evaluate> evaluateJobs() {
    return PostgresExtension.database().jdbi().withHandle(h -> h.createQuery(
            "SELECT payload::text FROM jobs WHERE kind = 'tasks.evaluate' ORDER BY created_at, id").mapTo(String.class).list())
        .stream().map(p -> TaskPayloads.read(p, TaskJobs.Evaluate.class)).toList();
  }

  @Test
  void dueTargets_becomeEvaluateJobsPerTaskAndChunk_notYetDueOnesWait() {
    Task a = task();
    Task b = task();
    Instant now = clock.instant();
    pend(a, now.minusSeconds(1), "a1", "a2", "a3");
    pend(b, now.minusSeconds(1), "b1");
    pend(b, now.plusSeconds(3600), "later");

    assertEquals(4, settler.settleOnce());

    List<TaskJobs.Evaluate> jobs = evaluateJobs();
    assertEquals(3, jobs.size(), jobs.toString());
    assertEquals(4, jobs.stream().mapToInt(j -> j.targetIds().size()).sum());
    assertTrue(jobs.stream().allMatch(j -> j.runId() == null && j.chunkNo() == null && !j.override()));
    assertTrue(jobs.stream().allMatch(j -> j.targetIds().size() <= 2), "chunk size 2");
    assertEquals(List.of("b1"), jobs.stream().filter(j -> j.taskId().equals(b.id())).flatMap(j -> j.targetIds().stream()).toList());
    assertEquals(0, settler.settleOnce(), "taken once; 'later' is not due");
  }

  @Test
  void theLoop_survivesADatabaseFailure_andCarriesOn() throws Exception {
    Task a = task();
    settler.start();
    pend(a, clock.instant(), "before");
    await(() -> evaluateJobs().size() == 1);

    PostgresExtension.database().jdbi().useHandle(h -> h.execute("ALTER TABLE task_pending_targets RENAME TO away"));
    Thread.sleep(300); // several polls fail
    PostgresExtension.database().jdbi().useHandle(h -> h.execute("ALTER TABLE away RENAME TO task_pending_targets"));

    pend(a, clock.instant(), "after");
    await(() -> evaluateJobs().size() == 2);
    assertEquals(List.of("after"), evaluateJobs().get(1).targetIds());
  }

  private static void await(BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!done.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out");
      Thread.sleep(20);
    }
  }
}
