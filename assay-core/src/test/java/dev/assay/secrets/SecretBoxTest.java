package dev.assay.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.config.AssayConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
  private static final byte[] PLAIN = "{\"api_key\":\"sk-secret\"}".getBytes(StandardCharsets.UTF_8);

  private static byte[] key(int seed) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) seed);
    return k;
  }

  @Test
  void roundTrip_withAFreshNonceEachTime() {
    SecretBox box = SecretBox.of(key(1), null);
    byte[] a = box.seal(PLAIN);
    byte[] b = box.seal(PLAIN);

    assertArrayEquals(PLAIN, box.open(a));
    assertArrayEquals(PLAIN, box.open(b));
    assertFalse(Arrays.equals(a, b), "a random nonce per seal");
    assertEquals(1, a[0], "version byte");
    assertEquals(2 + 12 + PLAIN.length + 16, a.length);
    assertFalse(new String(a, StandardCharsets.ISO_8859_1).contains("sk-secret"));
  }

  @Test
  void tampering_isDetected() {
    SecretBox box = SecretBox.of(key(1), null);
    byte[] sealed = box.seal(PLAIN);
    for (int i : new int[] {1, 5, 20, sealed.length - 1}) {
      byte[] bad = sealed.clone();
      bad[i] ^= 0x01;
      assertThrows(SecretBox.SecretException.class, () -> box.open(bad), "byte " + i);
    }
    assertThrows(SecretBox.SecretException.class, () -> box.open(Arrays.copyOf(sealed, 10)));
    byte[] version = sealed.clone();
    version[0] = 9;
    assertThrows(SecretBox.SecretException.class, () -> box.open(version));
  }

  @Test
  void rotation_opensOldData_sealsWithTheNewKey() {
    byte[] sealedOld = SecretBox.of(key(1), null).seal(PLAIN);
    SecretBox rotated = SecretBox.of(key(2), key(1));

    assertArrayEquals(PLAIN, rotated.open(sealedOld));
    byte[] sealedNew = rotated.seal(PLAIN);
    assertArrayEquals(PLAIN, SecretBox.of(key(2), null).open(sealedNew));
    SecretBox.SecretException e = assertThrows(SecretBox.SecretException.class,
        () -> SecretBox.of(key(1), null).open(sealedNew));
    assertFalse(e.getMessage().contains("sk-"));
    assertThrows(SecretBox.SecretException.class, () -> SecretBox.of(key(3), null).open(sealedOld));
  }

  @Test
  void keyFile_isCreatedOwnerOnly_andReused(@TempDir Path dir) throws Exception {
    AssayConfig config = AssayConfig.defaults(dir);
    SecretBox first = SecretBox.fromConfig(config);
    Path file = dir.resolve("secret.key");

    assertTrue(Files.exists(file));
    assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(file));
    assertEquals(32, Base64.getDecoder().decode(Files.readString(file).strip()).length);
    assertArrayEquals(PLAIN, SecretBox.fromConfig(config).open(first.seal(PLAIN)), "the second start reads the same key");
    assertFalse(first.toString().contains(Files.readString(file).strip()));
  }

  @Test
  void configuredSecret_base64OrPassphrase_andPrevious(@TempDir Path dir) {
    String b64 = Base64.getEncoder().encodeToString(key(4));
    SecretBox fromBase64 = SecretBox.fromConfig(AssayConfig.defaults(dir).withSecrets(b64, null));
    assertArrayEquals(PLAIN, SecretBox.of(key(4), null).open(fromBase64.seal(PLAIN)));
    assertFalse(Files.exists(dir.resolve("secret.key")), "no key file when ASSAY_SECRET is set");

    SecretBox passphrase = SecretBox.fromConfig(AssayConfig.defaults(dir).withSecrets("correct horse battery", null));
    byte[] sealed = passphrase.seal(PLAIN);
    assertArrayEquals(PLAIN, SecretBox.fromConfig(AssayConfig.defaults(dir).withSecrets("correct horse battery", null))
        .open(sealed));
    assertThrows(SecretBox.SecretException.class,
        () -> SecretBox.fromConfig(AssayConfig.defaults(dir).withSecrets("another phrase", null)).open(sealed));
    assertArrayEquals(PLAIN, SecretBox.fromConfig(AssayConfig.defaults(dir).withSecrets(b64, "correct horse battery"))
        .open(sealed));
    assertNotEquals(-1, AssayConfig.defaults(dir).withSecrets(b64, "x").toString().indexOf("********"));
    assertFalse(AssayConfig.defaults(dir).withSecrets(b64, "x").toString().contains(b64));
  }
}
