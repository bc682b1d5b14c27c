package dev.assay.bench;

import dev.assay.store.BatchingWriter;
import dev.assay.store.Database;
import dev.assay.store.JdbcSpanSink;
import dev.assay.store.WriterSettings;
import dev.assay.store.WriterStats;
import dev.assay.traces.Span;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One closed-loop run: {@code submitters} threads each submit a batch, wait for its commit, and
 * submit the next, for a warm-up and then a measured window. A batch is {@code batchSize} spans of
 * {@code rowBytes} bytes of text each, {@value #SPANS_PER_TRACE} spans per trace, every trace in a session.
 */
final class WriterScenario {
  static final int SPANS_PER_TRACE = 20;
  private static final AtomicLong TRACE_IDS = new AtomicLong();

  /** What one run measured; latencies are submit-to-acknowledgement in milliseconds. */
  record Result(String database, int submitters, int batchSize, long rows, double seconds, long commits,
      double p50Ms, double p99Ms, double maxMs) {
    double rowsPerSecond() {
      return rows / seconds;
    }
  }

  private final Database database;
  private final WriterSettings settings;
  private final int batchSize;
  private final String filler;

  WriterScenario(Database database, WriterSettings settings, int batchSize, int rowBytes) {
    this.database = database;
    this.settings = settings;
    this.batchSize = batchSize;
    // ~1 KB per span: the fixed fields below come to about 330 bytes, the input carries the rest.
    this.filler = "lorem ipsum dolor sit amet ".repeat(Math.max(1, rowBytes - 330) / 27 + 1).substring(0, Math.max(1, rowBytes - 330));
  }

  Result run(String label, int submitters, Duration warmUp, Duration measure) throws InterruptedException {
    Clock clock = Clock.systemUTC();
    try (BatchingWriter<Span> writer =
        new BatchingWriter<>("bench", database.jdbi(), new JdbcSpanSink(database.dialect(), clock), settings, clock)) {
      long[][] latencies = new long[submitters][];
      long[] rows = new long[submitters];
      long start = System.nanoTime();
      long measureFrom = start + warmUp.toNanos();
      long end = measureFrom + measure.toNanos();
      CountDownLatch done = new CountDownLatch(submitters);
      long[] commitsAtStart = new long[1];
      Thread sampler = Thread.ofPlatform().start(() -> {
        sleepUntil(measureFrom);
        commitsAtStart[0] = writer.stats().commits();
      });
      for (int i = 0; i < submitters; i++) {
        int id = i;
        Thread.ofPlatform().name("submitter-" + i).start(() -> {
          LongList mine = new LongList();
          long count = 0;
          try {
            while (true) {
              List<Span> batch = spans(label, batchSize);
              long t0 = System.nanoTime();
              if (t0 >= end) {
                break;
              }
              writer.submit(batch, JdbcSpanSink.approximateBytes(batch)).join();
              long t1 = System.nanoTime();
              if (t0 >= measureFrom && t1 <= end) {
                mine.add(t1 - t0);
                count += batch.size();
              }
            }
          } catch (RuntimeException e) {
            System.err.println("submitter " + id + " failed: " + e);
          } finally {
            latencies[id] = mine.toArray();
            rows[id] = count;
            done.countDown();
          }
        });
      }
      done.await();
      sampler.join();
      WriterStats stats = writer.stats();
      long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
      return new Result(label, submitters, batchSize, Arrays.stream(rows).sum(), measure.toNanos() / 1e9,
          stats.commits() - commitsAtStart[0], percentile(all, 0.50), percentile(all, 0.99), percentile(all, 1.0));
    }
  }

  /** The mean text payload of the generated spans (every string field, UTF-8), to state what "~1 KB" means. */
  double textBytesPerSpan() {
    List<Span> sample = spans("bench", batchSize);
    long bytes = 0;
    for (Span s : sample) {
      for (String v : new String[] {s.projectId(), s.traceId(), s.spanId(), s.parentId(), s.name(), s.spanKind(), s.statusCode(),
          s.statusMessage(), s.inputValue(), s.inputMimeType(), s.outputValue(), s.outputMimeType(), s.modelName(), s.modelProvider(),
          s.sessionId(), s.userId(), s.attributesJson(), s.eventsJson()}) {
        bytes += v == null ? 0 : v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      }
    }
    return bytes / (double) sample.size() + 7 * 8; // plus the seven numeric columns
  }

  /** {@code count} new spans (fresh trace ids) for {@code project}. */
  List<Span> spans(String project, int count) {
    List<Span> spans = new ArrayList<>(count);
    long now = System.currentTimeMillis() * 1000;
    String traceId = null;
    String session = null;
    for (int i = 0; i < count; i++) {
      int inTrace = i % SPANS_PER_TRACE;
      if (inTrace == 0) {
        long trace = TRACE_IDS.incrementAndGet();
        traceId = String.format("%032x", trace);
        session = "session-" + trace % 1000;
      }
      boolean root = inTrace == 0;
      spans.add(new Span(project, traceId, String.format("%016x", inTrace + 1), root ? null : String.format("%016x", 1),
          root ? "agent" : "llm.call", root ? "AGENT" : "LLM", now + inTrace, now + inTrace + 1500, inTrace % 50 == 7 ? "ERROR" : "OK",
          null, filler, "application/json", "The answer is 42.", "text/plain", root ? null : "gpt-4o-mini", root ? null : "openai",
          root ? null : 120L, root ? null : 30L, root ? null : 150L, root ? null : 0.000045, session, "user-7",
          "{\"llm.model_name\":\"gpt-4o-mini\",\"llm.invocation_parameters\":{\"temperature\":0.2},\"tag\":\"bench\"}", "[]"));
    }
    return spans;
  }

  private static double percentile(long[] sortedNanos, double p) {
    if (sortedNanos.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p * sortedNanos.length) - 1;
    return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))] / 1e6;
  }

  private static void sleepUntil(long nanoTime) {
    long wait;
    while ((wait = nanoTime - System.nanoTime()) > 0) {
      try {
        Thread.sleep(Duration.ofNanos(wait));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** A growable primitive list, so recording latencies does not box. */
  private static final class LongList {
    private long[] values = new long[1024];
    private int size;

    void add(long v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    long[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
