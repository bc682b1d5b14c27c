package dev.assay.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.bench.OtlpPayloads.Shape;
import dev.assay.bench.OtlpPayloads.Template;
import dev.assay.server.SoakServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code bench/run soak}: a long run at a steady load with continuous evaluation, watching for what only time shows
 * (a heap that grows, a latency that creeps up, an evaluation backlog that never drains, errors under sustained
 * load). One server ({@link SoakServer} child JVM, DuckDB file in its own working directory, the production wiring) with
 * a continuous SPAN task running a CODE evaluator (MATCHES_REGEX on the output) over the project.
 *
 * <ol>
 *   <li><b>Capacity.</b> Closed loop: 2, 4, 8, … {@code --max-senders} virtual-thread senders each send an OTLP/HTTP
 *       protobuf export of 100 ~1 KB spans and wait for the answer, {@code --step-seconds} per step; it stops when a
 *       step gains less than 5 % or any export is answered 429. Capacity = the best step's accepted spans/s.</li>
 *   <li><b>Soak.</b> Open loop at {@code --load} (0.8) × capacity for {@code --minutes} (10): export k is due at
 *       start + k × 100 / rate and is sent by the first free of 256 virtual-thread senders, so a slow server shows as
 *       latency and senders falling behind, never as a lower offered rate. A 429 is counted, not retried.</li>
 *   <li><b>Per minute</b>: spans sent and accepted, non-2xx answers by status, p50/p99 export latency, the server's
 *       heap after a full GC, evaluations written in the minute and the evaluation backlog (queued or running jobs),
 *       from the server's {@code GET /bench/stats}.</li>
 * </ol>
 *
 * <p>Pass: no error other than 429; heap after GC of the last minutes within max(16 MB, 20 %) of the first minutes
 * (minute 1, the warm-up, left out); p99 of the last minutes at most 2× that of the first and no minute over 3× the
 * median. Options: {@code --minutes 10}, {@code --load 0.8}, {@code --rate N} (skip the capacity step),
 * {@code --step-seconds 15}, {@code --max-senders 64}, {@code --minute-seconds 60}, {@code --heap 1g}.
 */
public final class SoakBench {
  private static final String PROJECT = "soak";
  private static final int SPANS_PER_EXPORT = 100;
  private static final int SOAK_SENDERS = 256;

  private SoakBench() {}

  /** One minute's figures. */
  record Minute(int n, long sent, long accepted, Map<Integer, Long> nonOk, double p50, double p99, long heapMb, long evaluations,
      long backlog, long spansStored, String load) {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    int minutes = 10;
    double load = 0.8;
    double rate = 0;
    int stepSeconds = 15;
    int maxSenders = 64;
    int minuteSeconds = 60;
    String heap = "1g";
    for (int i = 0; i < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "--minutes" -> minutes = Integer.parseInt(v);
        case "--load" -> load = Double.parseDouble(v);
        case "--rate" -> rate = Double.parseDouble(v);
        case "--step-seconds" -> stepSeconds = Integer.parseInt(v);
        case "--max-senders" -> maxSenders = Integer.parseInt(v);
        case "--minute-seconds" -> minuteSeconds = Integer.parseInt(v);
        case "--heap" -> heap = v;
        default -> throw new IllegalArgumentException("unknown option " + args[i] + " (see bench/README.md)");
      }
    }
    System.out.printf(Locale.ROOT, "SoakBench: %d min at %.0f%% of capacity, continuous CODE task, DuckDB, server -Xmx%s, %d cores, "
        + "Java %s, load average %s%n", minutes, load * 100, heap, Runtime.getRuntime().availableProcessors(), Runtime.version(),
        OtlpIngestBench.loadAverage());
    Path dir = Files.createTempDirectory("assay-soak");
    try (BenchReplica server = BenchReplica.start(SoakServer.class.getName(), dir.resolve("server"), null, heap)) {
      List<Template> templates = OtlpPayloads.templates(Shape.SMALL, SPANS_PER_EXPORT, false, 32, 23);
      TaskBenchKit.send(server, PROJECT, templates.getFirst().fresh());
      String projectId = TaskBenchKit.projectId(server, PROJECT);
      TaskBenchKit.task(server, "soak-continuous", "CODE_EVALUATION", projectId, TaskBenchKit.codeEvaluator(server, "cites_kb"), true);
      Thread.sleep(2_000); // replicas refresh their set of projects with continuous tasks every second
      if (rate <= 0) {
        rate = load * capacity(server, templates, stepSeconds, maxSenders);
        drain(server, "after the capacity steps"); // the soak starts without the steps' evaluation backlog
      }
      System.out.printf(Locale.ROOT, "soak: %,.0f spans/s (%,.1f exports/s) for %d × %d s%n", rate, rate / SPANS_PER_EXPORT, minutes,
          minuteSeconds);
      List<Minute> rows = soak(server, templates, rate, minutes, minuteSeconds);
      summary(rows, rate);
      drain(server, "after the soak");
      JsonNode end = server.get("/bench/stats");
      // The first export (which created the project) came before the task: its spans are never evaluated.
      System.out.printf(Locale.ROOT, "at the end: %,d spans stored, %,d evaluations (%.4f per span evaluated by the task)%n",
          end.get("spans").asLong(), end.get("evaluations").asLong(),
          end.get("evaluations").asLong() / (double) (end.get("spans").asLong() - SPANS_PER_EXPORT));
      server.stop();
    } finally {
      try (var paths = Files.walk(dir)) {
        paths.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Waits (up to 3 minutes) until the evaluation backlog is empty, and says how long it took. */
  private static void drain(BenchReplica server, String when) {
    long t0 = System.nanoTime();
    long backlog;
    while ((backlog = server.get("/bench/stats").get("backlog").asLong()) > 0 && System.nanoTime() - t0 < 180_000_000_000L) {
      TaskBenchKit.sleep(500);
    }
    System.out.printf(Locale.ROOT, "evaluation backlog %s: %s in %.1f s%n", when, backlog == 0 ? "drained" : backlog + " jobs left",
        (System.nanoTime() - t0) / 1e9);
  }

  /** Closed-loop steps of doubling sender counts until throughput plateaus or 429s appear; the best spans/s. */
  private static double capacity(BenchReplica server, List<Template> templates, int stepSeconds, int maxSenders) throws Exception {
    double best = 0;
    for (int senders = 2; senders <= maxSenders; senders *= 2) {
      Counters c = new Counters();
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> threads = new ArrayList<>();
      AtomicLong ticket = new AtomicLong();
      for (int s = 0; s < senders; s++) {
        threads.add(Thread.ofVirtual().start(() -> {
          while (!stop.get()) {
            export(server, templates.get((int) (ticket.getAndIncrement() % templates.size())), c);
          }
        }));
      }
      long t0 = System.nanoTime();
      Thread.sleep(stepSeconds * 1000L);
      stop.set(true);
      for (Thread t : threads) {
        t.join();
      }
      double rate = c.accepted.sum() / ((System.nanoTime() - t0) / 1e9);
      List<Long> sorted = c.sortedLatencies();
      System.out.printf(Locale.ROOT, "capacity: %2d senders → %,6.0f spans/s accepted, p50 %,5.0f ms, p99 %,6.0f ms, non-2xx %s, load %s%n",
          senders, rate, TaskBenchKit.quantile(sorted, 0.5) / 1e3, TaskBenchKit.quantile(sorted, 0.99) / 1e3, c.nonOk(),
          OtlpIngestBench.loadAverage());
      boolean pushedBack = c.nonOk().containsKey(429);
      boolean plateau = rate < best * 1.05;
      best = Math.max(best, rate);
      if (pushedBack || plateau) {
        break;
      }
    }
    System.out.printf(Locale.ROOT, "capacity: %,.0f spans/s%n", best);
    return best;
  }

  /** What one phase's exports did: spans sent and accepted, answers other than 2xx, latencies in µs. */
  static final class Counters {
    final LongAdder sent = new LongAdder();
    final LongAdder accepted = new LongAdder();
    final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());

    Map<Integer, Long> nonOk() {
      Map<Integer, Long> out = new TreeMap<>();
      statuses.forEach((k, v) -> out.put(k, v.sum()));
      return out;
    }

    List<Long> sortedLatencies() {
      synchronized (latencies) {
        return TaskBenchKit.sorted(latencies);
      }
    }
  }

  /** One export with fresh ids; status 0 stands for an I/O error or timeout. */
  private static void export(BenchReplica server, Template template, Counters c) {
    byte[] body = template.fresh();
    long t0 = System.nanoTime();
    int status;
    try {
      status = server.http.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/traces"))
          .header("Content-Type", "application/x-protobuf").header("x-project-name", PROJECT)
          .timeout(TaskBenchKit.EXPORT_TIMEOUT).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (java.io.IOException e) {
      status = 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    c.latencies.add((System.nanoTime() - t0) / 1000);
    c.sent.add(template.spans);
    if (status / 100 == 2) {
      c.accepted.add(template.spans);
    } else {
      c.statuses.computeIfAbsent(status, k -> new LongAdder()).increment();
    }
  }

  /** The open-loop soak, one {@link Counters} per minute (by send time); prints each minute as it ends. */
  private static List<Minute> soak(BenchReplica server, List<Template> templates, double rate, int minutes, int minuteSeconds)
      throws Exception {
    long intervalNanos = (long) (SPANS_PER_EXPORT * 1e9 / rate);
    long minuteNanos = minuteSeconds * 1_000_000_000L;
    long start = System.nanoTime() + 100_000_000L;
    long end = start + minutes * minuteNanos;
    List<Counters> perMinute = new ArrayList<>();
    for (int m = 0; m < minutes; m++) {
      perMinute.add(new Counters());
    }
    AtomicLong ticket = new AtomicLong();
    AtomicLong maxBehindNanos = new AtomicLong();
    List<Thread> senders = new ArrayList<>();
    for (int s = 0; s < SOAK_SENDERS; s++) {
      senders.add(Thread.ofVirtual().start(() -> {
        for (long k; ; ) {
          k = ticket.getAndIncrement();
          long due = start + k * intervalNanos;
          if (due >= end) {
            return;
          }
          long wait = due - System.nanoTime();
          if (wait > 0) {
            TaskBenchKit.sleep(wait / 1_000_000);
          } else {
            maxBehindNanos.accumulateAndGet(-wait, Math::max);
          }
          int minute = (int) Math.min(minutes - 1, Math.max(0, (System.nanoTime() - start) / minuteNanos));
          export(server, templates.get((int) (k % templates.size())), perMinute.get(minute));
        }
      }));
    }
    System.out.println();
    System.out.println("| minute | spans sent | spans accepted | non-2xx (status: count) | p50 ms | p99 ms | heap after GC MB "
        + "| evaluations written | evaluation backlog (jobs) | spans stored | load average |");
    System.out.println("|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---|");
    List<Minute> rows = new ArrayList<>();
    long evaluationsBefore = server.get("/bench/stats").get("evaluations").asLong();
    for (int m = 0; m < minutes; m++) {
      long wake = start + (m + 1) * minuteNanos + 1_000_000_000L; // a second past the minute: its last answers are in
      TaskBenchKit.sleep(Math.max(0, (wake - System.nanoTime()) / 1_000_000));
      JsonNode stats = server.get("/bench/stats");
      Counters c = perMinute.get(m);
      List<Long> sorted = c.sortedLatencies();
      long evaluations = stats.get("evaluations").asLong();
      Minute row = new Minute(m + 1, c.sent.sum(), c.accepted.sum(), c.nonOk(), TaskBenchKit.quantile(sorted, 0.5) / 1e3,
          TaskBenchKit.quantile(sorted, 0.99) / 1e3, stats.get("heap_after_gc").asLong() >> 20, evaluations - evaluationsBefore,
          stats.get("backlog").asLong(), stats.get("spans").asLong(), OtlpIngestBench.loadAverage());
      evaluationsBefore = evaluations;
      rows.add(row);
      System.out.printf(Locale.ROOT, "| %d | %,d | %,d | %s | %,.0f | %,.0f | %,d | %,d | %,d | %,d | %s |%n", row.n(), row.sent(),
          row.accepted(), row.nonOk().isEmpty() ? "–" : row.nonOk().toString(), row.p50(), row.p99(), row.heapMb(),
          row.evaluations(), row.backlog(), row.spansStored(), row.load());
    }
    for (Thread t : senders) {
      t.join();
    }
    System.out.printf(Locale.ROOT, "senders fell behind their schedule by at most %,.0f ms%n", maxBehindNanos.get() / 1e6);
    return rows;
  }

  /** Ratios and the pass/fail checks (see the class comment). */
  private static void summary(List<Minute> rows, double rate) {
    long sent = rows.stream().mapToLong(Minute::sent).sum();
    long accepted = rows.stream().mapToLong(Minute::accepted).sum();
    long evaluations = rows.stream().mapToLong(Minute::evaluations).sum();
    Map<Integer, Long> nonOk = new TreeMap<>();
    rows.forEach(r -> r.nonOk().forEach((k, v) -> nonOk.merge(k, v, Long::sum)));
    long errors = nonOk.entrySet().stream().filter(e -> e.getKey() != 429).mapToLong(Map.Entry::getValue).sum();
    List<Minute> steady = rows.size() > 1 ? rows.subList(1, rows.size()) : rows;
    int k = Math.max(1, Math.min(3, steady.size() / 2));
    double heapFirst = steady.subList(0, k).stream().mapToLong(Minute::heapMb).average().orElse(0);
    double heapLast = steady.subList(steady.size() - k, steady.size()).stream().mapToLong(Minute::heapMb).average().orElse(0);
    double p99First = steady.subList(0, k).stream().mapToDouble(Minute::p99).average().orElse(0);
    double p99Last = steady.subList(steady.size() - k, steady.size()).stream().mapToDouble(Minute::p99).average().orElse(0);
    List<Double> p99s = steady.stream().map(Minute::p99).sorted().toList();
    double p99Median = p99s.get(p99s.size() / 2);
    double p99Max = p99s.getLast();
    boolean errorsOk = errors == 0;
    boolean heapOk = heapLast - heapFirst <= Math.max(16, 0.2 * heapFirst);
    boolean p99Ok = p99Last <= 2 * p99First && p99Max <= 3 * p99Median;
    System.out.println();
    System.out.printf(Locale.ROOT, "| offered spans/s | sent | accepted | accepted/sent | evaluations | evaluations/accepted spans "
        + "| non-2xx | errors (not 429) | heap MB first→last | p99 ms first→last (median, max) | verdict |%n");
    System.out.println("|---:|---:|---:|---:|---:|---:|---|---:|---|---|---|");
    System.out.printf(Locale.ROOT, "| %,.0f | %,d | %,d | %.4f | %,d | %.3f | %s | %,d %s | %.0f→%.0f %s | %.0f→%.0f (%.0f, %.0f) %s | %s |%n",
        rate, sent, accepted, sent == 0 ? 0 : accepted / (double) sent, evaluations, accepted == 0 ? 0 : evaluations / (double) accepted,
        nonOk.isEmpty() ? "–" : nonOk.toString(), errors, errorsOk ? "(pass)" : "(FAIL)", heapFirst, heapLast,
        heapOk ? "(pass)" : "(FAIL)", p99First, p99Last, p99Median, p99Max, p99Ok ? "(pass)" : "(FAIL)",
        errorsOk && heapOk && p99Ok ? "PASS" : "FAIL");
    System.out.println("load average at the end: " + OtlpIngestBench.loadAverage());
  }
}
