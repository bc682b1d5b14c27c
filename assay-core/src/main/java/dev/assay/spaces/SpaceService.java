package dev.assay.spaces;

import dev.assay.auth.AccessScope;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;

/**
 * Spaces for every interface. A space reference ({@code ref}) is an id or a name: a value that is not the
 * id of a visible space is looked up as a name, so callers never need to know which one they hold.
 */
public final class SpaceService {
  private final SpaceStore store;

  public SpaceService(SpaceStore store) {
    if (store == null) {
      throw new NullPointerException("store is required");
    }
    this.store = store;
  }

  /** Visible spaces ordered by name, then id; {@code nameContains} (ignoring case) filters when not null. */
  public Page<Space> list(AccessScope scope, String nameContains, PageRequest page) {
    return store.list(scope, nameContains, page);
  }

  /**
   * The visible space with id {@code ref}, else with name {@code ref}.
   *
   * @throws NotFoundException when neither exists
   */
  public Space get(AccessScope scope, String ref) {
    if (ref == null || ref.isBlank()) {
      throw new NotFoundException("space '' not found");
    }
    return store.findById(scope, ref)
        .or(() -> store.findByName(scope, ref))
        .orElseThrow(() -> new NotFoundException("space '" + ref + "' not found"));
  }

  /** {@link #get} for a non-null {@code ref}; the {@code default} space for null. */
  public Space getOrDefault(AccessScope scope, String ref) {
    return ref == null ? get(scope, Space.DEFAULT_ID) : get(scope, ref);
  }

  /** Creates a space; see {@link SpaceStore#create(AccessScope, String, String, boolean)}. */
  public Space create(AccessScope scope, String name, String description, boolean isPrivate) {
    return store.create(scope, name, description, isPrivate);
  }

  /** Updates the space {@code ref}; see {@link SpaceStore#update}. */
  public Space update(AccessScope scope, String ref, SpaceUpdate update) {
    update.requireChanges();
    return store.update(scope, get(scope, ref).id(), update);
  }

  /**
   * Deletes the space {@code ref} with all its projects and their data; see {@link SpaceStore#delete}.
   *
   * @throws NotFoundException when there is no such space (also when a concurrent delete won)
   */
  public void delete(AccessScope scope, String ref) {
    Space space = get(scope, ref);
    if (!store.delete(scope, space.id())) {
      throw new NotFoundException("space '" + ref + "' not found");
    }
  }
}
