package dev.assay.server.v2;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Resource ids as the API shows them: standard base64 of {@code <Type>:<store id>}, e.g. {@code Project:0190…}
 * becomes {@code UHJvamVjdDowMTkw…}. AX (and Phoenix) ids have this form, and {@code @arizeai/ax-client}
 * relies on it: its wrappers pass a value that decodes to text with a colon straight through as an id and
 * look anything else up as a name. Store ids are UUIDs, whose characters never encode to {@code +} or
 * {@code /}, so these ids are safe in paths.
 */
public final class ApiIds {
  private ApiIds() {}

  /** The API id of the store id {@code id} of a resource of {@code type} ({@code Space}, {@code Project}, …). */
  public static String encode(String type, String id) {
    return Base64.getEncoder().encodeToString((type + ":" + id).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The store id inside {@code value} when it is an API id of {@code type}; otherwise {@code value} itself,
   * which callers then treat as a raw store id or a name. Null stays null.
   */
  public static String decode(String type, String value) {
    if (value == null) {
      return null;
    }
    String prefix = type + ":";
    try {
      String text = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
      return text.startsWith(prefix) && text.length() > prefix.length() ? text.substring(prefix.length()) : value;
    } catch (IllegalArgumentException notBase64) {
      return value;
    }
  }
}
