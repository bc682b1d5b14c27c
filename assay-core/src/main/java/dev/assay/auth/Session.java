package dev.assay.auth;

import java.time.Instant;

/**
 * A signed-in browser session. The session token lives only in an HttpOnly cookie; {@code csrfToken} is given
 * to the page (login response, {@code GET /auth/me}) and must come back as {@code X-CSRF-Token} on every
 * cookie-authenticated request that changes something.
 */
public record Session(Principal principal, String csrfToken, Instant expiresAt) {
  @Override
  public String toString() {
    return "Session[principal=" + principal + ", csrfToken=***, expiresAt=" + expiresAt + "]";
  }
}
