package dev.assay.examples.tracesdemo;

import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.sdk.trace.IdGenerator;
import java.util.Random;

/**
 * Trace and span ids from a seeded generator, so that the same seed sends the same ids (re-sending a demo
 * run is then idempotent on the server, which ignores spans it already has). Not for real services: ids
 * must be unpredictable there.
 */
final class SeededIdGenerator implements IdGenerator {
  private final Random random;

  SeededIdGenerator(long seed) {
    this.random = new Random(seed ^ 0x5DEECE66DL);
  }

  @Override
  public synchronized String generateSpanId() {
    long id;
    do {
      id = random.nextLong();
    } while (id == 0);
    return SpanId.fromLong(id);
  }

  @Override
  public synchronized String generateTraceId() {
    long high;
    long low;
    do {
      high = random.nextLong();
      low = random.nextLong();
    } while (high == 0 && low == 0);
    return TraceId.fromLongs(high, low);
  }
}
