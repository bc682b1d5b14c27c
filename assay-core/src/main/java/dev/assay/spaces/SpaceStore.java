package dev.assay.spaces;

import dev.assay.auth.AccessScope;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import java.util.Optional;

/** Reads and changes spaces. Every method sees only the spaces the scope allows. */
public interface SpaceStore {

  /**
   * Visible spaces ordered by name, then id.
   *
   * @param nameContains when not null, only spaces whose name contains it, ignoring case
   */
  Page<Space> list(AccessScope scope, String nameContains, PageRequest page);

  /** Visible spaces ordered by name, then id. */
  default Page<Space> list(AccessScope scope, PageRequest page) {
    return list(scope, null, page);
  }

  /** The visible space with that id; empty for an unknown id or null. */
  Optional<Space> findById(AccessScope scope, String id);

  /** The visible space with exactly that name (after stripping); empty for an unknown name or null. */
  Optional<Space> findByName(AccessScope scope, String name);

  /**
   * Creates a space.
   *
   * @throws dev.assay.shared.ConflictException when the name is taken
   * @throws dev.assay.shared.InvalidInputException when the name is blank, longer than 256 characters or
   *     contains control characters
   * @throws dev.assay.shared.NotFoundException when the scope may not create spaces (only an unrestricted
   *     scope may until roles exist)
   */
  Space create(AccessScope scope, String name, String description, boolean isPrivate);

  /** Creates a public space; see {@link #create(AccessScope, String, String, boolean)}. */
  default Space create(AccessScope scope, String name, String description) {
    return create(scope, name, description, false);
  }

  /**
   * Changes a space's name, description or visibility and returns it as stored.
   *
   * @throws dev.assay.shared.NotFoundException when no visible space has that id
   * @throws dev.assay.shared.ConflictException when another space has the new name
   * @throws dev.assay.shared.InvalidInputException when the update is empty, the new name is invalid, or
   *     it renames the {@code default} space (ingest and clients rely on that name)
   */
  Space update(AccessScope scope, String id, SpaceUpdate update);

  /**
   * Deletes a space with everything in it, as AX does: its projects and all they hold (spans, traces,
   * sessions, evaluations), in one transaction.
   *
   * @return false when no visible space has that id
   * @throws dev.assay.shared.InvalidInputException for the {@code default} space, which always exists
   */
  boolean delete(AccessScope scope, String id);
}
