package dev.assay.server.v2;

import dev.assay.auth.Membership;
import dev.assay.auth.MembershipService;
import dev.assay.auth.Principal;
import dev.assay.auth.SpaceRole;
import dev.assay.auth.User;
import dev.assay.auth.UserService;
import dev.assay.server.auth.AuthJson.UserJson;
import dev.assay.server.auth.RequestAuth;
import dev.assay.server.v2.IdentityJson.SpaceMemberJson;
import dev.assay.server.v2.IdentityJson.SpaceMembershipJson;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.spaces.SpaceService;
import io.javalin.http.Context;

/**
 * {@code /v2/spaces/{space_id}/users}: AX's {@code add_space_user} (an upsert) and {@code remove_space_user}, plus
 * Assay's member list. The space is named by id or name, among the spaces the caller can see; whether the caller
 * may change its members is the service's check (space ADMIN).
 */
final class SpaceUserController {
  private final MembershipService memberships;
  private final UserService users;
  private final SpaceService spaces;

  SpaceUserController(MembershipService memberships, UserService users, SpaceService spaces) {
    if (memberships == null || users == null || spaces == null) {
      throw new NullPointerException("memberships, users and spaces are required");
    }
    this.memberships = memberships;
    this.users = users;
    this.spaces = spaces;
  }

  /** {@code POST /v2/spaces/{space_id}/users}: AX's {@code AddSpaceUserRequest}; 200 with the membership. */
  void add(Context ctx) {
    IdentityRequests.SpaceUser request = IdentityRequests.addSpaceUser(TaskController.body(ctx));
    Principal caller = RequestAuth.principal(ctx);
    Membership m = memberships.put(caller, spaceId(ctx, caller), request.userId(), request.role());
    ctx.json(SpaceMembershipJson.of(m));
  }

  /**
   * {@code GET /v2/spaces/{space_id}/users} (Assay's): the members with their users' names and emails. Whoever may
   * view the space may see who else is in it (as in any team), though listing all users stays the account admin's.
   */
  void list(Context ctx) {
    Principal caller = RequestAuth.principal(ctx);
    var page = V2Requests.page(ctx);
    Page<Membership> found = memberships.list(caller, spaceId(ctx, caller), null, page);
    ctx.json(new IdentityJson.SpaceMemberList(found.items().stream()
        .map(m -> new SpaceMemberJson(SpaceMembershipJson.of(m), user(m.userId()), m.createdAt(), m.updatedAt()))
        .toList(), Pagination.of(found)));
  }

  void remove(Context ctx) {
    Principal caller = RequestAuth.principal(ctx);
    memberships.remove(caller, spaceId(ctx, caller), ApiIds.decode(IdentityJson.USER, ctx.pathParam("user_id")));
    ctx.status(204);
  }

  private String spaceId(Context ctx, Principal caller) {
    return spaces.get(caller.scope(SpaceRole.VIEWER), ApiIds.decode(SpaceController.TYPE, ctx.pathParam("space_id")))
        .id();
  }

  /**
   * A member's user, read with the service's own authority: the caller's right to see it is its view of the space,
   * checked above. Null when the user is gone (deleted between the two reads).
   */
  private UserJson user(String userId) {
    try {
      User u = users.get(Principal.local(), userId);
      return UserJson.of(u);
    } catch (NotFoundException gone) {
      return null;
    }
  }
}
