package dev.assay.spaces;

import dev.assay.auth.AccessScope;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import java.util.Optional;

/** Reads and creates spaces. Every method sees only the spaces the scope allows. */
public interface SpaceStore {

  /** Visible spaces ordered by name, then id. */
  Page<Space> list(AccessScope scope, PageRequest page);

  Optional<Space> findById(AccessScope scope, String id);

  Optional<Space> findByName(AccessScope scope, String name);

  /**
   * Creates a space.
   *
   * @throws dev.assay.shared.ConflictException when the name is taken
   * @throws dev.assay.shared.InvalidInputException when the name is blank or too long
   */
  Space create(AccessScope scope, String name, String description);
}
