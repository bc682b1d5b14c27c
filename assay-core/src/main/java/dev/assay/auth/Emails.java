package dev.assay.auth;

import dev.assay.shared.InvalidInputException;
import java.util.Locale;

/** Email addresses as user names: stripped and lower-cased, so sign-in ignores case. */
public final class Emails {
  private static final int MAX_LENGTH = 320;

  private Emails() {}

  /** The normalised form of a valid address. */
  public static String require(String email) {
    String e = normalize(email);
    int at = e == null ? -1 : e.indexOf('@');
    if (e == null || e.isEmpty() || e.length() > MAX_LENGTH || at < 1 || at != e.lastIndexOf('@')
        || at == e.length() - 1 || e.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      throw new InvalidInputException("email must be an address such as ada@example.com");
    }
    return e;
  }

  /** Stripped and lower-cased; null stays null. */
  public static String normalize(String email) {
    return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
  }
}
