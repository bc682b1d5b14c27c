package dev.assay.secrets;

/**
 * One kind of stored secret that {@link SecretRotation} brings to the current key at start: model config
 * credentials, HTTP evaluator and task header values, webhook tokens … A feature that seals a column joins the
 * rotation by adding its resealer to the list the server passes to {@link SecretRotation#run}.
 */
public interface SecretResealer {

  /** What it re-seals, for the log line, e.g. "model config credentials". */
  String name();

  /**
   * Seals again with {@code box}'s current key every value sealed with another key it holds (and seals values
   * still stored in plaintext from before sealing existed).
   *
   * @return how many stored rows changed
   */
  int reseal(SecretBox box);
}
