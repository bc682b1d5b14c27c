package dev.assay.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.auth.AccessScope;
import dev.assay.eval.CodeCheck;
import dev.assay.eval.CodeSpec;
import dev.assay.eval.Direction;
import dev.assay.eval.Evaluation;
import dev.assay.eval.EvaluationQuery;
import dev.assay.eval.EvaluatorDefinition;
import dev.assay.eval.EvaluatorFilter;
import dev.assay.eval.EvaluatorKind;
import dev.assay.eval.EvaluatorSpecJson;
import dev.assay.eval.EvaluatorVersion;
import dev.assay.eval.EvaluatorWithVersion;
import dev.assay.eval.JudgeSpec;
import dev.assay.eval.TemplateMessage;
import dev.assay.llm.ModelConfig;
import dev.assay.llm.Provider;
import dev.assay.projects.Project;
import dev.assay.shared.ConflictException;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.spaces.Space;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Evaluators with append-only, hash-chained versions, and the evaluation list with its filters and pages. */
public abstract class EvaluatorStoreContract extends StoreContract {
  private final AccessScope all = AccessScope.unrestricted();

  static CodeSpec exactMatch(String name) {
    return new CodeSpec(name, null, null, CodeCheck.EXACT_MATCH, List.of("output", "reference"), null, null);
  }

  static JudgeSpec judge(String name) {
    return new JudgeSpec(name, null, Map.of("input", "input"), null, List.of(new TemplateMessage("user", "Is {input} ok?")),
        Map.of("yes", 1.0, "no", 0.0), Direction.MAXIMIZE, true, true, false, null);
  }

  @Test
  void create_storesTheEvaluatorAndVersionOne_withAHashOfTheSpec() {
    EvaluatorWithVersion created = store().evaluators().create(all, Space.DEFAULT_ID, " exact ", "checks output", "first",
        exactMatch("exact"));

    EvaluatorDefinition e = created.evaluator();
    assertEquals("exact", e.name());
    assertEquals("checks output", e.description());
    assertEquals(EvaluatorKind.CODE, e.kind());
    assertEquals(1, e.latestVersion());
    assertEquals(clock.instant(), e.createdAt());
    EvaluatorVersion v1 = created.version();
    assertEquals(1, v1.version());
    assertEquals(e.id(), v1.evaluatorId());
    assertEquals("first", v1.commitMessage());
    assertEquals(exactMatch("exact"), v1.spec());
    assertEquals(EvaluatorSpecJson.commitHash(exactMatch("exact"), ""), v1.commitHash());
    assertEquals(40, v1.commitHash().length());
    assertEquals(e, store().evaluators().findById(all, e.id()).orElseThrow());
    assertEquals(e, store().evaluators().findByName(all, Space.DEFAULT_ID, "exact").orElseThrow());
  }

  @Test
  void create_duplicateNameInASpace_isAConflict_butAnotherSpaceMayUseIt() {
    store().evaluators().create(all, Space.DEFAULT_ID, "dup", null, null, exactMatch("dup"));
    assertThrows(ConflictException.class, () -> store().evaluators().create(all, Space.DEFAULT_ID, "dup", null, null, judge("dup")));
    Space other = store().spaces().create(all, "other-space", null);
    assertEquals("dup", store().evaluators().create(all, other.id(), "dup", null, null, exactMatch("dup")).evaluator().name());
    assertThrows(InvalidInputException.class, () -> store().evaluators().create(all, Space.DEFAULT_ID, " ", null, null, exactMatch("x")));
    assertThrows(NotFoundException.class, () -> store().evaluators().create(all, "no-such-space", "x", null, null, exactMatch("x")));
  }

  @Test
  void appendVersion_numbersVersions_chainsHashes_andNeverChangesOldOnes() {
    EvaluatorWithVersion created = store().evaluators().create(all, Space.DEFAULT_ID, "judge", null, "v1", judge("q"));
    String id = created.evaluator().id();
    clock.advance(Duration.ofMinutes(1));

    EvaluatorVersion v2 = store().evaluators().appendVersion(all, id, "v2", judge("q2"));
    EvaluatorVersion v3 = store().evaluators().appendVersion(all, id, null, judge("q2"));

    assertEquals(2, v2.version());
    assertEquals(3, v3.version());
    assertEquals(EvaluatorSpecJson.commitHash(judge("q2"), created.version().commitHash()), v2.commitHash());
    assertNotEquals(v2.commitHash(), v3.commitHash(), "the same spec again still makes a new commit");
    assertEquals(3, store().evaluators().findById(all, id).orElseThrow().latestVersion());
    assertEquals(clock.instant(), store().evaluators().findById(all, id).orElseThrow().updatedAt());
    assertEquals(created.version(), store().evaluators().findVersion(all, created.version().id()).orElseThrow());
    assertEquals(v2, store().evaluators().findVersion(all, id, 2).orElseThrow());
    assertThrows(InvalidInputException.class, () -> store().evaluators().appendVersion(all, id, null, exactMatch("q")));
    assertEquals(3, store().evaluators().findById(all, id).orElseThrow().latestVersion(), "a refused version changes nothing");
  }

  @Test
  void appendVersion_concurrently_givesEveryVersionItsOwnNumber() throws Exception {
    String id = store().evaluators().create(all, Space.DEFAULT_ID, "busy", null, null, judge("v")).evaluator().id();
    int writers = 8;
    java.util.List<java.util.concurrent.Future<EvaluatorVersion>> futures = new java.util.ArrayList<>();
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      for (int i = 0; i < writers; i++) {
        String spec = "v" + i;
        futures.add(pool.submit(() -> {
          start.await();
          return store().evaluators().appendVersion(all, id, null, judge(spec));
        }));
      }
      start.countDown();
    }
    Set<Long> numbers = new java.util.TreeSet<>();
    for (var f : futures) {
      numbers.add(f.get().version());
    }
    assertEquals(java.util.stream.LongStream.rangeClosed(2, writers + 1).boxed().collect(java.util.stream.Collectors.toSet()), numbers);
    assertEquals(writers + 1, store().evaluators().findById(all, id).orElseThrow().latestVersion());
    assertEquals(writers + 1, store().evaluators().listVersions(all, id, PageRequest.first(100)).items().size());
  }

  @Test
  void listVersions_pagesNewestFirst() {
    String id = store().evaluators().create(all, Space.DEFAULT_ID, "paged", null, null, judge("a")).evaluator().id();
    store().evaluators().appendVersion(all, id, null, judge("b"));
    store().evaluators().appendVersion(all, id, null, judge("c"));

    Page<EvaluatorVersion> first = store().evaluators().listVersions(all, id, PageRequest.first(2));
    Page<EvaluatorVersion> second = store().evaluators().listVersions(all, id, new PageRequest(first.nextCursor(), 2));

    assertEquals(List.of(3L, 2L), first.items().stream().map(EvaluatorVersion::version).toList());
    assertEquals(List.of(1L), second.items().stream().map(EvaluatorVersion::version).toList());
    assertNull(second.nextCursor());
  }

  @Test
  void list_filtersByNameAndSpace_inNameOrder_andRespectsTheScope() {
    Space other = store().spaces().create(all, "elsewhere", null);
    store().evaluators().create(all, Space.DEFAULT_ID, "b-eval", null, null, judge("b"));
    store().evaluators().create(all, Space.DEFAULT_ID, "a-eval", null, null, judge("a"));
    store().evaluators().create(all, other.id(), "c-eval", null, null, judge("c"));

    assertEquals(List.of("a-eval", "b-eval", "c-eval"), names(store().evaluators().list(all, EvaluatorFilter.ALL, PageRequest.first(10))));
    assertEquals(List.of("c-eval"), names(store().evaluators().list(all, new EvaluatorFilter(other.id(), null, null), PageRequest.first(10))));
    assertEquals(List.of("c-eval"), names(store().evaluators().list(all, new EvaluatorFilter(null, "ELSE", null), PageRequest.first(10))));
    assertEquals(List.of("a-eval"), names(store().evaluators().list(all, new EvaluatorFilter(null, null, "A-E"), PageRequest.first(10))));
    Page<EvaluatorDefinition> first = store().evaluators().list(all, EvaluatorFilter.ALL, PageRequest.first(2));
    assertEquals(List.of("c-eval"), names(store().evaluators().list(all, EvaluatorFilter.ALL, new PageRequest(first.nextCursor(), 2))));

    AccessScope onlyDefault = AccessScope.spaces(Set.of(Space.DEFAULT_ID));
    assertEquals(List.of("a-eval", "b-eval"), names(store().evaluators().list(onlyDefault, EvaluatorFilter.ALL, PageRequest.first(10))));
    String hidden = store().evaluators().findByName(all, other.id(), "c-eval").orElseThrow().id();
    assertTrue(store().evaluators().findById(onlyDefault, hidden).isEmpty());
    assertFalse(store().evaluators().delete(onlyDefault, hidden));
    assertThrows(NotFoundException.class, () -> store().evaluators().appendVersion(onlyDefault, hidden, null, judge("x")));
  }

  @Test
  void update_renamesAndDescribes_andRefusesATakenName() {
    String id = store().evaluators().create(all, Space.DEFAULT_ID, "old", "d", null, judge("a")).evaluator().id();
    store().evaluators().create(all, Space.DEFAULT_ID, "taken", null, null, judge("a"));

    assertEquals("new", store().evaluators().update(all, id, "new", null).name());
    assertEquals("d", store().evaluators().findById(all, id).orElseThrow().description());
    assertNull(store().evaluators().update(all, id, null, "").description());
    assertThrows(ConflictException.class, () -> store().evaluators().update(all, id, "taken", null));
    assertEquals("new", store().evaluators().findById(all, id).orElseThrow().name());
  }

  @Test
  void delete_removesTheEvaluatorAndItsVersions_butKeepsItsResults_andSpaceDeleteTakesEvaluators() {
    EvaluatorWithVersion created = store().evaluators().create(all, Space.DEFAULT_ID, "gone", null, null, judge("a"));
    Project p = store().projects().create(all, Space.DEFAULT_ID, "with-results", null);
    store().evaluations().upsert(all, List.of(new Evaluation(null, p.id(), Evaluation.TargetKind.SPAN, "s1", "a", "",
        created.evaluator().id(), 1L, "yes", 1.0, null, Evaluation.AnnotatorKind.LLM, Evaluation.Source.TASK, null, null, null,
        null, null)));

    assertTrue(store().evaluators().delete(all, created.evaluator().id()));

    assertTrue(store().evaluators().findById(all, created.evaluator().id()).isEmpty());
    assertTrue(store().evaluators().findVersion(all, created.version().id()).isEmpty());
    assertEquals(1, store().evaluations().listForTarget(all, p.id(), Evaluation.TargetKind.SPAN, "s1").size());
    assertFalse(store().evaluators().delete(all, created.evaluator().id()));

    Space space = store().spaces().create(all, "doomed", null);
    String inSpace = store().evaluators().create(all, space.id(), "e", null, null, judge("a")).evaluator().id();
    String model = store().modelConfigs().create(all, new ModelConfig(null, space.id(), "m", Provider.CUSTOM, "http://127.0.0.1:9/v1",
        List.of("m"), List.of(), false, true, null, null, null), null).id();
    assertTrue(store().spaces().delete(all, space.id()));
    assertTrue(store().evaluators().findById(all, inSpace).isEmpty());
    assertTrue(store().modelConfigs().findById(all, model).isEmpty());
  }

  @Test
  void evaluationList_filtersAndPagesNewestUpdateFirst() {
    Project p = store().projects().create(all, Space.DEFAULT_ID, "listed", null);
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofSeconds(1));
      store().evaluations().upsert(all, List.of(new Evaluation(null, p.id(), Evaluation.TargetKind.SPAN, "s" + i, "correct", "",
          i == 0 ? "ev-1" : null, null, "yes", 1.0, null, Evaluation.AnnotatorKind.LLM, Evaluation.Source.TASK, null,
          i == 2 ? "run-1" : null, null, null, null)));
    }
    clock.advance(Duration.ofSeconds(1));
    store().evaluations().upsert(all, List.of(new Evaluation(null, p.id(), Evaluation.TargetKind.TRACE, "t1", "other", "",
        null, null, "no", 0.0, null, Evaluation.AnnotatorKind.HUMAN, Evaluation.Source.API, null, null, null, null, null)));

    Page<Evaluation> first = store().evaluations().list(all, new EvaluationQuery(p.id(), null, null, null, null, null), PageRequest.first(2));
    Page<Evaluation> rest = store().evaluations().list(all, new EvaluationQuery(p.id(), null, null, null, null, null),
        new PageRequest(first.nextCursor(), 10));
    assertEquals(List.of("t1", "s2"), first.items().stream().map(Evaluation::targetId).toList());
    assertEquals(List.of("s1", "s0"), rest.items().stream().map(Evaluation::targetId).toList());
    assertEquals(List.of("s1"), targets(new EvaluationQuery(p.id(), Evaluation.TargetKind.SPAN, "s1", null, null, null)));
    assertEquals(List.of("t1"), targets(new EvaluationQuery(p.id(), Evaluation.TargetKind.TRACE, null, null, null, null)));
    assertEquals(List.of("t1"), targets(new EvaluationQuery(p.id(), null, null, "other", null, null)));
    assertEquals(List.of("s0"), targets(new EvaluationQuery(p.id(), null, null, null, "ev-1", null)));
    assertEquals(List.of("s2"), targets(new EvaluationQuery(p.id(), null, null, null, null, "run-1")));
    assertEquals(List.of(), store().evaluations().list(AccessScope.spaces(Set.of()),
        new EvaluationQuery(p.id(), null, null, null, null, null), PageRequest.first(10)).items());
  }

  private List<String> targets(EvaluationQuery query) {
    return store().evaluations().list(all, query, PageRequest.first(10)).items().stream().map(Evaluation::targetId).toList();
  }

  private static List<String> names(Page<EvaluatorDefinition> page) {
    return page.items().stream().map(EvaluatorDefinition::name).toList();
  }
}
