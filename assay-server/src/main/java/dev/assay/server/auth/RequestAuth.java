package dev.assay.server.auth;

import dev.assay.auth.AccessScope;
import dev.assay.auth.Principal;
import dev.assay.auth.SpaceRole;
import io.javalin.http.Context;

/**
 * What the access check learned about a request, kept on its {@link Context}: the caller, how it authenticated
 * and the route's {@link Access}. Handlers read the caller's scope here instead of trusting anything in the request.
 */
public final class RequestAuth {
  private static final String KEY = "assay.auth";

  /** How the caller proved who it is. */
  public enum Via {
    LOCAL("local"), API_KEY("api_key"), SESSION("session");

    private final String json;

    Via(String json) {
      this.json = json;
    }

    /** The name {@code GET /auth/me} shows. */
    public String json() {
      return json;
    }
  }

  /**
   * @param principal the caller ({@link Principal#local()} in local mode), null on a PUBLIC route without credentials
   * @param sessionToken the session cookie's token when {@code via} is SESSION (for logout), else null
   * @param csrfToken the session's CSRF token when {@code via} is SESSION, else null
   */
  public record Resolved(Principal principal, Via via, Access access, String sessionToken, String csrfToken) {}

  private RequestAuth() {}

  static void set(Context ctx, Resolved resolved) {
    ctx.attribute(KEY, resolved);
  }

  /** What the access check stored; null when it did not run (no route matched). */
  public static Resolved resolved(Context ctx) {
    return ctx.attribute(KEY);
  }

  /** The caller; the access check has made sure there is one on every route but PUBLIC ones. */
  public static Principal principal(Context ctx) {
    Resolved resolved = resolved(ctx);
    if (resolved == null || resolved.principal() == null) {
      throw new IllegalStateException("no authenticated caller on " + ctx.method() + " " + ctx.path());
    }
    return resolved.principal();
  }

  /**
   * The spaces this request may touch: those where the caller holds the route's role (VIEWER for AUTHENTICATED
   * and PUBLIC routes, ADMIN everywhere for an account admin and in local mode).
   */
  public static AccessScope scope(Context ctx) {
    Resolved resolved = resolved(ctx);
    if (resolved == null || resolved.principal() == null) {
      // Fail closed: a handler asking for a scope where no caller was resolved sees nothing.
      return AccessScope.spaces(java.util.Set.of());
    }
    SpaceRole min = resolved.access() == null || resolved.access().spaceRole() == null
        ? SpaceRole.VIEWER : resolved.access().spaceRole();
    return resolved.principal().scope(min);
  }
}
