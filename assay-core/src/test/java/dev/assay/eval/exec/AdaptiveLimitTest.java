package dev.assay.eval.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdaptiveLimitTest {

  private static void call(AdaptiveLimit limit, AdaptiveLimit.Signal signal) throws InterruptedException {
    limit.acquire();
    limit.release(signal);
  }

  @Test
  void a429_halves_once_perBurst_thenRampsSlowly() throws Exception {
    AdaptiveLimit limit = new AdaptiveLimit(64);
    call(limit, AdaptiveLimit.Signal.RATE_LIMITED);
    assertEquals(32, limit.limit());
    call(limit, AdaptiveLimit.Signal.RATE_LIMITED);
    assertEquals(32, limit.limit(), "429s of the same burst do not halve again");

    for (int i = 0; i < 7; i++) {
      call(limit, AdaptiveLimit.Signal.SUCCESS);
    }
    assertEquals(32, limit.limit());
    call(limit, AdaptiveLimit.Signal.SUCCESS);
    assertEquals(33, limit.limit(), "+1 after limit/4 successes");
    for (int i = 0; i < 10_000; i++) {
      call(limit, AdaptiveLimit.Signal.SUCCESS);
    }
    assertEquals(64, limit.limit(), "never above the cap");
  }

  @Test
  void floorIsOne_andTheCapCanChange() throws Exception {
    AdaptiveLimit limit = new AdaptiveLimit(2);
    call(limit, AdaptiveLimit.Signal.RATE_LIMITED);
    assertEquals(1, limit.limit());
    Thread.sleep(1_050);
    call(limit, AdaptiveLimit.Signal.RATE_LIMITED);
    assertEquals(1, limit.limit());
    limit.cap(8);
    assertEquals(1, limit.limit());
    for (int i = 0; i < 100; i++) {
      call(limit, AdaptiveLimit.Signal.SUCCESS);
    }
    assertEquals(8, limit.limit());
    limit.cap(3);
    assertEquals(3, limit.limit());
  }

  @Test
  void acquire_blocksAtTheLimit() throws Exception {
    AdaptiveLimit limit = new AdaptiveLimit(1);
    limit.acquire();
    Thread waiter = Thread.ofVirtual().start(() -> {
      try {
        limit.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    waiter.join(Duration.ofMillis(200));
    assertTrue(waiter.isAlive(), "the second call waits");
    limit.release(AdaptiveLimit.Signal.OTHER);
    waiter.join(Duration.ofSeconds(2));
    assertTrue(!waiter.isAlive());
  }

  @Test
  void backoff_isJittered_cappedAndNeverBeforeRetryAfter() {
    ExecutorSettings settings = ExecutorSettings.defaults().withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));
    GovernedChatModel model = new GovernedChatModel(null, null, null, new ResponseCache(0), settings, null);
    for (int attempt = 1; attempt < 12; attempt++) {
      Duration d = model.backoff(attempt, null);
      assertTrue(!d.isNegative() && d.compareTo(Duration.ofSeconds(1)) <= 0, d.toString());
      Duration withRetryAfter = model.backoff(attempt, Duration.ofSeconds(3));
      assertTrue(withRetryAfter.compareTo(Duration.ofSeconds(3)) >= 0, withRetryAfter.toString());
    }
    long distinct = java.util.stream.IntStream.range(0, 50).mapToObj(i -> model.backoff(4, null)).distinct().count();
    assertTrue(distinct > 10, "full jitter spreads the waits");
  }
}
