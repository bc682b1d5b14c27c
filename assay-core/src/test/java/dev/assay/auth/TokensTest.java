package dev.assay.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokensTest {

  @Test
  void apiKeys_areAkPlus43Base64UrlCharacters_andRedactToSixAndFour() {
    String key = Tokens.newApiKey();

    assertTrue(key.matches("ak-[A-Za-z0-9_-]{43}"), key);
    assertNotEquals(key, Tokens.newApiKey());
    assertEquals(key.substring(0, 6) + "…" + key.substring(key.length() - 4), Tokens.redact(key));
  }

  @Test
  void sha256_isLowerCaseHex() {
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Tokens.sha256("abc"));
  }

  @Test
  void csrfToken_dependsOnTheSessionToken_andRevealsNothingOfIt() {
    String session = Tokens.newToken();

    assertEquals(Tokens.csrfToken(session), Tokens.csrfToken(session));
    assertNotEquals(Tokens.csrfToken(session), Tokens.csrfToken(Tokens.newToken()));
    assertFalse(Tokens.csrfToken(session).contains(session));
    assertNotEquals(Tokens.sha256(session), Tokens.csrfToken(session));
  }
}
