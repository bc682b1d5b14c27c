package dev.assay.store;

import static dev.assay.store.SpanFixtures.span;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.auth.AccessScope;
import dev.assay.eval.Evaluation;
import dev.assay.projects.Project;
import dev.assay.shared.ConflictException;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.PageRequest;
import dev.assay.spaces.Space;
import dev.assay.spaces.SpaceUpdate;
import dev.assay.traces.Span;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

public abstract class SpaceStoreContract extends StoreContract {
  private final AccessScope all = AccessScope.unrestricted();

  @Test
  void theDefaultSpaceExistsFromTheFirstMigration() {
    Space space = store().spaces().findByName(all, Space.DEFAULT_NAME).orElseThrow();
    assertEquals(Space.DEFAULT_ID, space.id());
    assertTrue(space.isDefault());
    assertFalse(space.isPrivate());
  }

  @Test
  void create_thenList_inNameOrder() {
    Space zeta = store().spaces().create(all, "zeta", "last");
    Space beta = store().spaces().create(all, "beta", null);

    List<String> names = store().spaces().list(all, PageRequest.firstDefault()).items().stream().map(Space::name).toList();

    assertEquals(List.of("beta", "default", "zeta"), names);
    assertEquals(zeta, store().spaces().findById(all, zeta.id()).orElseThrow());
    assertEquals(beta, store().spaces().findByName(all, "beta").orElseThrow());
    assertEquals(clock.instant(), zeta.createdAt());
    assertFalse(zeta.isPrivate());
  }

  @Test
  void create_private_keepsTheFlag() {
    Space secret = store().spaces().create(all, "secret", "hush", true);

    assertTrue(secret.isPrivate());
    assertTrue(store().spaces().findById(all, secret.id()).orElseThrow().isPrivate());
  }

  @Test
  void create_duplicateName_isAConflict() {
    store().spaces().create(all, "team", null);
    assertThrows(ConflictException.class, () -> store().spaces().create(all, "team", null));
  }

  @Test
  void list_filtersByNameSubstringIgnoringCase_andPages() {
    for (String name : List.of("Prod-EU", "prod-us", "staging", "my-production")) {
      store().spaces().create(all, name, null);
    }

    var first = store().spaces().list(all, "PROD", PageRequest.first(2));
    var second = store().spaces().list(all, "PROD", new PageRequest(first.nextCursor(), 2));

    assertEquals(2, first.items().size());
    assertFalse(second.hasMore());
    // Name order follows the database's collation (case-sensitive on DuckDB, not on PostgreSQL), so compare sets.
    assertEquals(Set.of("Prod-EU", "prod-us", "my-production"),
        Stream.concat(first.items().stream(), second.items().stream()).map(Space::name)
            .collect(Collectors.toSet()));
    assertTrue(store().spaces().list(all, "nothing-like-it", PageRequest.firstDefault()).items().isEmpty());
  }

  @Test
  void update_changesNameDescriptionAndVisibility_evenWithProjectsInTheSpace() {
    Space team = store().spaces().create(all, "team", "old");
    Project inside = store().projects().create(all, team.id(), "app", null);
    clock.advance(Duration.ofSeconds(5));

    Space renamed = store().spaces().update(all, team.id(), new SpaceUpdate("team-renamed", "new", true));

    assertEquals(new Space(team.id(), "team-renamed", "new", true, team.createdAt(), clock.instant()), renamed);
    assertEquals(renamed, store().spaces().findByName(all, "team-renamed").orElseThrow());
    assertEquals(team.id(), store().projects().findById(all, inside.id()).orElseThrow().spaceId());
  }

  @Test
  void update_leavesNullFieldsAlone_andAnEmptyDescriptionClearsIt() {
    Space team = store().spaces().create(all, "team", "keep me", true);

    Space onlyName = store().spaces().update(all, team.id(), new SpaceUpdate("team-2", null, null));
    assertEquals("keep me", onlyName.description());
    assertTrue(onlyName.isPrivate());

    Space cleared = store().spaces().update(all, team.id(), new SpaceUpdate(null, "", false));
    assertNull(cleared.description());
    assertFalse(cleared.isPrivate());
    assertEquals("team-2", cleared.name());
  }

  @Test
  void update_toATakenName_isAConflict_andToItsOwnNameIsFine() {
    store().spaces().create(all, "taken", null);
    Space team = store().spaces().create(all, "team", null);

    assertThrows(ConflictException.class, () -> store().spaces().update(all, team.id(), new SpaceUpdate("taken", null, null)));
    assertEquals("team", store().spaces().update(all, team.id(), new SpaceUpdate(" team ", null, null)).name());
  }

  @Test
  void update_rejectsEmptyUpdatesBadNamesUnknownSpacesAndRenamingTheDefaultSpace() {
    Space team = store().spaces().create(all, "team", null);

    assertThrows(InvalidInputException.class, () -> store().spaces().update(all, team.id(), new SpaceUpdate(null, null, null)));
    assertThrows(InvalidInputException.class, () -> store().spaces().update(all, team.id(), new SpaceUpdate("  ", null, null)));
    assertThrows(NotFoundException.class, () -> store().spaces().update(all, "no-such-space", new SpaceUpdate("x", null, null)));
    assertThrows(InvalidInputException.class,
        () -> store().spaces().update(all, Space.DEFAULT_ID, new SpaceUpdate("not-default", null, null)));
    assertEquals(Space.DEFAULT_NAME, store().spaces().findById(all, Space.DEFAULT_ID).orElseThrow().name());
  }

  @Test
  void delete_removesTheSpaceWithItsProjectsAndTheirData_andLeavesOtherSpacesAlone() throws Exception {
    Space doomed = store().spaces().create(all, "doomed", null);
    Project inDoomed = store().projects().create(all, doomed.id(), "app", null);
    Project kept = store().projects().create(all, Space.DEFAULT_ID, "kept", null);
    write(List.of(span(inDoomed.id(), "t1", "s1").session("sess", null).build(), span(kept.id(), "t1", "s1").build()));
    store().evaluations().upsert(all, List.of(
        EvaluationStoreContract.evaluation(inDoomed.id(), "s1", "correctness"),
        EvaluationStoreContract.evaluation(kept.id(), "s1", "correctness")));

    assertTrue(store().spaces().delete(all, doomed.id()));

    assertTrue(store().spaces().findById(all, doomed.id()).isEmpty());
    assertTrue(store().projects().findById(all, inDoomed.id()).isEmpty());
    assertEquals(0, store().spans().countSpans(all, inDoomed.id()));
    assertTrue(store().spans().findTrace(all, inDoomed.id(), "t1").isEmpty());
    assertTrue(store().spans().findSession(all, inDoomed.id(), "sess").isEmpty());
    assertTrue(store().evaluations().listForTarget(all, inDoomed.id(), Evaluation.TargetKind.SPAN, "s1").isEmpty());
    assertEquals(1, store().spans().countSpans(all, kept.id()));
    assertEquals(1, store().evaluations().listForTarget(all, kept.id(), Evaluation.TargetKind.SPAN, "s1").size());
    assertFalse(store().spaces().delete(all, doomed.id()));
    // The name is free again.
    assertEquals("doomed", store().spaces().create(all, "doomed", null).name());
  }

  @Test
  void delete_theDefaultSpace_isInvalidInput() {
    assertThrows(InvalidInputException.class, () -> store().spaces().delete(all, Space.DEFAULT_ID));
    assertTrue(store().spaces().findById(all, Space.DEFAULT_ID).isPresent());
  }

  @Test
  void scope_limitsWhichSpacesAreVisible_andRestrictedCallersCannotCreateSpaces() {
    Space team = store().spaces().create(all, "team", null);
    Space other = store().spaces().create(all, "other", null);
    AccessScope onlyTeam = AccessScope.spaces(Set.of(team.id()));

    assertEquals(List.of(team), store().spaces().list(onlyTeam, PageRequest.firstDefault()).items());
    assertTrue(store().spaces().findByName(onlyTeam, Space.DEFAULT_NAME).isEmpty());
    assertThrows(NotFoundException.class, () -> store().spaces().create(onlyTeam, "another", null));
    assertThrows(NotFoundException.class, () -> store().spaces().update(onlyTeam, other.id(), new SpaceUpdate("x", null, null)));
    assertFalse(store().spaces().delete(onlyTeam, other.id()));
    assertTrue(store().spaces().findById(all, other.id()).isPresent());
  }

  private void write(List<Span> spans) throws Exception {
    try (BatchingWriter<Span> writer = new BatchingWriter<>("spans", database().jdbi(), new JdbcSpanSink(dialect(), clock),
        WriterSettings.DEFAULTS, clock)) {
      writer.submit(spans).get(20, SECONDS);
    }
  }
}
