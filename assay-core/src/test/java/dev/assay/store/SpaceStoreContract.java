package dev.assay.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.auth.AccessScope;
import dev.assay.shared.ConflictException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.PageRequest;
import dev.assay.spaces.Space;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

public abstract class SpaceStoreContract extends StoreContract {
  private final AccessScope all = AccessScope.unrestricted();

  @Test
  void theDefaultSpaceExistsFromTheFirstMigration() {
    Space space = store().spaces().findByName(all, Space.DEFAULT_NAME).orElseThrow();
    assertEquals(Space.DEFAULT_ID, space.id());
  }

  @Test
  void create_thenList_inNameOrder() {
    Space zeta = store().spaces().create(all, "zeta", "last");
    Space beta = store().spaces().create(all, "beta", null);

    List<String> names = store().spaces().list(all, PageRequest.firstDefault()).items().stream().map(Space::name).toList();

    assertEquals(List.of("beta", "default", "zeta"), names);
    assertEquals(zeta, store().spaces().findById(all, zeta.id()).orElseThrow());
    assertEquals(beta, store().spaces().findByName(all, "beta").orElseThrow());
  }

  @Test
  void create_duplicateName_isAConflict() {
    store().spaces().create(all, "team", null);
    assertThrows(ConflictException.class, () -> store().spaces().create(all, "team", null));
  }

  @Test
  void scope_limitsWhichSpacesAreVisible_andRestrictedCallersCannotCreateSpaces() {
    Space team = store().spaces().create(all, "team", null);
    AccessScope onlyTeam = AccessScope.spaces(Set.of(team.id()));

    assertEquals(List.of(team), store().spaces().list(onlyTeam, PageRequest.firstDefault()).items());
    assertTrue(store().spaces().findByName(onlyTeam, Space.DEFAULT_NAME).isEmpty());
    assertThrows(NotFoundException.class, () -> store().spaces().create(onlyTeam, "other", null));
  }
}
