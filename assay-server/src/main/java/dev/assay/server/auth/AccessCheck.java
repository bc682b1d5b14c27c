package dev.assay.server.auth;

import dev.assay.auth.Authenticator;
import dev.assay.auth.Principal;
import dev.assay.auth.Session;
import dev.assay.shared.ForbiddenException;
import dev.assay.shared.UnauthenticatedException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The one gate every matched request passes ({@code beforeMatched}): reads the route's {@link Access}, resolves the
 * caller and refuses what its role does not allow, before any handler runs. Routes without an Access are refused
 * for everyone, in local mode too, so a forgotten declaration shows up in the first test that calls the route.
 *
 * <p>Credentials, in order: {@code Authorization: Bearer <api key>} (or AX's OTLP {@code api_key} header), then
 * the {@code assay_session} cookie, which needs {@code X-CSRF-Token} on every request that is not GET or HEAD.
 */
public final class AccessCheck {
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private final boolean authEnabled;
  private final Authenticator authenticator;

  /** @param authenticator required when {@code authEnabled}; ignored (may be null) in local mode */
  public AccessCheck(boolean authEnabled, Authenticator authenticator) {
    if (authEnabled && authenticator == null) {
      throw new NullPointerException("an authenticator is required when authentication is on");
    }
    this.authEnabled = authEnabled;
    this.authenticator = authenticator;
  }

  /** The {@code beforeMatched} handler. */
  public void handle(Context ctx) {
    Access access = access(ctx);
    if (access == Access.PUBLIC) {
      RequestAuth.set(ctx, new RequestAuth.Resolved(authEnabled ? null : Principal.local(),
          authEnabled ? null : RequestAuth.Via.LOCAL, access, null, null));
      return;
    }
    RequestAuth.Resolved resolved = authEnabled ? authenticate(ctx, access)
        : new RequestAuth.Resolved(Principal.local(), RequestAuth.Via.LOCAL, access, null, null);
    RequestAuth.set(ctx, resolved);
    Principal principal = resolved.principal();
    if (principal.user() != null && principal.user().mustChangePassword() && !ctx.path().startsWith("/auth/")) {
      throw new ForbiddenException("change your password first (POST /auth/password)");
    }
    authorize(principal, access);
  }

  /**
   * The route's Access. A HEAD request of a GET route carries no roles (Javalin answers it without the handler and
   * without a body), so it needs a signed-in caller and nothing more; any other route without one is refused.
   */
  private static Access access(Context ctx) {
    for (RouteRole role : ctx.routeRoles()) {
      if (role instanceof Access access) {
        return access;
      }
    }
    if (HandlerType.HEAD.equals(ctx.method())) {
      return Access.AUTHENTICATED;
    }
    throw new ForbiddenException("the route " + ctx.method() + " " + ctx.path() + " declares no access rule; refused");
  }

  private static void authorize(Principal principal, Access access) {
    switch (access) {
      case PUBLIC, AUTHENTICATED -> { }
      case ACCOUNT_ADMIN -> {
        if (!principal.isAccountAdmin()) {
          throw new ForbiddenException("this needs an account administrator");
        }
      }
      case VIEWER, MEMBER, ADMIN -> {
        if (!principal.hasAnySpace(access.spaceRole())) {
          throw new ForbiddenException("this needs the " + access.spaceRole().axName() + " role in a space");
        }
      }
    }
  }

  private RequestAuth.Resolved authenticate(Context ctx, Access access) {
    String key = Credentials.apiKey(ctx::header);
    if (key != null) {
      return new RequestAuth.Resolved(authenticator.apiKey(key), RequestAuth.Via.API_KEY, access, null, null);
    }
    String token = ctx.cookie(SessionCookie.NAME);
    if (token != null && !token.isBlank()) {
      Session session = authenticator.session(token);
      if (!HandlerType.GET.equals(ctx.method()) && !HandlerType.HEAD.equals(ctx.method())
          && !sameToken(session.csrfToken(), ctx.header(CSRF_HEADER))) {
        throw new ForbiddenException("missing or wrong " + CSRF_HEADER + " header for a signed-in browser request");
      }
      return new RequestAuth.Resolved(session.principal(), RequestAuth.Via.SESSION, access, token, session.csrfToken());
    }
    throw new UnauthenticatedException("authentication required: send 'Authorization: Bearer <api key>' or sign in");
  }

  /** Constant-time comparison, so the CSRF token cannot be guessed byte by byte from response times. */
  static boolean sameToken(String expected, String given) {
    if (expected == null || given == null) {
      return false;
    }
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
