package dev.assay.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.shared.InvalidInputException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher();

  @Test
  void hash_isAnArgon2idPhcStringWithTheContractParameters_andVerifies() {
    String phc = hasher.hash("correct horse battery staple");

    assertTrue(phc.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), phc);
    assertFalse(phc.contains("correct horse"));
    assertTrue(hasher.verify("correct horse battery staple", phc));
  }

  @Test
  void samePassword_getsADifferentSaltEachTime() {
    String a = hasher.hash("the same password");
    String b = hasher.hash("the same password");

    assertNotEquals(a, b);
    assertTrue(hasher.verify("the same password", a));
    assertTrue(hasher.verify("the same password", b));
  }

  @Test
  void verify_refusesAWrongPassword() {
    String phc = hasher.hash("correct horse battery staple");

    assertFalse(hasher.verify("correct horse battery stapl", phc));
    assertFalse(hasher.verify("Correct horse battery staple", phc));
    assertFalse(hasher.verify("", phc));
    assertFalse(hasher.verify(null, phc));
  }

  @Test
  void verify_refusesATamperedHash() {
    String phc = hasher.hash("correct horse battery staple");
    String[] parts = phc.split("\\$");
    byte[] hash = Base64.getDecoder().decode(parts[5]);
    hash[0] ^= 1;
    String flipped = "$" + parts[1] + "$" + parts[2] + "$" + parts[3] + "$" + parts[4] + "$"
        + Base64.getEncoder().withoutPadding().encodeToString(hash);
    String cheaper = phc.replace("t=2", "t=1");
    String otherSalt = "$" + parts[1] + "$" + parts[2] + "$" + parts[3] + "$"
        + Base64.getEncoder().withoutPadding().encodeToString(new byte[16]) + "$" + parts[5];

    assertFalse(hasher.verify("correct horse battery staple", flipped));
    assertFalse(hasher.verify("correct horse battery staple", cheaper));
    assertFalse(hasher.verify("correct horse battery staple", otherSalt));
    assertFalse(hasher.verify("correct horse battery staple", phc.replace("argon2id", "argon2i")));
    assertFalse(hasher.verify("correct horse battery staple", "not a hash"));
    assertFalse(hasher.verify("correct horse battery staple", null));
  }

  @Test
  void verify_refusesParametersThatWouldExhaustMemory() {
    String phc = hasher.hash("correct horse battery staple").replace("m=19456", "m=4000000");

    assertFalse(hasher.verify("correct horse battery staple", phc));
  }

  @Test
  void requireAcceptable_enforcesTheLengthRule() {
    PasswordHasher.requireAcceptable("x".repeat(12));
    PasswordHasher.requireAcceptable("x".repeat(256));

    assertThrows(InvalidInputException.class, () -> PasswordHasher.requireAcceptable("x".repeat(11)));
    assertThrows(InvalidInputException.class, () -> PasswordHasher.requireAcceptable("x".repeat(257)));
    assertThrows(InvalidInputException.class, () -> PasswordHasher.requireAcceptable(null));
  }
}
