package dev.assay.server.auth;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import dev.assay.auth.AccessScope;
import dev.assay.auth.AuthService;
import dev.assay.auth.Authenticator;
import dev.assay.auth.CreatedApiKey;
import dev.assay.auth.Principal;
import dev.assay.auth.SpaceRole;
import dev.assay.server.v2.ApiIds;
import dev.assay.shared.ConflictException;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.spaces.Space;
import dev.assay.spaces.SpaceService;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code /auth}: the browser's sign-in (login, logout, first-admin setup, password change), who the caller is
 * ({@code /auth/me}) and the CLI's key exchange ({@code /auth/cli-token}). Not part of /v2 nor its OpenAPI document.
 * With authentication off there is nobody to sign in: status and me answer, the rest is a 409.
 */
public final class AuthController {
  private static final String SPACE_TYPE = "Space";

  private final boolean authEnabled;
  private final AuthService auth;
  private final SpaceService spaces;
  private final AuditRecorder.Sink audit;
  private final Clock clock;

  /** @param auth required when {@code authEnabled} */
  public AuthController(boolean authEnabled, AuthService auth, SpaceService spaces, AuditRecorder.Sink audit,
      Clock clock) {
    if (spaces == null || audit == null || clock == null || (authEnabled && auth == null)) {
      throw new NullPointerException("spaces, audit, clock and (with authentication on) auth are required");
    }
    this.audit = audit;
    this.authEnabled = authEnabled;
    this.auth = auth;
    this.spaces = spaces;
    this.clock = clock;
  }

  /** Adds the /auth routes; called inside the app's {@code apiBuilder}. */
  public void routes() {
    path("/auth", () -> {
      get("/status", this::status, Access.PUBLIC);
      post("/login", this::login, Access.PUBLIC);
      post("/logout", this::logout, Access.AUTHENTICATED);
      get("/me", this::me, Access.AUTHENTICATED);
      // Setup and cli-token are audited by hand: the actor is known only once they succeed.
      post("/setup", this::setup, Access.PUBLIC);
      post("/password", this::password, Access.AUTHENTICATED, Audited.YES);
      post("/cli-token", this::cliToken, Access.PUBLIC);
    });
  }

  void status(Context ctx) {
    ctx.json(new AuthJson.Status(authEnabled, authEnabled && auth.setupRequired()));
  }

  void login(Context ctx) {
    requireAuth();
    AuthJson.LoginRequest request = ctx.bodyAsClass(AuthJson.LoginRequest.class);
    if (request == null || blank(request.email()) || request.password() == null) {
      throw new InvalidInputException("email and password are required");
    }
    signedIn(ctx, 200, auth.login(request.email().strip(), request.password(), ctx.ip()));
  }

  void logout(Context ctx) {
    RequestAuth.Resolved resolved = RequestAuth.resolved(ctx);
    if (resolved != null && resolved.sessionToken() != null) {
      auth.logout(resolved.sessionToken());
    }
    SessionCookie.clear(ctx);
    ctx.status(204);
  }

  void me(Context ctx) {
    RequestAuth.Resolved resolved = RequestAuth.resolved(ctx);
    Principal principal = resolved.principal();
    ctx.json(new AuthJson.Me(authEnabled, principal.user() == null ? null : AuthJson.UserJson.of(principal.user()),
        resolved.via().json(), principal.apiKeyId() == null ? null : ApiIds.encode(AuthJson.API_KEY_TYPE,
        principal.apiKeyId()), resolved.csrfToken(), spacesOf(principal)));
  }

  void setup(Context ctx) {
    requireAuth();
    AuthJson.SetupRequest request = ctx.bodyAsClass(AuthJson.SetupRequest.class);
    if (request == null || blank(request.setupToken()) || blank(request.email()) || request.password() == null) {
      throw new InvalidInputException("setup_token, email and password are required");
    }
    String name = blank(request.name()) ? request.email().strip() : request.name().strip();
    Authenticator.Login login = auth.setup(request.setupToken().strip(), request.email().strip(), name,
        request.password());
    audit.record(login.session().principal(), ctx.ip(), "POST /auth/setup", "created the first account admin "
        + login.session().principal().user().email());
    signedIn(ctx, 201, login);
  }

  void password(Context ctx) {
    requireAuth();
    AuthJson.PasswordRequest request = ctx.bodyAsClass(AuthJson.PasswordRequest.class);
    if (request == null || request.currentPassword() == null || request.newPassword() == null) {
      throw new InvalidInputException("current_password and new_password are required");
    }
    auth.changePassword(RequestAuth.principal(ctx), request.currentPassword(), request.newPassword());
    ctx.status(204);
  }

  void cliToken(Context ctx) {
    requireAuth();
    AuthJson.CliTokenRequest request = ctx.bodyAsClass(AuthJson.CliTokenRequest.class);
    if (request == null || blank(request.email()) || request.password() == null) {
      throw new InvalidInputException("email and password are required");
    }
    CreatedApiKey created = auth.cliToken(request.email().strip(), request.password(),
        blank(request.name()) ? null : request.name().strip(), ctx.ip());
    // The new key's own principal is the actor: the user who proved its password.
    audit.record(auth.apiKey(created.secret()), ctx.ip(), "POST /auth/cli-token", "created API key "
        + created.key().redacted() + " named '" + created.key().name() + "'");
    ctx.status(201).json(new AuthJson.CliToken(created.secret(), AuthJson.ApiKeyJson.of(created.key())));
  }

  private void signedIn(Context ctx, int status, Authenticator.Login login) {
    SessionCookie.set(ctx, login.sessionToken(), login.session().expiresAt(), clock.instant());
    var user = login.session().principal().user();
    ctx.status(status).json(new AuthJson.LoginJson(AuthJson.UserJson.of(user), login.session().csrfToken(),
        login.session().expiresAt(), user.mustChangePassword()));
  }

  /** The caller's spaces and roles: every space as ADMIN in local mode and for an account admin. */
  private List<AuthJson.SpaceRoleJson> spacesOf(Principal principal) {
    List<AuthJson.SpaceRoleJson> out = new ArrayList<>();
    if (principal.isAccountAdmin()) {
      PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
      while (true) {
        Page<Space> found = spaces.list(AccessScope.unrestricted(), null, page);
        found.items().forEach(s -> out.add(json(s, SpaceRole.ADMIN)));
        if (!found.hasMore()) {
          return out;
        }
        page = new PageRequest(found.nextCursor(), PageRequest.MAX_LIMIT);
      }
    }
    for (Map.Entry<String, SpaceRole> entry : principal.spaceRoles().entrySet()) {
      try {
        out.add(json(spaces.get(AccessScope.unrestricted(), entry.getKey()), entry.getValue()));
      } catch (NotFoundException deletedMeanwhile) {
        // a membership of a space deleted since the principal was resolved: nothing to show
      }
    }
    out.sort(Comparator.comparing(AuthJson.SpaceRoleJson::spaceName));
    return out;
  }

  private static AuthJson.SpaceRoleJson json(Space space, SpaceRole role) {
    return new AuthJson.SpaceRoleJson(ApiIds.encode(SPACE_TYPE, space.id()), space.name(), role.name());
  }

  private void requireAuth() {
    if (!authEnabled) {
      throw new ConflictException("authentication is off (local mode): there is nobody to sign in; start the server "
          + "with ASSAY_AUTH=on to use accounts");
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
