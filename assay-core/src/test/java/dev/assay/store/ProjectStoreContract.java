package dev.assay.store;

import static dev.assay.store.SpanFixtures.span;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.auth.AccessScope;
import dev.assay.eval.Evaluation;
import dev.assay.projects.Project;
import dev.assay.projects.ProjectActivity;
import dev.assay.projects.ProjectFilter;
import dev.assay.shared.ConflictException;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.shared.Times;
import dev.assay.spaces.Space;
import dev.assay.traces.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

public abstract class ProjectStoreContract extends StoreContract {
  private final AccessScope all = AccessScope.unrestricted();

  @Test
  void create_thenFindByIdAndName() {
    Project created = store().projects().create(all, Space.DEFAULT_ID, "chatbot", "support bot");

    assertEquals("chatbot", created.name());
    assertEquals("support bot", created.description());
    assertEquals(Space.DEFAULT_ID, created.spaceId());
    assertEquals(clock.instant(), created.createdAt());
    assertEquals(created, store().projects().findById(all, created.id()).orElseThrow());
    assertEquals(created, store().projects().findByName(all, Space.DEFAULT_ID, "chatbot").orElseThrow());
  }

  @Test
  void create_stripsTheNameAndRejectsBlankOrOverlongNames() {
    assertEquals("padded", store().projects().create(all, Space.DEFAULT_ID, "  padded ", null).name());
    assertThrows(InvalidInputException.class, () -> store().projects().create(all, Space.DEFAULT_ID, "  ", null));
    assertThrows(InvalidInputException.class, () -> store().projects().create(all, Space.DEFAULT_ID, "x".repeat(257), null));
    assertThrows(InvalidInputException.class, () -> store().projects().create(all, Space.DEFAULT_ID, "tab\tname", null));
  }

  @Test
  void create_duplicateNameInSameSpace_isAConflictButOtherSpacesMayReuseIt() {
    store().projects().create(all, Space.DEFAULT_ID, "dup", null);
    assertThrows(ConflictException.class, () -> store().projects().create(all, Space.DEFAULT_ID, "dup", null));

    Space other = store().spaces().create(all, "team-b", null);
    Project inOther = store().projects().create(all, other.id(), "dup", null);
    assertEquals(other.id(), inOther.spaceId());
  }

  @Test
  void create_inUnknownSpace_isNotFound() {
    assertThrows(NotFoundException.class, () -> store().projects().create(all, "no-such-space", "p", null));
  }

  @Test
  void findById_unknownOrNull_isEmpty() {
    assertTrue(store().projects().findById(all, "missing").isEmpty());
    assertTrue(store().projects().findById(all, null).isEmpty());
  }

  @Test
  void list_ordersByNameAndPagesWithACursorUntilTheEnd() {
    List<String> names = List.of("delta", "alpha", "echo", "charlie", "bravo");
    names.forEach(n -> store().projects().create(all, Space.DEFAULT_ID, n, null));

    List<String> seen = new ArrayList<>();
    PageRequest request = PageRequest.first(2);
    int pages = 0;
    while (true) {
      Page<Project> page = store().projects().list(all, ProjectFilter.inSpace(Space.DEFAULT_ID), request);
      page.items().forEach(p -> seen.add(p.name()));
      pages++;
      if (!page.hasMore()) {
        break;
      }
      request = new PageRequest(page.nextCursor(), 2);
    }

    assertEquals(List.of("alpha", "bravo", "charlie", "delta", "echo"), seen);
    assertEquals(3, pages);
  }

  @Test
  void list_exactlyOnePageHasNoNextCursor() {
    store().projects().create(all, Space.DEFAULT_ID, "one", null);
    store().projects().create(all, Space.DEFAULT_ID, "two", null);

    Page<Project> page = store().projects().list(all, ProjectFilter.ALL, PageRequest.first(2));

    assertEquals(2, page.items().size());
    assertNull(page.nextCursor());
  }

  @Test
  void list_withAGarbageCursor_isInvalidInput() {
    assertThrows(InvalidInputException.class,
        () -> store().projects().list(all, ProjectFilter.ALL, new PageRequest("not-a-cursor!", 10)));
  }

  @Test
  void scope_hidesProjectsOfOtherSpacesFromEveryMethod() {
    Space a = store().spaces().create(all, "space-a", null);
    Space b = store().spaces().create(all, "space-b", null);
    Project inA = store().projects().create(all, a.id(), "shared-name", null);
    Project inB = store().projects().create(all, b.id(), "shared-name", null);
    AccessScope onlyA = AccessScope.spaces(Set.of(a.id()));

    assertEquals(List.of(inA), store().projects().list(onlyA, ProjectFilter.ALL, PageRequest.firstDefault()).items());
    assertTrue(store().projects().findById(onlyA, inB.id()).isEmpty());
    assertTrue(store().projects().findByName(onlyA, b.id(), "shared-name").isEmpty());
    assertThrows(NotFoundException.class, () -> store().projects().create(onlyA, b.id(), "sneaky", null));
    assertFalse(store().projects().delete(onlyA, inB.id()));
    assertTrue(store().projects().findById(all, inB.id()).isPresent());

    AccessScope nothing = AccessScope.spaces(Set.of());
    assertTrue(store().projects().list(nothing, ProjectFilter.ALL, PageRequest.firstDefault()).items().isEmpty());
  }

  @Test
  void getOrCreate_afterDeleteOrRenameInThisProcess_neverAnswersTheOldProject() {
    Project first = store().projects().getOrCreate(all, Space.DEFAULT_ID, "routed");
    assertTrue(store().projects().delete(all, first.id()));
    Project second = store().projects().getOrCreate(all, Space.DEFAULT_ID, "routed");
    assertNotEquals(first.id(), second.id(), "a deleted project must not be answered from the name cache");

    store().projects().rename(all, second.id(), "renamed");
    Project third = store().projects().getOrCreate(all, Space.DEFAULT_ID, "routed");
    assertNotEquals(second.id(), third.id(), "the old name is free again after a rename");
    assertEquals(second.id(), store().projects().getOrCreate(all, Space.DEFAULT_ID, "renamed").id());

    Space space = store().spaces().create(all, "cached-space", null, false);
    Project inSpace = store().projects().getOrCreate(all, space.id(), "routed");
    assertTrue(store().spaces().delete(all, space.id()));
    assertThrows(NotFoundException.class, () -> store().projects().getOrCreate(all, space.id(), "routed"),
        "a deleted space's projects are forgotten: " + inSpace);
  }

  @Test
  void getOrCreate_returnsTheSameProjectEveryTime_evenUnderConcurrency() throws Exception {
    Project first = store().projects().getOrCreate(all, Space.DEFAULT_ID, "otel-app");
    assertEquals(first, store().projects().getOrCreate(all, Space.DEFAULT_ID, "otel-app"));

    List<Callable<Project>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(() -> store().projects().getOrCreate(all, Space.DEFAULT_ID, "raced"));
    }
    try (var pool = Executors.newFixedThreadPool(8)) {
      List<Project> results = new ArrayList<>();
      for (Future<Project> f : pool.invokeAll(calls)) {
        results.add(f.get());
      }
      assertEquals(1, results.stream().map(Project::id).distinct().count());
    }
    assertEquals(2, store().projects().list(all, ProjectFilter.inSpace(Space.DEFAULT_ID), PageRequest.firstDefault()).items().size());
  }

  @Test
  void delete_removesTheProjectAndItsEvaluations_andLeavesOthersAlone() {
    Project doomed = store().projects().create(all, Space.DEFAULT_ID, "doomed", null);
    Project kept = store().projects().create(all, Space.DEFAULT_ID, "kept", null);
    store().evaluations().upsert(all, List.of(
        EvaluationStoreContract.evaluation(doomed.id(), "span-1", "correctness"),
        EvaluationStoreContract.evaluation(kept.id(), "span-1", "correctness")));

    assertTrue(store().projects().delete(all, doomed.id()));

    assertTrue(store().projects().findById(all, doomed.id()).isEmpty());
    assertTrue(store().evaluations().listForTarget(all, doomed.id(), Evaluation.TargetKind.SPAN, "span-1").isEmpty());
    assertEquals(1, store().evaluations().listForTarget(all, kept.id(), Evaluation.TargetKind.SPAN, "span-1").size());
    assertFalse(store().projects().delete(all, doomed.id()));
  }

  @Test
  void ids_areUniqueAndTimeOrdered() {
    Project p1 = store().projects().create(all, Space.DEFAULT_ID, "p1", null);
    clock.advance(Duration.ofMillis(5));
    Project p2 = store().projects().create(all, Space.DEFAULT_ID, "p2", null);
    assertNotEquals(p1.id(), p2.id());
    assertTrue(p1.id().compareTo(p2.id()) < 0, "ids created later sort later");
  }

  @Test
  void list_filtersByNameAndSpaceNameSubstringsIgnoringCase() {
    Space prod = store().spaces().create(all, "Team-Prod", null);
    Project chat = store().projects().create(all, prod.id(), "Chat-Bot", null);
    store().projects().create(all, prod.id(), "indexer", null);
    Project defaultChat = store().projects().create(all, Space.DEFAULT_ID, "chatter", null);

    assertEquals(List.of(chat), store().projects().list(all, new ProjectFilter(null, "PROD", "chat"), PageRequest.firstDefault()).items());
    assertEquals(List.of(defaultChat),
        store().projects().list(all, new ProjectFilter(Space.DEFAULT_ID, null, "CHAT"), PageRequest.firstDefault()).items());
    assertEquals(2, store().projects().list(all, new ProjectFilter(null, null, "chat"), PageRequest.firstDefault()).items().size());
    assertTrue(store().projects().list(all, new ProjectFilter(null, "no-such", null), PageRequest.firstDefault()).items().isEmpty());
  }

  @Test
  void rename_changesTheNameAndUpdatedAt_andKeepsEverythingElse() {
    Project p = store().projects().create(all, Space.DEFAULT_ID, "before", "desc");
    clock.advance(Duration.ofSeconds(3));

    Project renamed = store().projects().rename(all, p.id(), " after ");

    assertEquals(new Project(p.id(), Space.DEFAULT_ID, "after", "desc", p.createdAt(), clock.instant()), renamed);
    assertEquals(renamed, store().projects().findByName(all, Space.DEFAULT_ID, "after").orElseThrow());
    assertTrue(store().projects().findByName(all, Space.DEFAULT_ID, "before").isEmpty());
    assertEquals(renamed, store().projects().rename(all, p.id(), "after"));
  }

  @Test
  void rename_toANameTakenInTheSpace_isAConflict_butANameUsedInAnotherSpaceIsFine() {
    Project p = store().projects().create(all, Space.DEFAULT_ID, "mine", null);
    store().projects().create(all, Space.DEFAULT_ID, "taken", null);
    Space other = store().spaces().create(all, "other", null);
    store().projects().create(all, other.id(), "elsewhere", null);

    assertThrows(ConflictException.class, () -> store().projects().rename(all, p.id(), "taken"));
    assertEquals("elsewhere", store().projects().rename(all, p.id(), "elsewhere").name());
  }

  @Test
  void rename_unknownInvisibleOrBadName_isRejected() {
    Space hidden = store().spaces().create(all, "hidden", null);
    Project p = store().projects().create(all, hidden.id(), "p", null);
    AccessScope elsewhere = AccessScope.spaces(Set.of(Space.DEFAULT_ID));

    assertThrows(NotFoundException.class, () -> store().projects().rename(all, "missing", "x"));
    assertThrows(NotFoundException.class, () -> store().projects().rename(elsewhere, p.id(), "x"));
    assertThrows(InvalidInputException.class, () -> store().projects().rename(all, p.id(), " "));
    assertEquals("p", store().projects().findById(all, p.id()).orElseThrow().name());
  }

  @Test
  void activity_countsSpansTracesAndSessions_andTheLastSpanEnd_inOneCallForSeveralProjects() throws Exception {
    Project busy = store().projects().create(all, Space.DEFAULT_ID, "busy", null);
    Project idle = store().projects().create(all, Space.DEFAULT_ID, "idle", null);
    Space hidden = store().spaces().create(all, "hidden", null);
    Project secret = store().projects().create(all, hidden.id(), "secret", null);
    write(List.of(
        span(busy.id(), "t1", "a").times(1_000_000, 2_000_000).session("s1", null).build(),
        span(busy.id(), "t1", "b").parent("a").times(1_100_000, 7_000_000).session("s1", null).build(),
        span(busy.id(), "t2", "c").times(3_000_000, 4_000_000).session("s2", null).build(),
        span(busy.id(), "t3", "d").times(5_000_000, 6_000_000).build(),
        span(secret.id(), "t1", "a").build()));

    Map<String, ProjectActivity> activity =
        store().projects().activity(AccessScope.spaces(Set.of(Space.DEFAULT_ID)), List.of(busy.id(), idle.id(), secret.id(), "missing"));

    assertEquals(Map.of(
        busy.id(), new ProjectActivity(busy.id(), 4, 3, 2, Times.instant(7_000_000)),
        idle.id(), ProjectActivity.none(idle.id())), activity);
    assertEquals(1, store().projects().activity(all, List.of(secret.id())).get(secret.id()).spanCount());
    assertTrue(store().projects().activity(all, List.of()).isEmpty());
  }

  private void write(List<Span> spans) throws Exception {
    try (BatchingWriter<Span> writer = new BatchingWriter<>("spans", database().jdbi(), new JdbcSpanSink(dialect(), clock),
        WriterSettings.DEFAULTS, clock)) {
      writer.submit(spans).get(20, SECONDS);
    }
  }
}
