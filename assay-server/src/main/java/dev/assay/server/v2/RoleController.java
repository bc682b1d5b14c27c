package dev.assay.server.v2;

import static dev.assay.server.v2.V2Requests.query;

import dev.assay.auth.Membership;
import dev.assay.auth.MembershipService;
import dev.assay.auth.Principal;
import dev.assay.auth.SpaceRole;
import dev.assay.server.auth.RequestAuth;
import dev.assay.server.v2.IdentityJson.RoleBindingJson;
import dev.assay.server.v2.IdentityJson.RoleJson;
import dev.assay.shared.ConflictException;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.spaces.SpaceService;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code /v2/roles} and {@code /v2/role-bindings}, as AX defines them ({@code list_roles}, {@code get_role},
 * {@code list_role_bindings}, {@code create_role_binding}, {@code get_role_binding}, {@code update_role_binding},
 * {@code delete_role_binding}). The roles are the three predefined space roles ({@link PredefinedRoles}); a role
 * binding is a space membership, one per user and space, with an id made of both.
 */
final class RoleController {
  private final MembershipService memberships;
  private final SpaceService spaces;

  RoleController(MembershipService memberships, SpaceService spaces) {
    if (memberships == null || spaces == null) {
      throw new NullPointerException("memberships and spaces are required");
    }
    this.memberships = memberships;
    this.spaces = spaces;
  }

  /** {@code GET /v2/roles?is_predefined=&limit=&cursor=}: the cursor is the position of the next role. */
  void listRoles(Context ctx) {
    String predefined = query(ctx, "is_predefined");
    if (predefined != null && !predefined.equals("true") && !predefined.equals("false")) {
      throw new InvalidInputException("is_predefined must be true or false, got '" + predefined + "'");
    }
    PageRequest page = V2Requests.page(ctx);
    List<RoleJson> all = "false".equals(predefined) ? List.of() : PredefinedRoles.all();
    int from = 0;
    if (page.cursor() != null) {
      try {
        from = Integer.parseInt(page.cursor());
      } catch (NumberFormatException e) {
        from = -1;
      }
      if (from < 0 || from > all.size()) {
        throw new InvalidInputException("cursor is not one this server gave: " + page.cursor());
      }
    }
    int to = Math.min(all.size(), from + page.limit());
    String next = to < all.size() ? String.valueOf(to) : null;
    ctx.json(new IdentityJson.RoleList(all.subList(from, to), new Pagination(next, next != null)));
  }

  void getRole(Context ctx) {
    ctx.json(PredefinedRoles.json(PredefinedRoles.get(ctx.pathParam("role_id"))));
  }

  /** {@code GET /v2/role-bindings?resource_type=&user_id=}: bindings in the spaces the caller can see. */
  void listBindings(Context ctx) {
    String type = query(ctx, "resource_type");
    PageRequest page = V2Requests.page(ctx);
    if ("PROJECT".equalsIgnoreCase(type)) {
      ctx.json(new IdentityJson.RoleBindingList(List.of(), new Pagination(null, false))); // none exist
      return;
    }
    if (type != null) {
      IdentityRequests.resourceType(type);
    }
    Page<Membership> found = memberships.list(RequestAuth.principal(ctx), null,
        ApiIds.decode(IdentityJson.USER, query(ctx, "user_id")), page);
    ctx.json(new IdentityJson.RoleBindingList(found.items().stream().map(RoleBindingJson::of).toList(),
        Pagination.of(found)));
  }

  /** {@code POST /v2/role-bindings}: AX's {@code CreateRoleBindingRequest}; 409 when the user is already bound. */
  void createBinding(Context ctx) {
    IdentityRequests.Binding request = IdentityRequests.createBinding(TaskController.body(ctx));
    Principal caller = RequestAuth.principal(ctx);
    String spaceId = spaces.get(caller.scope(SpaceRole.VIEWER), request.spaceRef()).id();
    if (find(caller, spaceId, request.userId()) != null) {
      throw new ConflictException("the user already has a role in this space: change it with"
          + " PATCH /v2/role-bindings/{binding_id}");
    }
    Membership created = memberships.put(caller, spaceId, request.userId(), request.role());
    ctx.status(201).json(RoleBindingJson.of(created));
  }

  void getBinding(Context ctx) {
    String[] ids = bindingIds(ctx);
    ctx.json(RoleBindingJson.of(memberships.get(RequestAuth.principal(ctx), ids[0], ids[1])));
  }

  /** {@code PATCH /v2/role-bindings/{binding_id}}: AX's {@code UpdateRoleBindingRequest} (only the role changes). */
  void updateBinding(Context ctx) {
    SpaceRole role = IdentityRequests.updateBinding(TaskController.body(ctx));
    String[] ids = bindingIds(ctx);
    Principal caller = RequestAuth.principal(ctx);
    memberships.get(caller, ids[0], ids[1]); // a PATCH never creates one: 404 when it is not there
    ctx.json(RoleBindingJson.of(memberships.put(caller, ids[0], ids[1], role)));
  }

  void deleteBinding(Context ctx) {
    String[] ids = bindingIds(ctx);
    memberships.remove(RequestAuth.principal(ctx), ids[0], ids[1]);
    ctx.status(204);
  }

  private Membership find(Principal caller, String spaceId, String userId) {
    try {
      return memberships.get(caller, spaceId, userId);
    } catch (NotFoundException absent) {
      return null;
    }
  }

  /** The space id and user id inside a binding id; 404 for anything that is not one. */
  private static String[] bindingIds(Context ctx) {
    String raw = ctx.pathParam("binding_id");
    String decoded = ApiIds.decode(IdentityJson.ROLE_BINDING, raw);
    int colon = decoded.indexOf(':');
    if (decoded.equals(raw) || colon <= 0 || colon == decoded.length() - 1) {
      throw new NotFoundException("role binding " + raw + " not found");
    }
    return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
  }
}
