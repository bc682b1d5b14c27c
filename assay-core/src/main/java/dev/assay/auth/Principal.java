package dev.assay.auth;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is calling, and with what roles: resolved once per request from an API key or a login session, then
 * turned into the {@link AccessScope} that every store query of that request filters by.
 *
 * @param user the caller; null only for {@link #local()}
 * @param spaceRoles the caller's role in each space it belongs to (an account ADMIN needs none: it has all)
 * @param apiKeyId the key the request authenticated with, null for a session or local mode
 */
public record Principal(User user, Map<String, SpaceRole> spaceRoles, String apiKeyId) {
  private static final Principal LOCAL = new Principal(null, Map.of(), null);

  public Principal {
    spaceRoles = Map.copyOf(spaceRoles);
  }

  /** Local mode (authentication off): the one person at this machine may do everything. */
  public static Principal local() {
    return LOCAL;
  }

  public boolean isLocal() {
    return user == null;
  }

  /** Local mode or an account ADMIN: every space, every role. */
  public boolean isAccountAdmin() {
    return user == null || user.role() == AccountRole.ADMIN;
  }

  /** The caller's role in {@code spaceId}: ADMIN for an account admin, null when it is not a member. */
  public SpaceRole roleIn(String spaceId) {
    return isAccountAdmin() ? SpaceRole.ADMIN : spaceRoles.get(spaceId);
  }

  /** True when the caller holds at least {@code min} in some space (an account admin always does). */
  public boolean hasAnySpace(SpaceRole min) {
    return isAccountAdmin() || spaceRoles.values().stream().anyMatch(role -> role.atLeast(min));
  }

  /** The spaces where the caller holds at least {@code min}: what a route needing {@code min} may touch. */
  public AccessScope scope(SpaceRole min) {
    if (isAccountAdmin()) {
      return AccessScope.unrestricted();
    }
    Set<String> ids = spaceRoles.entrySet().stream().filter(e -> e.getValue().atLeast(min)).map(Map.Entry::getKey)
        .collect(Collectors.toSet());
    return AccessScope.spaces(ids);
  }

  @Override
  public String toString() {
    return isLocal() ? "Principal[local]" : "Principal[user=" + user.id() + ", key=" + apiKeyId + "]";
  }
}
