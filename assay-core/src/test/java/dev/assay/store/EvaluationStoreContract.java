package dev.assay.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.auth.AccessScope;
import dev.assay.eval.Evaluation;
import dev.assay.eval.Evaluation.AnnotatorKind;
import dev.assay.eval.Evaluation.Source;
import dev.assay.eval.Evaluation.TargetKind;
import dev.assay.projects.Project;
import dev.assay.shared.NotFoundException;
import dev.assay.spaces.Space;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

public abstract class EvaluationStoreContract extends StoreContract {
  private final AccessScope all = AccessScope.unrestricted();

  static Evaluation evaluation(String projectId, String spanId, String name) {
    return new Evaluation(null, projectId, TargetKind.SPAN, spanId, name, null, null, null, "correct", 1.0,
        "matches the reference", AnnotatorKind.LLM, Source.TASK, "{\"model\":\"gpt-4o\",\"tokens\":42}", null, null, null, null);
  }

  private Project project(String name) {
    return store().projects().create(all, Space.DEFAULT_ID, name, null);
  }

  @Test
  void upsert_storesEveryField() throws Exception {
    Project p = project("evals");
    Evaluation stored = store().evaluations().upsert(all, List.of(evaluation(p.id(), "s1", "correctness"))).get(0);

    assertEquals(p.id(), stored.projectId());
    assertEquals(TargetKind.SPAN, stored.targetKind());
    assertEquals("s1", stored.targetId());
    assertEquals("correctness", stored.name());
    assertEquals("", stored.identifier());
    assertEquals("correct", stored.label());
    assertEquals(1.0, stored.score());
    assertEquals("matches the reference", stored.explanation());
    assertEquals(AnnotatorKind.LLM, stored.annotatorKind());
    assertEquals(Source.TASK, stored.source());
    assertEquals(new ObjectMapper().readTree("{\"model\":\"gpt-4o\",\"tokens\":42}"), new ObjectMapper().readTree(stored.metadataJson()));
    assertEquals(clock.instant(), stored.createdAt());
    assertEquals(List.of(stored), store().evaluations().listForTarget(all, p.id(), TargetKind.SPAN, "s1"));
  }

  @Test
  void upsert_sameKeyReplacesTheResult_keepingIdAndCreationTime() {
    Project p = project("evals");
    Evaluation first = store().evaluations().upsert(all, List.of(evaluation(p.id(), "s1", "correctness"))).get(0);
    clock.advance(Duration.ofMinutes(1));
    Evaluation changed = new Evaluation(null, p.id(), TargetKind.SPAN, "s1", "correctness", "", null, null, "incorrect", 0.0,
        null, AnnotatorKind.HUMAN, Source.REVIEW, null, null, null, null, null);

    Evaluation second = store().evaluations().upsert(all, List.of(changed)).get(0);

    assertEquals(first.id(), second.id());
    assertEquals(first.createdAt(), second.createdAt());
    assertEquals(clock.instant(), second.updatedAt());
    assertEquals("incorrect", second.label());
    assertEquals(AnnotatorKind.HUMAN, second.annotatorKind());
    assertNull(second.explanation());
    assertEquals(1, store().evaluations().listForTarget(all, p.id(), TargetKind.SPAN, "s1").size());
  }

  @Test
  void upsert_aBatchMixingStoredNewAndRepeatedKeys_endsWithOneRowPerKey_theLastValues() {
    Project p = project("evals");
    Evaluation first = store().evaluations().upsert(all, List.of(evaluation(p.id(), "s1", "correctness"))).get(0);
    clock.advance(Duration.ofMinutes(1));
    Evaluation relabel = new Evaluation(null, p.id(), TargetKind.SPAN, "s1", "correctness", "", null, null, "incorrect",
        0.0, null, AnnotatorKind.HUMAN, Source.REVIEW, null, null, null, null, null);
    Evaluation fresh = evaluation(p.id(), "s2", "correctness");
    Evaluation freshAgain = new Evaluation(null, p.id(), TargetKind.SPAN, "s2", "correctness", "", null, null, "second",
        0.5, null, AnnotatorKind.LLM, Source.TASK, null, null, null, null, null);

    List<Evaluation> stored = store().evaluations().upsert(all, List.of(relabel, fresh, freshAgain));

    assertEquals(3, stored.size());
    assertEquals(first.id(), stored.get(0).id());
    assertEquals(first.createdAt(), stored.get(0).createdAt());
    assertEquals("incorrect", stored.get(0).label());
    assertEquals(stored.get(1), stored.get(2), "a key repeated in one batch is one row");
    assertEquals("second", stored.get(2).label());
    assertEquals(clock.instant(), stored.get(2).createdAt());
    assertEquals(1, store().evaluations().listForTarget(all, p.id(), TargetKind.SPAN, "s2").size());
  }

  @Test
  void concurrentUpsertsOfOneKey_allSucceed_andLeaveOneRow() throws Exception {
    Project p = project("evals");
    List<Thread> threads = new java.util.ArrayList<>();
    java.util.Queue<Throwable> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
    for (int i = 0; i < 8; i++) {
      threads.add(Thread.ofVirtual().start(() -> {
        try {
          for (int k = 0; k < 5; k++) {
            store().evaluations().upsert(all, List.of(evaluation(p.id(), "s" + k, "correctness")));
          }
        } catch (Throwable t) {
          failures.add(t);
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(List.of(), List.copyOf(failures));
    for (int k = 0; k < 5; k++) {
      assertEquals(1, store().evaluations().listForTarget(all, p.id(), TargetKind.SPAN, "s" + k).size());
    }
  }

  @Test
  void upsert_differentIdentifiersOrNamesAreSeparateResults_listedInOrder() {
    Project p = project("evals");
    Evaluation base = evaluation(p.id(), "s1", "relevance");
    Evaluation doc0 = new Evaluation(null, p.id(), TargetKind.SPAN, "s1", "relevance", "doc-0", null, null, "relevant", 1.0,
        null, AnnotatorKind.LLM, Source.TASK, null, null, null, null, null);
    Evaluation errored = new Evaluation(null, p.id(), TargetKind.SPAN, "s1", "correctness", "", "ev-1", 3L, null, null,
        null, AnnotatorKind.LLM, Source.TASK, null, "run-1", "judge timed out after 3 attempts", null, null);

    store().evaluations().upsert(all, List.of(base, doc0, errored));

    List<Evaluation> listed = store().evaluations().listForTarget(all, p.id(), TargetKind.SPAN, "s1");
    assertEquals(List.of("correctness", "relevance", "relevance"), listed.stream().map(Evaluation::name).toList());
    assertEquals(List.of("", "", "doc-0"), listed.stream().map(Evaluation::identifier).toList());
    Evaluation failed = listed.get(0);
    assertEquals("judge timed out after 3 attempts", failed.error());
    assertNull(failed.label());
    assertNull(failed.score());
    assertEquals(3L, failed.evaluatorVersion());
    assertEquals("run-1", failed.runId());
  }

  @Test
  void upsert_intoAProjectOutsideTheScope_isNotFoundAndWritesNothing() {
    Space other = store().spaces().create(all, "other", null);
    Project hidden = store().projects().create(all, other.id(), "hidden", null);
    Project visible = project("visible");
    AccessScope onlyDefault = AccessScope.spaces(Set.of(Space.DEFAULT_ID));

    assertThrows(NotFoundException.class, () -> store().evaluations().upsert(onlyDefault,
        List.of(evaluation(visible.id(), "s1", "x"), evaluation(hidden.id(), "s1", "x"))));

    assertTrue(store().evaluations().listForTarget(all, visible.id(), TargetKind.SPAN, "s1").isEmpty());
    assertTrue(store().evaluations().listForTarget(all, hidden.id(), TargetKind.SPAN, "s1").isEmpty());
    store().evaluations().upsert(all, List.of(evaluation(hidden.id(), "s1", "x")));
    assertTrue(store().evaluations().listForTarget(onlyDefault, hidden.id(), TargetKind.SPAN, "s1").isEmpty());
  }

  @Test
  void concurrentUpserts_oneIntoAProjectOutsideTheScope_failsAlone() throws Exception {
    Space other = store().spaces().create(all, "other", null);
    Project hidden = store().projects().create(all, other.id(), "hidden", null);
    Project visible = project("visible");
    AccessScope onlyDefault = AccessScope.spaces(Set.of(Space.DEFAULT_ID));
    java.util.Map<Integer, Throwable> outcome = new java.util.concurrent.ConcurrentHashMap<>();
    List<Thread> threads = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      int n = i;
      threads.add(Thread.ofVirtual().start(() -> {
        try {
          store().evaluations().upsert(onlyDefault, List.of(evaluation(n % 2 == 0 ? visible.id() : hidden.id(), "s" + n, "x")));
        } catch (Throwable t) {
          outcome.put(n, t);
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    for (int i = 0; i < 8; i++) {
      if (i % 2 == 0) {
        assertNull(outcome.get(i));
        assertEquals(1, store().evaluations().listForTarget(all, visible.id(), TargetKind.SPAN, "s" + i).size());
      } else {
        assertTrue(outcome.get(i) instanceof NotFoundException, String.valueOf(outcome.get(i)));
        assertTrue(store().evaluations().listForTarget(all, hidden.id(), TargetKind.SPAN, "s" + i).isEmpty());
      }
    }
  }
}
