package dev.assay.tasks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic sampling: a target is in the sample when the first 53 bits of SHA-256 over a fixed prefix and its id,
 * read as a fraction of 2^53, fall below the rate. The decision depends on the target id alone, so it is the same in
 * every run, on every replica and for every task with the same rate, and a higher rate keeps every target a lower
 * rate kept (the samples nest, which keeps results of different tasks comparable).
 */
public final class Sampling {
  private static final byte[] PREFIX = "assay:task-sampling:v1\0".getBytes(StandardCharsets.UTF_8);
  private static final double TWO_POW_53 = 0x1p53;

  private Sampling() {}

  /** True when the target is in a sample of {@code rate} (0 keeps none, 1 keeps all). */
  public static boolean sampled(String targetId, double rate) {
    if (rate >= 1.0) {
      return true;
    }
    if (rate <= 0.0) {
      return false;
    }
    return fraction(targetId) < rate;
  }

  /** The target's position in [0, 1): its hash as a fraction. */
  static double fraction(String targetId) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    sha.update(PREFIX);
    byte[] digest = sha.digest(targetId.getBytes(StandardCharsets.UTF_8));
    long bits = 0;
    for (int i = 0; i < 7; i++) {
      bits = (bits << 8) | (digest[i] & 0xFF);
    }
    return (bits >>> 3) / TWO_POW_53; // 56 bits read, top 53 kept
  }
}
