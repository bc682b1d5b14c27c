package dev.assay.server.auth;

import dev.assay.auth.SpaceRole;
import io.javalin.security.RouteRole;

/**
 * Who may call a route, declared on the route itself ({@code get(path, handler, Access.VIEWER)}), so the route
 * table is also the authorization table. A route without an {@code Access} is refused for everyone (fail closed).
 *
 * <p>For VIEWER, MEMBER and ADMIN the request's {@link dev.assay.auth.AccessScope} is the caller's spaces with at
 * least that role, and store queries filter by it: a MEMBER of space A calling a MEMBER route on space B's
 * project gets 404, exactly as if it did not exist.
 */
public enum Access implements RouteRole {
  /** No credentials: health checks, the UI's static files, login, setup. */
  PUBLIC(null),
  /** Any signed-in caller, acting on itself (its profile, its own API keys, evaluator templates). */
  AUTHENTICATED(null),
  VIEWER(SpaceRole.VIEWER),
  MEMBER(SpaceRole.MEMBER),
  /** Space administration: members, model configs, webhooks, deleting spaces. */
  ADMIN(SpaceRole.ADMIN),
  /** Account administration: users, creating spaces, the audit log. */
  ACCOUNT_ADMIN(null);

  private final SpaceRole spaceRole;

  Access(SpaceRole spaceRole) {
    this.spaceRole = spaceRole;
  }

  /** The space role the route needs, null for PUBLIC, AUTHENTICATED and ACCOUNT_ADMIN. */
  public SpaceRole spaceRole() {
    return spaceRole;
  }
}
