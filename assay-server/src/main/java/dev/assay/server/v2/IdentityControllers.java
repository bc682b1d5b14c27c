package dev.assay.server.v2;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;

import dev.assay.audit.AuditService;
import dev.assay.auth.ApiKeyService;
import dev.assay.auth.MembershipService;
import dev.assay.auth.UserService;
import dev.assay.server.auth.Access;
import dev.assay.server.auth.Audited;
import dev.assay.spaces.SpaceService;

/**
 * The identity and access resources of {@code /v2} in AX's shapes: users, API keys, roles, role bindings, space
 * members and the audit log. Each route says who may call it; every change is audited.
 */
public final class IdentityControllers {
  private final UserController users;
  private final ApiKeyController apiKeys;
  private final RoleController roles;
  private final SpaceUserController spaceUsers;
  private final AuditLogController auditLogs;

  public IdentityControllers(UserService users, ApiKeyService apiKeys, MembershipService memberships,
      AuditService audit, SpaceService spaces) {
    this.users = new UserController(users);
    this.apiKeys = new ApiKeyController(apiKeys, spaces);
    this.roles = new RoleController(memberships, spaces);
    this.spaceUsers = new SpaceUserController(memberships, users, spaces);
    this.auditLogs = new AuditLogController(audit);
  }

  /** Adds the routes (ApiBuilder, inside {@code path("/v2")}). */
  public void routes() {
    path("/users", () -> {
      get(users::list, Access.ACCOUNT_ADMIN);
      post(users::create, Access.ACCOUNT_ADMIN, Audited.YES);
      path("/{user_id}", () -> {
        get(users::get, Access.AUTHENTICATED); // oneself, or anyone for an account admin (the service decides)
        patch(users::update, Access.ACCOUNT_ADMIN, Audited.YES);
        delete(users::delete, Access.ACCOUNT_ADMIN, Audited.YES);
        post("/reset-password", users::resetPassword, Access.ACCOUNT_ADMIN, Audited.YES);
      });
    });
    path("/api-keys", () -> {
      get(apiKeys::list, Access.AUTHENTICATED);
      post(apiKeys::create, Access.AUTHENTICATED, Audited.YES);
      path("/{api_key_id}", () -> {
        post("/refresh", apiKeys::refresh, Access.AUTHENTICATED, Audited.YES);
        put("/revoke", apiKeys::revoke, Access.AUTHENTICATED, Audited.YES);
        post("/revoke", apiKeys::revoke, Access.AUTHENTICATED, Audited.YES); // the verb; AX's is PUT
      });
    });
    get("/roles", roles::listRoles, Access.AUTHENTICATED);
    get("/roles/{role_id}", roles::getRole, Access.AUTHENTICATED);
    path("/role-bindings", () -> {
      get(roles::listBindings, Access.AUTHENTICATED);
      post(roles::createBinding, Access.ADMIN, Audited.YES);
      path("/{binding_id}", () -> {
        get(roles::getBinding, Access.AUTHENTICATED);
        patch(roles::updateBinding, Access.ADMIN, Audited.YES);
        delete(roles::deleteBinding, Access.ADMIN, Audited.YES);
      });
    });
    path("/spaces/{space_id}/users", () -> {
      get(spaceUsers::list, Access.VIEWER);
      post(spaceUsers::add, Access.ADMIN, Audited.YES);
      delete("/{user_id}", spaceUsers::remove, Access.ADMIN, Audited.YES);
    });
    get("/audit-logs", auditLogs::list, Access.ACCOUNT_ADMIN);
  }
}
