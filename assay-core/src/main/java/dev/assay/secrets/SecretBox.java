package dev.assay.secrets;

import dev.assay.config.AssayConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals stored credentials with AES-256-GCM. Sealed layout: {@code version (1) | key id (1) | nonce (12) |
 * ciphertext + tag}. The key id (first byte of the key's SHA-256) lets a server that rotated its key still open
 * what the previous key sealed: {@link #open} tries the key the id names first, then the other one;
 * {@link #seal} always uses the current key. A fresh random nonce per seal keeps GCM safe.
 *
 * <p>Keys and plaintexts are never logged, and {@link #toString()} names no key.
 */
public final class SecretBox {
  static final String KEY_FILE = "secret.key";
  private static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int HEADER = 2 + NONCE_BYTES;
  // A fixed salt: the passphrase derives one server-wide key, and the salt only has to differ from other apps'.
  private static final byte[] PASSPHRASE_SALT = "assay.secret-box.v1".getBytes(StandardCharsets.UTF_8);
  private static final int PBKDF2_ITERATIONS = 210_000;

  private final List<Key> keys;
  private final SecureRandom random = new SecureRandom();

  private record Key(byte id, SecretKeySpec spec) {}

  private SecretBox(byte[] current, byte[] previous) {
    List<Key> list = new ArrayList<>();
    list.add(key(current));
    if (previous != null) {
      list.add(key(previous));
    }
    this.keys = List.copyOf(list);
  }

  /** A box over raw 32-byte keys; {@code previous} may be null. */
  public static SecretBox of(byte[] current, byte[] previous) {
    return new SecretBox(current, previous);
  }

  /**
   * The server's box: the key from {@code ASSAY_SECRET} (base64 of 32 bytes, or any other text as a passphrase),
   * else from {@code <working dir>/secret.key}, created with mode 0600 on first use; {@code ASSAY_SECRET_PREVIOUS}
   * adds the key before a rotation.
   */
  public static SecretBox fromConfig(AssayConfig config) {
    byte[] current = config.secret() != null ? deriveKey(config.secret()) : keyFile(config.workingDir().resolve(KEY_FILE));
    byte[] previous = config.secretPrevious() == null ? null : deriveKey(config.secretPrevious());
    return new SecretBox(current, previous);
  }

  /** A 32-byte key from configured text: base64 of exactly 32 bytes is taken as is, anything else is a passphrase. */
  static byte[] deriveKey(String text) {
    String trimmed = text.strip();
    try {
      byte[] raw = Base64.getDecoder().decode(trimmed);
      if (raw.length == 32) {
        return raw;
      }
    } catch (IllegalArgumentException notBase64) {
      // a passphrase
    }
    try {
      PBEKeySpec spec = new PBEKeySpec(trimmed.toCharArray(), PASSPHRASE_SALT, PBKDF2_ITERATIONS, 256);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JDK", e);
    }
  }

  /** Reads the key file, creating it (owner read/write only) with a random key when missing. */
  static byte[] keyFile(Path file) {
    try {
      if (!Files.exists(file)) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
          create(file, Base64.getEncoder().encodeToString(key));
          return key;
        } catch (FileAlreadyExistsException raced) {
          // another process created it first: read theirs
        }
      }
      byte[] key = Base64.getDecoder().decode(Files.readString(file).strip());
      if (key.length != 32) {
        throw new IllegalStateException("key file " + file + " does not hold base64 of 32 bytes; restore it from a backup");
      }
      return key;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read or create the key file " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("key file " + file + " is not base64; restore it from a backup", e);
    }
  }

  private static void create(Path file, String content) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (posix) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file);
    }
    Files.writeString(file, content + "\n");
  }

  public byte[] seal(byte[] plain) {
    Key key = keys.get(0);
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(new byte[] {VERSION, key.id()});
      byte[] body = cipher.doFinal(plain);
      byte[] out = new byte[HEADER + body.length];
      out[0] = VERSION;
      out[1] = key.id();
      System.arraycopy(nonce, 0, out, 2, NONCE_BYTES);
      System.arraycopy(body, 0, out, HEADER, body.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JDK", e);
    }
  }

  /**
   * @throws SecretException when the data is damaged or was sealed with a key this box does not hold
   */
  public byte[] open(byte[] sealed) {
    if (sealed == null || sealed.length < HEADER + TAG_BITS / 8 || sealed[0] != VERSION) {
      throw new SecretException("stored credentials are damaged or in an unknown format");
    }
    byte id = sealed[1];
    List<Key> order = new ArrayList<>(keys);
    order.sort((a, b) -> Boolean.compare(b.id() == id, a.id() == id));
    for (Key key : order) {
      try {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, sealed, 2, NONCE_BYTES));
        cipher.updateAAD(new byte[] {VERSION, id});
        return cipher.doFinal(sealed, HEADER, sealed.length - HEADER);
      } catch (javax.crypto.AEADBadTagException wrongKeyOrTampered) {
        // try the next key
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES-GCM is not available in this JDK", e);
      }
    }
    throw new SecretException("stored credentials cannot be decrypted: they were sealed with another key (set "
        + "ASSAY_SECRET_PREVIOUS to the old key after a rotation) or were altered");
  }

  /**
   * {@code sealed} sealed again with the current key, or null when the current key already sealed it: what a key
   * rotation runs over every stored secret (see {@link SecretRotation}).
   *
   * @throws SecretException when no key of this box opens it
   */
  public byte[] resealed(byte[] sealed) {
    Key current = keys.get(0);
    if (sealed != null && sealed.length >= HEADER && sealed[1] == current.id() && opens(current, sealed)) {
      return null;
    }
    return seal(open(sealed));
  }

  private static boolean opens(Key key, byte[] sealed) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, sealed, 2, NONCE_BYTES));
      cipher.updateAAD(new byte[] {VERSION, sealed[1]});
      cipher.doFinal(sealed, HEADER, sealed.length - HEADER);
      return true;
    } catch (javax.crypto.AEADBadTagException wrongKey) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JDK", e);
    }
  }

  private static Key key(byte[] raw) {
    if (raw == null || raw.length != 32) {
      throw new IllegalArgumentException("an AES-256 key has 32 bytes");
    }
    try {
      byte id = MessageDigest.getInstance("SHA-256").digest(raw)[0];
      return new Key(id, new SecretKeySpec(Arrays.copyOf(raw, 32), "AES"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "SecretBox[" + keys.size() + " key(s)]";
  }

  /** Sealed data could not be opened. The message never contains key material. */
  public static final class SecretException extends RuntimeException {
    public SecretException(String message) {
      super(message);
    }
  }
}
