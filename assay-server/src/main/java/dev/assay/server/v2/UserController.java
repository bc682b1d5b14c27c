package dev.assay.server.v2;

import static dev.assay.server.v2.V2Requests.query;

import dev.assay.auth.CreatedUser;
import dev.assay.auth.Principal;
import dev.assay.auth.User;
import dev.assay.auth.UserService;
import dev.assay.server.auth.AuthJson.UserJson;
import dev.assay.server.auth.RequestAuth;
import dev.assay.server.v2.IdentityJson.CreatedUserJson;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Page;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code /v2/users}, as AX defines it (operations {@code list_users}, {@code create_user}, {@code get_user},
 * {@code update_user}, {@code delete_user}, {@code reset_user_password}). Assay sends no mail: a temporary password
 * comes back in the response (once), and {@code reset-password} answers it too, where AX answers 204.
 */
final class UserController {
  private static final Set<String> STATUSES = Set.of("ACTIVE", "INVITED", "EXPIRED");

  private final UserService users;

  UserController(UserService users) {
    if (users == null) {
      throw new NullPointerException("users is required");
    }
    this.users = users;
  }

  /** {@code GET /v2/users?email=&status=&limit=&cursor=}: every Assay user is ACTIVE (no invitations). */
  void list(Context ctx) {
    List<String> statuses = ctx.queryParams("status").stream().filter(s -> !s.isBlank())
        .map(s -> s.strip().toUpperCase(Locale.ROOT)).toList();
    for (String status : statuses) {
      if (!STATUSES.contains(status)) {
        throw new InvalidInputException("status '" + status + "' is invalid: use ACTIVE, INVITED or EXPIRED");
      }
    }
    var page = V2Requests.page(ctx);
    if (!statuses.isEmpty() && !statuses.contains("ACTIVE")) {
      ctx.json(new IdentityJson.UserList(List.of(), new Pagination(null, false)));
      return;
    }
    Page<User> found = users.list(RequestAuth.principal(ctx), query(ctx, "email"), page);
    ctx.json(new IdentityJson.UserList(found.items().stream().map(UserJson::of).toList(), Pagination.of(found)));
  }

  /** {@code POST /v2/users}: AX's {@code CreateUserRequest} (+ Assay's {@code password}). */
  void create(Context ctx) {
    IdentityRequests.CreateUser request = IdentityRequests.createUser(TaskController.body(ctx));
    CreatedUser created = users.create(RequestAuth.principal(ctx), request.user());
    // A password the caller chose is not echoed; one the server made up is shown this once.
    String temporary = request.user().password() == null ? created.temporaryPassword() : null;
    ctx.status(201).json(new CreatedUserJson(UserJson.of(created.user()), request.inviteMode(), temporary));
  }

  void get(Context ctx) {
    ctx.json(UserJson.of(users.get(RequestAuth.principal(ctx), userId(ctx))));
  }

  /** {@code PATCH /v2/users/{user_id}}: AX's {@code UpdateUserRequest} (+ Assay's account {@code role}). */
  void update(Context ctx) {
    IdentityRequests.UpdateUser request = IdentityRequests.updateUser(TaskController.body(ctx));
    Principal caller = RequestAuth.principal(ctx);
    User user = request.name() == null && request.role() == null
        ? users.get(caller, userId(ctx)) // is_developer true alone: already so
        : users.update(caller, userId(ctx), request.name(), request.role());
    ctx.json(UserJson.of(user));
  }

  void delete(Context ctx) {
    users.delete(RequestAuth.principal(ctx), userId(ctx));
    ctx.status(204);
  }

  /** {@code POST /v2/users/{user_id}/reset-password}: a new temporary password, to hand to the user. */
  void resetPassword(Context ctx) {
    String password = users.resetPassword(RequestAuth.principal(ctx), userId(ctx));
    ctx.json(new IdentityJson.ResetPasswordJson(password));
  }

  static String userId(Context ctx) {
    return ApiIds.decode(IdentityJson.USER, ctx.pathParam("user_id"));
  }
}
