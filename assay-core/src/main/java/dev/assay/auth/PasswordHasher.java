package dev.assay.auth;

import dev.assay.shared.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Hashes and verifies passwords with Argon2id, encoded as a PHC string
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, unpadded standard base64).
 *
 * <p>Why Argon2id: it is memory-hard, so every guess against a stolen hash costs 19 MiB of memory as well as time,
 * which takes away most of the advantage GPUs and ASICs have against PBKDF2 or bcrypt; the "id" variant adds
 * resistance to side-channel attacks. m=19 MiB, t=2, p=1 is OWASP's recommended minimum (about 30–60 ms here).
 * Verification reads the parameters from the stored string, so raising them later still verifies older hashes.
 */
public final class PasswordHasher {
  public static final int MIN_LENGTH = 12;
  public static final int MAX_LENGTH = 256;
  static final int MEMORY_KIB = 19 * 1024;
  static final int ITERATIONS = 2;
  static final int PARALLELISM = 1;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  // Bounds for parameters read from a stored hash: a tampered row must not make a login allocate gigabytes.
  private static final int MAX_MEMORY_KIB = 256 * 1024;
  private static final int MAX_ITERATIONS = 16;
  private static final int MAX_PARALLELISM = 8;
  private static final Pattern PHC = Pattern.compile(
      "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{16,128})");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final SecureRandom random = new SecureRandom();
  // Each hash holds 19 MiB for its duration: a burst of logins (or an attacker's flood of them) on virtual threads
  // would otherwise allocate without bound. Beyond the cores there is no throughput to gain anyway.
  private final Semaphore permits = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()), true);

  /** Checks the length rule: 12 to 256 characters. */
  public static void requireAcceptable(String password) {
    if (password == null || password.length() < MIN_LENGTH) {
      throw new InvalidInputException("password must have at least " + MIN_LENGTH + " characters");
    }
    if (password.length() > MAX_LENGTH) {
      throw new InvalidInputException("password must have at most " + MAX_LENGTH + " characters");
    }
  }

  /** A new PHC string for {@code password} with a fresh random salt. */
  public String hash(String password) {
    if (password == null) {
      throw new InvalidInputException("password is required");
    }
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
    return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$" + B64.encodeToString(salt)
        + "$" + B64.encodeToString(hash);
  }

  /**
   * True when {@code password} matches {@code phc}; false for a wrong password and for a malformed, tampered or
   * out-of-bounds hash. The comparison takes the same time wherever the hashes differ.
   */
  public boolean verify(String password, String phc) {
    if (password == null || phc == null || password.length() > MAX_LENGTH) {
      return false;
    }
    Matcher m = PHC.matcher(phc);
    if (!m.matches()) {
      return false;
    }
    int memory = Integer.parseInt(m.group(1));
    int iterations = Integer.parseInt(m.group(2));
    int parallelism = Integer.parseInt(m.group(3));
    if (memory < 8 * parallelism || memory > MAX_MEMORY_KIB || iterations < 1 || iterations > MAX_ITERATIONS
        || parallelism < 1 || parallelism > MAX_PARALLELISM) {
      return false;
    }
    byte[] salt;
    byte[] expected;
    try {
      salt = B64D.decode(m.group(4));
      expected = B64D.decode(m.group(5));
    } catch (IllegalArgumentException e) {
      return false;
    }
    byte[] actual = derive(password, salt, memory, iterations, parallelism, expected.length);
    return MessageDigest.isEqual(actual, expected);
  }

  private byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
    permits.acquireUninterruptibly();
    try {
      return argon2id(password, salt, memoryKib, iterations, parallelism, length);
    } finally {
      permits.release();
    }
  }

  private static byte[] argon2id(String password, byte[] salt, int memoryKib, int iterations, int parallelism,
      int length) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(memoryKib).withIterations(iterations)
        .withParallelism(parallelism).withSalt(salt).build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] out = new byte[length];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
