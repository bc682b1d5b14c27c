package dev.assay.shared;

import java.time.Clock;
import java.time.Instant;

/** Conversions for the one time representation in the store: epoch microseconds, UTC. */
public final class Times {
  private Times() {}

  public static long micros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
  }

  public static long nowMicros(Clock clock) {
    return micros(clock.instant());
  }

  public static Instant instant(long epochMicros) {
    return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1_000L);
  }
}
