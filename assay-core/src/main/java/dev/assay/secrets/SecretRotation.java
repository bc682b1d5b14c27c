package dev.assay.secrets;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up pass that makes every stored secret sealed with the current key ({@code ASSAY_SECRET}): after a
 * rotation the server starts with {@code ASSAY_SECRET_PREVIOUS} set to the old key, this pass seals everything
 * again with the new one, and from then on the previous key can be dropped. It also seals plaintext left by
 * versions that stored header values in clear. Logs counts only, never values.
 */
public final class SecretRotation {
  private static final Logger LOG = LoggerFactory.getLogger(SecretRotation.class);

  private SecretRotation() {}

  /** Runs every resealer; one that fails is logged and the others still run. @return rows changed in total */
  public static int run(SecretBox box, List<SecretResealer> resealers) {
    int total = 0;
    for (SecretResealer resealer : resealers) {
      try {
        int changed = resealer.reseal(box);
        if (changed > 0) {
          LOG.info("sealed {} stored {} with the current secret key", changed, resealer.name());
        }
        total += changed;
      } catch (RuntimeException e) {
        // Not fatal: what stays sealed with the previous key still opens while ASSAY_SECRET_PREVIOUS is set.
        LOG.warn("re-sealing stored {} failed: {}", resealer.name(), e.getMessage());
      }
    }
    return total;
  }
}
