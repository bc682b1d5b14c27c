package dev.assay.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.auth.AccessScope;
import dev.assay.eval.SubjectKind;
import dev.assay.jobs.NewJob;
import dev.assay.projects.Project;
import dev.assay.shared.Ids;
import dev.assay.spaces.Space;
import dev.assay.store.JdbcStore;
import dev.assay.testing.DuckDbExtension;
import dev.assay.testing.MutableClock;
import dev.assay.traces.Span;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The span writer's view of continuous tasks, over a real DuckDB task store. */
class ContinuousTaskIndexTest {
  @RegisterExtension static final DuckDbExtension duckDb = new DuckDbExtension();
  private static final AccessScope ALL = AccessScope.unrestricted();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MutableClock clock = MutableClock.startingNow();
  private JdbcStore store;
  private ContinuousTaskIndex index;
  private Project withTask;
  private Project without;

  @BeforeEach
  void projects() {
    store = new JdbcStore(duckDb.database(), clock);
    index = new ContinuousTaskIndex(store.tasks(), clock);
    withTask = store.projects().create(ALL, Space.DEFAULT_ID, "with-" + UUID.randomUUID(), null);
    without = store.projects().create(ALL, Space.DEFAULT_ID, "without-" + UUID.randomUUID(), null);
  }

  @AfterEach
  void close() {
    index.close();
  }

  private Task task(Project in, boolean continuous) {
    Instant now = clock.instant();
    return store.tasks().insert(ALL, new Task(Ids.newId(clock), in.spaceId(), in.id(), "t-" + UUID.randomUUID(),
        TaskType.CODE_EVALUATION, SubjectKind.SPAN, null, 1.0, continuous,
        List.of(new TaskEvaluatorRef("ev", null, null, Map.of())), null, null, null, null, now, now));
  }

  private static Span span(Project p, String trace, String id, String session, String kind, String attributes) {
    return new Span(p.id(), trace, id, null, "s", kind, 1L, 2L, "OK", null, null, null, null, null, null, null, null, null,
        null, null, session, null, attributes, "[]");
  }

  @Test
  void withoutContinuousTasks_noWork() {
    task(withTask, false);
    assertTrue(index.refresh());
    assertEquals(Set.of(), index.projects());
    assertEquals(List.of(), index.jobsFor(List.of(span(withTask, "t", "s", null, "LLM", "{}"))));
  }

  @Test
  void jobsFor_groupsTheProjectsSpans_atMostAThousandAJob_withoutOtherProjectsOrEvaluatorSpans() throws Exception {
    task(withTask, true);
    assertTrue(index.refresh(), "refresh() is what a local task change calls");
    List<Span> inserted = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      inserted.add(span(withTask, "trace-" + i / 10, "span-" + i, i % 2 == 0 ? "sess-" + i / 100 : null, "LLM", "{}"));
      inserted.add(span(without, "other", "o-" + i, null, "LLM", "{}"));
    }
    inserted.add(span(withTask, "judge", "marked", null, "LLM", "{\"assay.evaluator\": \"faithfulness\"}"));
    inserted.add(span(withTask, "judge", "evaluator-kind", null, "EVALUATOR", "{}"));

    List<NewJob> jobs = index.jobsFor(inserted);

    assertEquals(List.of(1000, 1000, 500), jobs.stream().map(j -> payload(j).get("spans").size()).toList());
    List<String> spanIds = new ArrayList<>();
    for (NewJob job : jobs) {
      assertEquals(TaskJobs.INGESTED, job.kind());
      assertEquals(withTask.id(), payload(job).get("project_id").asText());
      payload(job).get("spans").forEach(s -> spanIds.add(s.get(1).asText()));
    }
    assertEquals(2500, spanIds.size());
    assertFalse(spanIds.contains("marked") || spanIds.contains("evaluator-kind"));
    JsonNode first = payload(jobs.getFirst()).get("spans");
    assertEquals("[\"trace-0\",\"span-0\",\"sess-0\"]", first.get(0).toString());
    assertEquals("[\"trace-0\",\"span-1\",null]", first.get(1).toString());
    assertTrue(payload(jobs.getFirst()).get("ingested_at").isNull(), "no commit time given: the handler reads unbounded");
    assertEquals(1_234_567L, payload(index.jobsFor(inserted, 1_234_567L).getFirst()).get("ingested_at").asLong(),
        "the commit's ingested_at travels in the payload");
    TaskJobs.Ingested read = TaskPayloads.read(jobs.get(2).payloadJson(), TaskJobs.Ingested.class);
    assertEquals(500, read.spans().size(), "the handler reads what the index writes");
  }

  @Test
  void start_loadsTheSet_andTheBackgroundRefreshSeesTasksOfOtherReplicas() throws Exception {
    task(withTask, true);
    index.start();
    assertEquals(Set.of(withTask.id()), index.projects(), "loaded before the writer takes its first batch");

    task(without, true); // as another replica would: no refresh() call here
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!index.projects().contains(without.id()) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(Set.of(withTask.id(), without.id()), index.projects());
  }

  @Test
  void loopGuardMarker_readFromTheAttributeJson() {
    assertTrue(ContinuousTaskIndex.fromEvaluator(span(withTask, "t", "s", null, "LLM", "{\"assay.evaluator\":\"x\"}")));
    assertTrue(ContinuousTaskIndex.fromEvaluator(span(withTask, "t", "s", null, "LLM", "{\"a\": 1, \"assay.evaluator\" : true}")));
    assertTrue(ContinuousTaskIndex.fromEvaluator(span(withTask, "t", "s", null, "EVALUATOR", "{}")));
    assertFalse(ContinuousTaskIndex.fromEvaluator(span(withTask, "t", "s", null, "LLM", "{\"assay.evaluator\": null}")));
    assertFalse(ContinuousTaskIndex.fromEvaluator(span(withTask, "t", "s", null, "LLM",
        "{\"input.value\": \"a value quoting \\\"assay.evaluator\\\": 1\"}")), "inside a string value");
    assertFalse(ContinuousTaskIndex.fromEvaluator(span(withTask, "t", "s", null, "LLM", "{\"assay.evaluators\": 1}")));
  }

  private static JsonNode payload(NewJob job) {
    try {
      return JSON.readTree(job.payloadJson());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
