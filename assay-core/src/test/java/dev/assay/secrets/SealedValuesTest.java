package dev.assay.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SealedValuesTest {
  private static byte[] key(int seed) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) seed);
    return k;
  }

  private final SealedValues one = new SealedValues(SecretBox.of(key(1), null));

  @Test
  void sealedValues_roundTrip_andPlaintextPassesThrough() {
    String sealed = one.seal("Bearer sk-123");
    assertTrue(sealed.startsWith(SealedValues.PREFIX), sealed);
    assertFalse(sealed.contains("sk-123"));
    assertEquals("Bearer sk-123", one.open(sealed));
    assertEquals("plain", one.open("plain"));
    assertEquals(sealed, one.seal(sealed), "sealing twice keeps the value");
    assertEquals(Map.of("A", "x", "B", "y"), one.openAll(one.sealAll(Map.of("A", "x", "B", "y"))));
  }

  @Test
  void aUsersValueThatOnlyLooksSealed_isSealedLikeAnyOther() {
    String odd = SealedValues.PREFIX + "not-ours";
    String sealed = one.seal(odd);
    assertNotEquals(odd, sealed);
    assertEquals(odd, one.open(sealed));
  }

  @Test
  void resealed_movesOldKeyValuesToTheCurrentKey_andLeavesCurrentOnesAlone() {
    String old = one.seal("secret");
    SealedValues rotated = new SealedValues(SecretBox.of(key(2), key(1)));
    assertNull(rotated.resealed(rotated.seal("new")), "already sealed with the current key");
    String again = rotated.resealed(old);
    assertEquals("secret", new SealedValues(SecretBox.of(key(2), null)).open(again));
    assertThrows(SecretBox.SecretException.class, () -> one.open(again), "the old key no longer opens it");
    assertEquals("plain", new SealedValues(SecretBox.of(key(2), null)).open(rotated.resealed("plain")));
  }
}
