package dev.assay.shared;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque keyset cursors: the sort key of the last row of a page, base64url-encoded. A cursor that
 * does not decode is the caller's error, reported as {@link InvalidInputException}.
 */
public final class Cursors {
  private static final char SEPARATOR = '\u001f';

  private Cursors() {}

  public static String encode(String... keyParts) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(String.join(String.valueOf(SEPARATOR), keyParts).getBytes(StandardCharsets.UTF_8));
  }

  public static String[] decode(String cursor, int expectedParts) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = raw.split(String.valueOf(SEPARATOR), -1);
      if (parts.length != expectedParts) {
        throw new IllegalArgumentException("wrong number of parts");
      }
      return parts;
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("invalid pagination cursor");
    }
  }
}
