package dev.assay.server.auth;

import dev.assay.auth.Principal;
import io.javalin.http.Context;

/**
 * The caller of a request, as the access check resolved it before the handler ran. Handlers of account
 * resources (users, keys, memberships) pass it to the services, which decide what the caller may see or change.
 */
public final class Callers {
  /** The request attribute under which the access check leaves the {@link Principal}. */
  public static final String ATTRIBUTE = "assay.principal";

  private Callers() {}

  /** The request's principal as the access check resolved it ({@link Principal#local()} in local mode). */
  public static Principal principal(Context ctx) {
    return RequestAuth.principal(ctx);
  }
}
