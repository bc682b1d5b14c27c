package dev.assay.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The high-entropy secrets of authentication: API keys ({@code ak-} + 32 random bytes), session and setup tokens
 * (32 random bytes), temporary passwords. They are stored only as SHA-256 hex: with 256 random bits a fast hash is
 * enough (no guessing to slow down, unlike passwords) and lets the store find a key by its hash.
 */
public final class Tokens {
  public static final String API_KEY_PREFIX = "ak-";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private Tokens() {}

  /** A new API key secret: {@code ak-} + base64url(32 random bytes). */
  public static String newApiKey() {
    return API_KEY_PREFIX + random(32);
  }

  /** A new session or setup token: base64url(32 random bytes). */
  public static String newToken() {
    return random(32);
  }

  /** A temporary password: 24 base64url characters (144 random bits). */
  public static String newPassword() {
    return random(18);
  }

  /** The display form of a key: its first 6 characters, "…", its last 4. */
  public static String redact(String key) {
    return key.substring(0, 6) + "…" + key.substring(key.length() - 4);
  }

  /** Lower-case hex SHA-256 of the UTF-8 text. */
  public static String sha256(String secret) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * The CSRF token of a session: HMAC-SHA256 of a fixed label keyed by the session token. Deriving it (rather than
   * storing it) means nothing but hashes is stored, and only a holder of the session cookie can compute it.
   */
  public static String csrfToken(String sessionToken) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(sessionToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return B64URL.encodeToString(mac.doFinal("assay-csrf-v1".getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  /** Compares two secrets in time independent of where they differ; false when either is null. */
  public static boolean same(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static String random(int bytes) {
    byte[] buffer = new byte[bytes];
    RANDOM.nextBytes(buffer);
    return B64URL.encodeToString(buffer);
  }
}
