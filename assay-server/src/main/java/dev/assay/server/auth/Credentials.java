package dev.assay.server.auth;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The API key a request carries, from {@code Authorization: Bearer <key>} or, as AX's OTLP exporters send it, an
 * {@code api_key} header. Shared by HTTP and OTLP/gRPC (whose metadata is looked up the same way).
 */
public final class Credentials {
  public static final String AUTHORIZATION = "authorization";
  public static final String API_KEY = "api_key";
  private static final String BEARER = "bearer ";

  private Credentials() {}

  /**
   * The key, or null when neither header is there. An {@code Authorization} header of another scheme is treated as
   * absent, so a browser's own Basic credentials do not shadow its session cookie.
   *
   * @param header a header (or gRPC metadata) lookup by lower-case name
   */
  public static String apiKey(UnaryOperator<String> header) {
    String authorization = header.apply(AUTHORIZATION);
    if (authorization != null && authorization.length() > BEARER.length()
        && authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
      String key = authorization.substring(BEARER.length()).strip();
      if (!key.isEmpty()) {
        return key;
      }
    }
    String apiKey = header.apply(API_KEY);
    return apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
  }
}
