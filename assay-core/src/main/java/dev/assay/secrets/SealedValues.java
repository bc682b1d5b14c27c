package dev.assay.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Secrets kept inside stored JSON (HTTP evaluator and experiment HTTP task header values): each value is stored as
 * {@code sealed:v1:<base64 of SecretBox.seal(utf-8)>} and opened only where the request is made. A value without
 * the prefix is plaintext: a row written before sealing (the start-up pass seals those) or a spec that never was
 * stored (a local {@code assay eval} file, a one-off try); it passes through {@link #open} unchanged.
 */
public final class SealedValues {
  public static final String PREFIX = "sealed:v1:";

  private final SecretBox box;

  public SealedValues(SecretBox box) {
    this.box = Objects.requireNonNull(box, "box");
  }

  public SecretBox box() {
    return box;
  }

  public static boolean looksSealed(String value) {
    return value != null && value.startsWith(PREFIX);
  }

  /** The value sealed; one this box already sealed is kept as is, so sealing twice is harmless. */
  public String seal(String value) {
    if (value == null || opens(value)) {
      return value;
    }
    return PREFIX + Base64.getEncoder().encodeToString(box.seal(value.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The plaintext of a sealed value; a plaintext value as is.
   *
   * @throws SecretBox.SecretException when the value is sealed with a key this box does not hold, or damaged
   */
  public String open(String value) {
    if (!looksSealed(value)) {
      return value;
    }
    byte[] sealed;
    try {
      sealed = Base64.getDecoder().decode(value.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new SecretBox.SecretException("a stored header value is damaged (not base64)");
    }
    return new String(box.open(sealed), StandardCharsets.UTF_8);
  }

  /**
   * The value sealed with the current key: plaintext gets sealed, a value sealed with the previous key is sealed
   * again; null when it already is sealed with the current key.
   */
  public String resealed(String value) {
    if (!looksSealed(value)) {
      return value == null ? null : seal(value);
    }
    byte[] again = box.resealed(Base64.getDecoder().decode(value.substring(PREFIX.length())));
    return again == null ? null : PREFIX + Base64.getEncoder().encodeToString(again);
  }

  public Map<String, String> sealAll(Map<String, String> values) {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, seal(v)));
    return out;
  }

  public Map<String, String> openAll(Map<String, String> values) {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, open(v)));
    return out;
  }

  private boolean opens(String value) {
    if (!looksSealed(value)) {
      return false;
    }
    try {
      open(value);
      return true;
    } catch (SecretBox.SecretException | IllegalArgumentException notOurs) {
      // a user's value that merely starts with the prefix: seal it like any other
      return false;
    }
  }
}
