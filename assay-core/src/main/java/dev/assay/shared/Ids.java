package dev.assay.shared;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * The one id generator: UUID version 7 (RFC 9562) strings. Time-ordered, so ids sort by creation and
 * B-tree inserts stay local; 74 random bits make collisions across replicas negligible.
 */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  public static String newId() {
    return newId(Clock.systemUTC());
  }

  public static String newId(Clock clock) {
    long millis = clock.millis();
    long randA = RANDOM.nextInt(1 << 12);
    long randB = RANDOM.nextLong();
    long msb = (millis << 16) | 0x7000L | randA;
    long lsb = (randB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
