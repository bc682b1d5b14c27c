package dev.assay.auth;

import java.util.Set;

/**
 * What a caller may see and change, passed to every store method so that access control is enforced
 * in the store layer (each query filters by the caller's spaces) rather than trusted to handlers.
 *
 * <p>While auth is off every caller is {@link #unrestricted()}; once users and roles exist, a request
 * carries {@link Spaces} with the ids of the spaces its user belongs to.
 */
public sealed interface AccessScope {

  /** True when rows of {@code spaceId} are visible to this caller. */
  boolean allows(String spaceId);

  static AccessScope unrestricted() {
    return Unrestricted.INSTANCE;
  }

  static AccessScope spaces(Set<String> spaceIds) {
    return new Spaces(spaceIds);
  }

  /** Local mode and internal workers (which act on behalf of a stored task, itself scoped). */
  enum Unrestricted implements AccessScope {
    INSTANCE;

    @Override
    public boolean allows(String spaceId) {
      return true;
    }
  }

  /** A caller limited to a set of spaces; an empty set sees nothing. */
  record Spaces(Set<String> spaceIds) implements AccessScope {
    public Spaces {
      spaceIds = Set.copyOf(spaceIds);
    }

    @Override
    public boolean allows(String spaceId) {
      return spaceIds.contains(spaceId);
    }
  }
}
