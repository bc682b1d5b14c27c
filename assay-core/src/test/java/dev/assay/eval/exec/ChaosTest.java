package dev.assay.eval.exec;

import static dev.assay.eval.exec.ExecutorFixture.ALL;
import static dev.assay.eval.exec.ExecutorFixture.KEY;
import static dev.assay.eval.exec.ExecutorFixture.ref;
import static dev.assay.eval.exec.ExecutorFixture.subject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.eval.Evaluation;
import dev.assay.llm.ModelConfig;
import dev.assay.testing.DuckDbExtension;
import dev.assay.testing.FakeJudge;
import dev.assay.testing.FakeModelServer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chaos test: 2,000 subjects through a judge against a provider that answers 30% of calls with 429
 * (Retry-After 1 s), 10% with 500, hangs on 5% and garbles 5%. Every subject must end in exactly one result or
 * recorded error, no retry may come earlier than the Retry-After it was given, and nothing is counted twice.
 */
class ChaosTest {
  @RegisterExtension static final DuckDbExtension duckDb = new DuckDbExtension();
  private static final int SUBJECTS = 2_000;

  @Test
  void twoThousandSubjects_underChaos_endExactlyOnceEach() {
    ExecutorFixture fixture = new ExecutorFixture(duckDb.database());
    ExecutorSettings settings = new ExecutorSettings(256, 8, Duration.ofSeconds(2), Duration.ofSeconds(2), 10_000,
        Duration.ofMillis(50));
    try (FakeModelServer fake = FakeModelServer.create().requireApiKey(KEY).retryAfter(Duration.ofSeconds(1))
            .hangFor(Duration.ofSeconds(5)).start();
        EvalExecutor executor = new EvalExecutor(fixture.gateway, fixture.configs, settings, Clock.systemUTC())) {
      ModelConfig config = fixture.config("chaos", fake, KEY, null);
      FakeJudge judge = new FakeJudge(ref(config), executor.environment(ALL));
      // Warm-up without faults: a cold JVM and fake can take longer than the 2 s call timeout to accept the
      // first burst of 256 connections; a call abandoned that way is answered (429) after the client retried, which
      // the arrival log would misread as a retry that ignored Retry-After.
      executor.run(IntStream.range(0, 1_000).mapToObj(i -> new WorkItem(subject("warm-" + i, "warm " + i, false), judge,
          "ev", 1L)).iterator(), new RunOptions(Evaluation.Source.TASK, "warm-up"), (item, result) -> { });
      fake.resetCounters().faults(0.30, 0.10, 0.05, 0.05, 0, 7);
      List<WorkItem> items = IntStream.range(0, SUBJECTS)
          .mapToObj(i -> new WorkItem(subject("span-" + i, "question " + i, false), judge, "ev", 1L)).toList();
      ExecutorFixture.Collector sink = new ExecutorFixture.Collector();

      long start = System.nanoTime();
      RunReport report = executor.run(items.iterator(), new RunOptions(Evaluation.Source.TASK, "chaos"), sink);
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

      assertFalse(report.paused());
      assertEquals(SUBJECTS, sink.results.size(), "one sink call per subject");
      Map<String, Long> perTarget = sink.results.stream()
          .collect(Collectors.groupingBy(Evaluation::targetId, Collectors.counting()));
      assertEquals(items.stream().map(i -> i.subject().targetId()).collect(Collectors.toSet()), perTarget.keySet());
      assertTrue(perTarget.values().stream().allMatch(n -> n == 1), "no subject counted twice");
      assertEquals(SUBJECTS, report.succeeded() + report.failed());

      Map<String, Integer> errors = new HashMap<>();
      for (Evaluation e : sink.results) {
        if (e.error() == null) {
          assertNotNull(e.label());
        } else {
          assertNull(e.label());
          assertNull(e.score());
          assertNull(e.passed());
          errors.merge(e.error().contains("no label") ? "malformed" : "gave up", 1, Integer::sum);
        }
      }
      long malformed = errors.getOrDefault("malformed", 0);
      // 5% of calls are garbled and each garbled answer ends its subject: about 5% of ~3,600 calls.
      assertTrue(malformed > 50 && malformed < 300, errors.toString());
      assertTrue(report.succeeded() > SUBJECTS * 0.85, report.toString());

      assertTrue(fake.answered(429) > 500, "the fake answered " + fake.answered(429) + " 429s");
      assertTrue(fake.retriesAfter429() > 500, "retries after a 429: " + fake.retriesAfter429());
      assertEquals(List.of(), fake.retryAfterViolationDetails(), "a retry came before its Retry-After");
      Set<String> keys = fake.arrivals().keySet();
      assertEquals(SUBJECTS, keys.size(), "every subject reached the provider");
      assertTrue(seconds < 60, "took " + seconds + " s");
      System.out.printf("chaos: %d s, %d calls, %d x 429, %d x 500, results %d, errors %s%n", seconds, fake.calls(),
          fake.answered(429), fake.answered(500), report.succeeded(), errors);
    }
  }
}
