package dev.assay.server.auth;

import io.javalin.http.Context;
import io.javalin.http.Header;
import java.time.Duration;
import java.time.Instant;

/**
 * The browser session cookie: {@code assay_session}, HttpOnly, SameSite=Strict, Path=/, and Secure when the request
 * came over https (directly or through a proxy that says so in {@code X-Forwarded-Proto}).
 */
final class SessionCookie {
  static final String NAME = "assay_session";

  private SessionCookie() {}

  /** Sets the cookie to {@code token} until {@code expiresAt}. */
  static void set(Context ctx, String token, Instant expiresAt, Instant now) {
    long maxAge = Math.max(0, Duration.between(now, expiresAt).toSeconds());
    ctx.header(Header.SET_COOKIE, value(ctx, token, maxAge));
  }

  /** Replaces the cookie with an expired, empty one. */
  static void clear(Context ctx) {
    ctx.header(Header.SET_COOKIE, value(ctx, "", 0));
  }

  private static String value(Context ctx, String token, long maxAge) {
    StringBuilder cookie = new StringBuilder(NAME).append('=').append(token)
        .append("; Path=/; Max-Age=").append(maxAge).append("; HttpOnly; SameSite=Strict");
    if (secure(ctx)) {
      cookie.append("; Secure");
    }
    return cookie.toString();
  }

  private static boolean secure(Context ctx) {
    return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
  }
}
