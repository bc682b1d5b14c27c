package dev.assay.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.auth.AccessScope;
import dev.assay.datasets.Dataset;
import dev.assay.datasets.DatasetFilter;
import dev.assay.datasets.DatasetVersion;
import dev.assay.datasets.Example;
import dev.assay.datasets.ExampleChangeResult;
import dev.assay.datasets.ExampleChanges;
import dev.assay.datasets.ExampleDraft;
import dev.assay.shared.ConflictException;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.spaces.Space;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Datasets whose versions are immutable: every change is a new version and old versions read as they were. */
public abstract class DatasetStoreContract extends StoreContract {
  private final AccessScope all = AccessScope.unrestricted();

  static ExampleDraft draft(String q, String a, String... splits) {
    return new ExampleDraft(null, Map.of("question", q), Map.of("answer", a), Map.of("n", q.length()), List.of(splits),
        null, null);
  }

  private List<Example> read(String datasetId, int number, String... splits) {
    List<Example> out = new ArrayList<>();
    store().datasets().forEachExample(all, datasetId, number, List.of(splits), out::add);
    return out;
  }

  private static List<Object> questions(List<Example> examples) {
    return examples.stream().map(e -> e.input().get("question")).toList();
  }

  private Dataset created(String name, ExampleDraft... drafts) {
    Dataset d = store().datasets().create(all, Space.DEFAULT_ID, name, "about " + name.strip(), List.of(drafts));
    clock.advance(Duration.ofSeconds(1));
    return d;
  }

  @Test
  void create_writesVersionOneWithTheExamples_contentRoundTrips() {
    Dataset d = created(" qa ", draft("q1", "a1", "train"), draft("q2", "a2", "test"));

    assertEquals("qa", d.name());
    assertEquals("about qa", d.description());
    assertEquals(2, d.exampleCount());
    assertEquals(1, d.versions().size());
    DatasetVersion v1 = d.versions().getFirst();
    assertEquals(1, v1.number());
    assertEquals("v1", v1.name());
    assertEquals(2, v1.exampleCount());
    List<Example> examples = read(d.id(), 1);
    assertEquals(List.of("q1", "q2"), questions(examples));
    Example first = examples.getFirst();
    assertEquals(Map.of("answer", "a1"), first.output());
    assertEquals(Map.of("n", 2), first.metadata());
    assertEquals(List.of("train"), first.splits());
    assertEquals(d.id(), first.datasetId());
  }

  @Test
  void create_sameNameInSpace_conflicts_andStoresNothing() {
    created("dup", draft("q", "a"));
    assertThrows(ConflictException.class, () -> created("dup", draft("q2", "a2")));
    assertEquals(1, store().datasets().list(all, new DatasetFilter(null, null, "dup"), PageRequest.first(10)).items().size());
  }

  @Test
  void append_update_delete_eachWriteANewVersion_andOldVersionsReadAsTheyWere() {
    Dataset d = created("versions", draft("q1", "a1"), draft("q2", "a2"));
    List<Example> v1 = read(d.id(), 1);
    String id1 = v1.get(0).id();
    String id2 = v1.get(1).id();

    ExampleChangeResult appended = store().datasets().change(all, d.id(), ExampleChanges.append(List.of(draft("q3", "a3"))));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(2, appended.version().number());
    assertEquals(3, appended.version().exampleCount());

    ExampleDraft revised = new ExampleDraft(id1, Map.of("question", "q1-fixed"), Map.of("answer", "A1"), Map.of(),
        List.of("test"), null, null);
    ExampleChangeResult updated = store().datasets().change(all, d.id(),
        new ExampleChanges(List.of(), List.of(revised), List.of(), "fixed", "fix q1"));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(3, updated.version().number());
    assertEquals("fixed", updated.version().name());
    assertEquals(List.of(id1), updated.updatedIds());

    ExampleChangeResult deleted = store().datasets().change(all, d.id(),
        new ExampleChanges(List.of(), List.of(), List.of(id2, "no-such-id"), null, null));
    assertEquals(4, deleted.version().number());
    assertEquals(List.of(id2), deleted.deletedIds());
    assertEquals(List.of("no-such-id"), deleted.missingIds());
    assertEquals(2, deleted.version().exampleCount());

    // Every version reads exactly what it held, in the stable (created_at, id) order; ids are stable.
    assertEquals(List.of("q1", "q2"), questions(read(d.id(), 1)));
    assertEquals(List.of("q1", "q2", "q3"), questions(read(d.id(), 2)));
    assertEquals(List.of("q1-fixed", "q2", "q3"), questions(read(d.id(), 3)));
    assertEquals(List.of("q1-fixed", "q3"), questions(read(d.id(), 4)));
    assertEquals(id1, read(d.id(), 4).getFirst().id());
    assertEquals(Map.of("answer", "a1"), read(d.id(), 2).getFirst().output());
    assertEquals(Map.of("answer", "A1"), read(d.id(), 4).getFirst().output());
    assertEquals(read(d.id(), 1).getFirst().createdAt(), read(d.id(), 4).getFirst().createdAt());

    Dataset now = store().datasets().findById(all, d.id()).orElseThrow();
    assertEquals(List.of(4, 3, 2, 1), now.versions().stream().map(DatasetVersion::number).toList());
    assertEquals(2, now.exampleCount());
    assertEquals("fixed", store().datasets().findVersion(all, d.id(), "fixed").orElseThrow().name());
    assertEquals(1, store().datasets().findVersion(all, d.id(), now.versions().getLast().id()).orElseThrow().number());
  }

  @Test
  void change_whereEveryIdIsMissing_writesNoVersion() {
    Dataset d = created("nothing", draft("q", "a"));
    ExampleChangeResult r = store().datasets().change(all, d.id(),
        new ExampleChanges(List.of(), List.of(), List.of("gone"), null, null));
    assertFalse(r.changed());
    assertEquals(1, r.version().number());
    assertEquals(List.of("gone"), r.missingIds());
    assertEquals(1, store().datasets().findById(all, d.id()).orElseThrow().versions().size());
  }

  @Test
  void change_badInput_rollsBackEverything() {
    Dataset d = created("atomic", draft("q", "a"));
    String id = read(d.id(), 1).getFirst().id();
    ExampleDraft clash = new ExampleDraft(id, Map.of("question", "x"), Map.of(), Map.of(), List.of(), null, null);
    assertThrows(ConflictException.class, () -> store().datasets().change(all, d.id(),
        new ExampleChanges(List.of(draft("new", "n"), clash), List.of(), List.of(), null, null)));
    assertThrows(InvalidInputException.class, () -> store().datasets().change(all, d.id(),
        new ExampleChanges(List.of(), List.of(clash), List.of(id), null, null)));
    assertThrows(ConflictException.class, () -> store().datasets().change(all, d.id(),
        new ExampleChanges(List.of(draft("n", "n")), List.of(), List.of(), "v1", null)));

    Dataset after = store().datasets().findById(all, d.id()).orElseThrow();
    assertEquals(1, after.versions().size());
    assertEquals(List.of("q"), questions(read(d.id(), 1)));
    // The dataset still takes changes: the failed ones left no half-bumped version number.
    assertEquals(2, store().datasets().change(all, d.id(), ExampleChanges.append(List.of(draft("n", "n")))).version().number());
  }

  @Test
  void splits_filterTheExamples_perVersion() {
    Dataset d = created("splits", draft("q1", "a", "train"), draft("q2", "a", "test"), draft("q3", "a", "train", "test"),
        draft("q4", "a"));
    assertEquals(List.of("q1", "q3"), questions(read(d.id(), 1, "train")));
    assertEquals(List.of("q2", "q3"), questions(read(d.id(), 1, "test")));
    assertEquals(List.of("q1", "q2", "q3"), questions(read(d.id(), 1, "train", "test")));
    assertEquals(List.of("test", "train"), store().datasets().splits(all, d.id(), 1));

    String q1 = read(d.id(), 1).getFirst().id();
    store().datasets().change(all, d.id(), new ExampleChanges(List.of(), List.of(new ExampleDraft(q1, Map.of("question", "q1"),
        Map.of(), Map.of(), List.of("holdout"), null, null)), List.of(), null, null));
    assertEquals(List.of("q3"), questions(read(d.id(), 2, "train")));
    assertEquals(List.of("q1", "q3"), questions(read(d.id(), 1, "train")));
    assertEquals(List.of("holdout", "test", "train"), store().datasets().splits(all, d.id(), 2));
  }

  @Test
  void examples_pageInStableOrder_withoutSkipsOrRepeats() {
    List<ExampleDraft> drafts = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      drafts.add(draft("q" + i, "a" + i));
    }
    Dataset d = store().datasets().create(all, Space.DEFAULT_ID, "paged", null, drafts);
    List<Object> seen = new ArrayList<>();
    String cursor = null;
    do {
      Page<Example> page = store().datasets().examples(all, d.id(), 1, List.of(), new PageRequest(cursor, 10));
      page.items().forEach(e -> seen.add(e.input().get("question")));
      cursor = page.nextCursor();
    } while (cursor != null);
    assertEquals(questions(read(d.id(), 1)), seen);
    assertEquals(25, Set.copyOf(seen).size());
  }

  @Test
  void sourceSpans_andGivenIds_areKept_acrossRevisions() {
    ExampleDraft fromSpan = new ExampleDraft("ex-1", Map.of("input", "hi"), Map.of("output", "hello"), Map.of(), List.of(),
        "span-1", "trace-1");
    Dataset d = created("linked", fromSpan);
    Example e = read(d.id(), 1).getFirst();
    assertEquals("ex-1", e.id());
    assertEquals("span-1", e.sourceSpanId());
    assertEquals("trace-1", e.sourceTraceId());
    store().datasets().change(all, d.id(), new ExampleChanges(List.of(), List.of(new ExampleDraft("ex-1",
        Map.of("input", "hey"), Map.of(), Map.of(), List.of(), null, null)), List.of(), null, null));
    Example revised = read(d.id(), 2).getFirst();
    assertEquals("span-1", revised.sourceSpanId());
    assertEquals("hey", revised.input().get("input"));
    assertEquals(List.of("ex-1"), store().datasets().existingIds(all, d.id(), 2, List.of("ex-1", "ex-2")));
  }

  @Test
  void scope_hidesOtherSpaces_andUpdateDeleteWork() {
    Dataset d = created("scoped", draft("q", "a"));
    AccessScope none = AccessScope.spaces(Set.of());
    assertTrue(store().datasets().findById(none, d.id()).isEmpty());
    assertThrows(NotFoundException.class, () -> store().datasets().examples(none, d.id(), 1, List.of(), PageRequest.first(5)));
    assertThrows(NotFoundException.class, () -> store().datasets().change(none, d.id(), ExampleChanges.append(List.of(draft("x", "y")))));
    assertFalse(store().datasets().delete(none, d.id()));

    Dataset other = created("other", draft("q", "a"));
    assertThrows(ConflictException.class, () -> store().datasets().update(all, other.id(), "scoped", null));
    Dataset renamed = store().datasets().update(all, d.id(), "renamed", "");
    assertEquals("renamed", renamed.name());
    assertNull(renamed.description());
    assertTrue(store().datasets().delete(all, d.id()));
    assertTrue(store().datasets().findById(all, d.id()).isEmpty());
    assertEquals(List.of("q"), questions(read(other.id(), 1)));
  }

  @Test
  void manyExamples_appendWritesOnlyTheNewRows() {
    List<ExampleDraft> drafts = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      drafts.add(draft("q" + i, "a"));
    }
    Dataset d = store().datasets().create(all, Space.DEFAULT_ID, "big", null, drafts);
    store().datasets().change(all, d.id(), ExampleChanges.append(List.of(draft("extra", "a"))));
    long rows = database().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM dataset_examples WHERE dataset_id = :d")
        .bind("d", d.id()).mapTo(Long.class).one());
    assertEquals(10_001, rows);
    assertEquals(10_001, store().datasets().findById(all, d.id()).orElseThrow().exampleCount());
    assertEquals(10_000, read(d.id(), 1).size());
  }

  @Test
  void deletingASpace_deletesItsDatasets_andNothingElse() {
    Space space = store().spaces().create(all, "doomed", null);
    Dataset doomed = store().datasets().create(all, space.id(), "in-doomed", null, List.of(draft("q", "a", "s")));
    Dataset kept = created("kept", draft("q", "a"));
    assertTrue(store().spaces().delete(all, space.id()));
    assertTrue(store().datasets().findById(all, doomed.id()).isEmpty());
    long orphans = database().jdbi().withHandle(h -> h.createQuery("SELECT (SELECT count(*) FROM dataset_examples WHERE"
        + " dataset_id = :d) + (SELECT count(*) FROM dataset_versions WHERE dataset_id = :d) + (SELECT count(*) FROM"
        + " dataset_example_splits WHERE dataset_id = :d)").bind("d", doomed.id()).mapTo(Long.class).one());
    assertEquals(0, orphans);
    assertEquals(1, read(kept.id(), 1).size());
  }

  @Test
  void concurrentAppends_eachGetTheirOwnVersion_andNoExampleIsLost() throws Exception {
    Dataset d = created("concurrent", draft("q", "a"));
    Concurrently.run(4, w -> {
      for (int i = 0; i < 3; i++) {
        store().datasets().change(all, d.id(), ExampleChanges.append(List.of(draft("w" + w + "-" + i, "a"))));
      }
    });
    Dataset after = store().datasets().findById(all, d.id()).orElseThrow();
    assertEquals(13, after.versions().size());
    assertEquals(13, after.exampleCount());
    assertEquals(List.of(13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1),
        after.versions().stream().map(DatasetVersion::number).toList());
    assertEquals(13, read(d.id(), 13).size());
    for (DatasetVersion v : after.versions()) {
      assertEquals(v.number(), read(d.id(), v.number()).size(), "version " + v.number() + " holds one more than the last");
    }
  }
}
