package dev.assay.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.auth.AccessScope;
import dev.assay.eval.ModelRef;
import dev.assay.experiments.Experiment;
import dev.assay.experiments.ExperimentEvaluator;
import dev.assay.experiments.ExperimentRun;
import dev.assay.experiments.ExperimentStatus;
import dev.assay.experiments.ExperimentStore;
import dev.assay.experiments.ExperimentTask;
import dev.assay.jobs.NewJob;
import dev.assay.shared.ConflictException;
import dev.assay.shared.Ids;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.spaces.Space;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The experiment store: experiments with their job, labels, status transitions and idempotent runs. */
abstract class ExperimentStoreContract extends StoreContract {
  static final AccessScope ALL = AccessScope.unrestricted();

  ExperimentStore experiments() {
    return store().experiments();
  }

  Experiment draft(String name, String datasetId, List<String> labels) {
    var now = clock.instant();
    ExperimentTask task = new ExperimentTask.PromptTask("pv-1", new ModelRef("mc-1", "m", Map.of("temperature", 0.2)));
    return new Experiment(Ids.newId(clock), Space.DEFAULT_ID, name, "d", datasetId, "dv-1", "proj-1", task,
        List.of(new ExperimentEvaluator("ev-1", 3L, Map.of("output", "output"))), 2, 4, List.of("test"),
        Map.of("k", "v"), labels, ExperimentStatus.PENDING, null, 5, now, now, null, null);
  }

  long jobs(String kind) {
    return database().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM jobs WHERE kind = :k")
        .bind("k", kind).mapTo(Long.class).one());
  }

  @Test
  void insertStoresEverythingWithItsJob() {
    String name = "exp-" + UUID.randomUUID();
    long before = jobs("experiments.run");
    Experiment e = experiments().insert(draft(name, "ds-" + UUID.randomUUID(), List.of("main")),
        NewJob.of("experiments.run", "{\"experiment_id\":\"x\"}"));
    assertEquals(before + 1, jobs("experiments.run"));
    Experiment read = experiments().find(ALL, e.id()).orElseThrow();
    assertEquals(name, read.name());
    assertEquals(e.task(), read.task());
    assertEquals(e.evaluators(), read.evaluators());
    assertEquals(List.of("test"), read.splits());
    assertEquals(Map.of("k", "v"), read.metadata());
    assertEquals(List.of("main"), read.labels());
    assertEquals(2, read.repetitions());
    assertEquals(4, read.concurrency());
    assertEquals(5, read.exampleCount());
    assertEquals(ExperimentStatus.PENDING, read.status());
    assertEquals(e.id(), experiments().findByName(ALL, Space.DEFAULT_ID, name).orElseThrow().id());
    assertTrue(experiments().find(AccessScope.spaces(Set.of("other-space")), e.id()).isEmpty());
  }

  @Test
  void httpAndCommandTasksRoundTrip() {
    var http = new ExperimentTask.HttpTask("https://app.example/run", Map.of("Authorization", "Bearer t"), "$.answer",
        Duration.ofMillis(1500));
    var command = new ExperimentTask.CommandTask(List.of("python3", "app.py"), null, Duration.ofSeconds(3));
    for (ExperimentTask task : List.of(http, command)) {
      Experiment d = draft("exp-" + UUID.randomUUID(), "ds", List.of());
      Experiment e = new Experiment(d.id(), d.spaceId(), d.name(), null, d.datasetId(), d.datasetVersionId(),
          d.projectId(), task, List.of(), 1, 1, List.of(), Map.of(), List.of(), ExperimentStatus.PENDING, null, 1,
          d.createdAt(), d.updatedAt(), null, null);
      assertEquals(task, experiments().insert(e, null).task());
    }
  }

  @Test
  void aTakenNameConflictsAndStoresNothing() {
    String name = "exp-" + UUID.randomUUID();
    experiments().insert(draft(name, "ds", List.of()), null);
    long before = jobs("experiments.run");
    assertThrows(ConflictException.class, () -> experiments().insert(draft(name, "ds", List.of()),
        NewJob.of("experiments.run", "{}")));
    assertEquals(before, jobs("experiments.run"));
  }

  @Test
  void aLabelNamesOneExperimentPerDataset() {
    String dataset = "ds-" + UUID.randomUUID();
    Experiment a = experiments().insert(draft("a-" + UUID.randomUUID(), dataset, List.of("main", "prod")), null);
    clock.advance(Duration.ofSeconds(1));
    Experiment other = experiments().insert(draft("o-" + UUID.randomUUID(), "ds-" + UUID.randomUUID(),
        List.of("main")), null);
    Experiment b = experiments().insert(draft("b-" + UUID.randomUUID(), dataset, List.of("main")), null);
    assertEquals(b.id(), experiments().findByLabel(ALL, dataset, "main").orElseThrow().id());
    assertEquals(List.of("prod"), experiments().find(ALL, a.id()).orElseThrow().labels());
    assertEquals(List.of("main"), experiments().find(ALL, other.id()).orElseThrow().labels());
    experiments().setLabels(a.id(), List.of("main"), clock.instant());
    assertEquals(a.id(), experiments().findByLabel(ALL, dataset, "main").orElseThrow().id());
    assertEquals(List.of(), experiments().find(ALL, b.id()).orElseThrow().labels());
    assertTrue(experiments().findByLabel(ALL, dataset, "prod").isEmpty());
  }

  @Test
  void transitionsMoveOnlyFromTheGivenStatuses() {
    Experiment e = experiments().insert(draft("t-" + UUID.randomUUID(), "ds", List.of()), null);
    var running = experiments().transition(e.id(), EnumSet.of(ExperimentStatus.PENDING), ExperimentStatus.RUNNING,
        null, null, clock.instant()).orElseThrow();
    assertTrue(running.moved());
    assertEquals(clock.instant(), running.experiment().startedAt());
    var again = experiments().transition(e.id(), EnumSet.of(ExperimentStatus.PENDING), ExperimentStatus.RUNNING, null,
        null, clock.instant()).orElseThrow();
    assertFalse(again.moved());
    clock.advance(Duration.ofSeconds(5));
    var failed = experiments().transition(e.id(), EnumSet.of(ExperimentStatus.RUNNING), ExperimentStatus.FAILED,
        "key refused", null, clock.instant()).orElseThrow().experiment();
    assertEquals("key refused", failed.failureReason());
    assertEquals(clock.instant(), failed.finishedAt());
    long before = jobs("experiments.run");
    var pending = experiments().transition(e.id(), EnumSet.of(ExperimentStatus.FAILED), ExperimentStatus.PENDING,
        null, NewJob.of("experiments.run", "{}"), clock.instant()).orElseThrow().experiment();
    assertNull(pending.failureReason());
    assertNull(pending.finishedAt());
    assertEquals(before + 1, jobs("experiments.run"));
    assertTrue(experiments().transition("missing", EnumSet.allOf(ExperimentStatus.class), ExperimentStatus.RUNNING,
        null, null, clock.instant()).isEmpty());
  }

  @Test
  void runUpsertsAreIdempotentPerExampleAndRepetition() {
    Experiment e = experiments().insert(draft("r-" + UUID.randomUUID(), "ds", List.of()), null);
    var t = clock.instant();
    String first = experiments().upsertRun(new ExperimentRun("run-1-" + e.id(), e.id(), "x1", 1, "out", null, t,
        t.plusMillis(20), 3L, 4L, 0.5, "trace"), 0, Map.of());
    String again = experiments().upsertRun(new ExperimentRun("run-2-" + e.id(), e.id(), "x1", 1, "out 2", null, t,
        t.plusMillis(30), 3L, 4L, 0.5, "trace"), 0, Map.of("col", 1));
    assertEquals(first, again);
    experiments().upsertRun(new ExperimentRun("run-3-" + e.id(), e.id(), "x0", 2, null, "boom", t, t, null, null, null,
        null), 1, Map.of());
    experiments().upsertRun(new ExperimentRun("run-4-" + e.id(), e.id(), "x0", 1, "o", null, t, t, null, null, null,
        null), 1, Map.of());
    List<ExperimentRun> runs = experiments().runs(e.id());
    assertEquals(3, runs.size());
    assertEquals("out 2", runs.getFirst().output());
    assertEquals(30.0, runs.getFirst().latencyMs());
    assertEquals(0.5, runs.getFirst().cost());
    assertEquals(List.of("x1", "x0", "x0"), runs.stream().map(ExperimentRun::exampleId).toList());
    assertEquals(List.of(1, 1, 2), runs.stream().map(ExperimentRun::repetition).toList());
    assertEquals("boom", runs.get(2).error());
    assertEquals(2, experiments().nextExampleIndex(e.id()));
    List<String> paged = new ArrayList<>();
    String cursor = null;
    do {
      Page<ExperimentStore.StoredRun> page = experiments().runs(e.id(), new PageRequest(cursor, 2));
      page.items().forEach(r -> paged.add(r.run().id()));
      if (paged.size() == 1) {
        assertEquals(Map.of("col", 1), page.items().getFirst().extra());
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    assertEquals(runs.stream().map(ExperimentRun::id).toList(), paged);
    assertEquals(2, experiments().runsById(List.of(runs.get(0).id(), runs.get(2).id(), "nope")).size());
  }

  @Test
  void listIsNewestFirstAndDeleteTakesRunsAndLabels() {
    String dataset = "ds-" + UUID.randomUUID();
    Experiment a = experiments().insert(draft("l-" + UUID.randomUUID(), dataset, List.of("x")), null);
    clock.advance(Duration.ofSeconds(1));
    Experiment b = experiments().insert(draft("l-" + UUID.randomUUID(), dataset, List.of()), null);
    Page<Experiment> first = experiments().list(ALL, null, dataset, null, PageRequest.first(1));
    assertEquals(b.id(), first.items().getFirst().id());
    Page<Experiment> second = experiments().list(ALL, null, dataset, null, new PageRequest(first.nextCursor(), 1));
    assertEquals(a.id(), second.items().getFirst().id());
    assertEquals(1, experiments().list(ALL, Space.DEFAULT_ID, dataset, b.name().substring(2, 12), PageRequest.first(10))
        .items().size());
    experiments().upsertRun(new ExperimentRun("r-" + a.id(), a.id(), "x", 1, "o", null, null, null, null, null, null,
        null), 0, Map.of());
    assertTrue(experiments().delete(ALL, a.id()));
    assertFalse(experiments().delete(ALL, a.id()));
    assertTrue(experiments().runs(a.id()).isEmpty());
    assertTrue(experiments().findByLabel(ALL, dataset, "x").isEmpty());
  }
}
