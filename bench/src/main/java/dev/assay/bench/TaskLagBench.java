package dev.assay.bench;

import dev.assay.bench.OtlpPayloads.Shape;
import dev.assay.bench.OtlpPayloads.Template;
import dev.assay.store.Database;
import dev.assay.store.DatabaseTarget;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Continuous-evaluation lag: a real server ({@link BenchServer} child JVM) with one continuous SPAN task (a CODE
 * evaluator: does the output cite {@code kb-<n>}), fed OTLP/HTTP protobuf exports of 100 ~1 KB spans at a fixed
 * rate ({@code --rate}, default 5,000 spans/s, open loop: export k is sent at start + k × 100/rate by the first
 * free of {@code --clients} senders). After {@code --warmup} s, {@code --seconds} s are measured. Once the last
 * exports' spans have results (or {@code --drain} s passed) the server stops and the database is read: for every
 * span committed inside the window, lag = its result's {@code evaluations.created_at} − the span's
 * {@code spans.ingested_at} (the commit's timestamp). Prints p50/p99/max, spans without a result, and the
 * achieved ingest rate (spans acknowledged inside the window / its length).
 *
 * <p>Options: {@code --db duckdb|postgres|both} (duckdb), {@code --rate 5000}, {@code --seconds 30},
 * {@code --warmup 5}, {@code --clients 32}, {@code --drain 180}, {@code --heap 1g}, {@code --pg-url …}.
 */
public final class TaskLagBench {
  private static final String PROJECT = "lag-bench";

  private TaskLagBench() {}

  record Result(String db, double offered, double achieved, long spans, long evaluated, double p50Ms, double p99Ms,
      double maxMs, double maxBehindMs, String load) {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    List<String> dbs = List.of("duckdb");
    double rate = 5000;
    int seconds = 30;
    int warmup = 5;
    int clients = 32;
    int drain = 180;
    String heap = "1g";
    String pgUrl = TaskBenchKit.DEFAULT_PG_URL;
    for (int i = 0; i < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "--db" -> dbs = v.equals("both") ? List.of("duckdb", "postgres") : List.of(v);
        case "--rate" -> rate = Double.parseDouble(v);
        case "--seconds" -> seconds = Integer.parseInt(v);
        case "--warmup" -> warmup = Integer.parseInt(v);
        case "--clients" -> clients = Integer.parseInt(v);
        case "--drain" -> drain = Integer.parseInt(v);
        case "--heap" -> heap = v;
        case "--pg-url" -> pgUrl = v;
        default -> throw new IllegalArgumentException("unknown option " + args[i] + " (see bench/README.md)");
      }
    }
    System.out.printf(Locale.ROOT, "TaskLagBench: continuous CODE task, %,.0f spans/s offered for %d s (+%d s warm-up), "
            + "%d senders, %d cores, Java %s, load average %s%n", rate, seconds, warmup, clients,
        Runtime.getRuntime().availableProcessors(), Runtime.version(), OtlpIngestBench.loadAverage());
    List<Result> results = new ArrayList<>();
    for (String db : dbs) {
      results.add(run(db, db.equals("postgres") ? pgUrl : null, rate, seconds, warmup, clients, drain, heap));
    }
    System.out.println();
    System.out.println("| database | offered spans/s | achieved spans/s | spans in window | with result | lag p50 ms | lag p99 ms "
        + "| lag max ms | senders behind by (max) ms | load |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for (Result r : results) {
      System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %,d | %,d | %,.0f | %,.0f | %,.0f | %,.0f | %s |%n", r.db(), r.offered(),
          r.achieved(), r.spans(), r.evaluated(), r.p50Ms(), r.p99Ms(), r.maxMs(), r.maxBehindMs(), r.load());
    }
  }

  private static Result run(String db, String pgUrl, double rate, int seconds, int warmup, int clients, int drain, String heap)
      throws Exception {
    Path dir = Files.createTempDirectory("assay-lag-bench");
    if (pgUrl != null) {
      TaskBenchKit.freshPostgres(pgUrl);
    }
    List<Template> templates = OtlpPayloads.templates(Shape.SMALL, 100, false, 32, 11);
    Drive drive;
    try (BenchReplica server = BenchReplica.start(dir.resolve("server"), pgUrl, heap)) {
      TaskBenchKit.send(server, PROJECT, templates.getFirst().fresh()); // creates the project (before the task: not evaluated)
      String projectId = TaskBenchKit.projectId(server, PROJECT);
      String evaluator = TaskBenchKit.codeEvaluator(server, "cites_kb");
      TaskBenchKit.task(server, "lag-continuous", "CODE_EVALUATION", projectId, evaluator, true);
      Thread.sleep(2_000); // replicas refresh their set of projects with continuous tasks every second
      drive = drive(server, templates, rate, warmup, seconds, clients);
      System.out.printf(Locale.ROOT, "  %s: %,d spans acknowledged in the window (%,.0f/s), waiting for the last results …%n", db,
          drive.windowSpans.get(), drive.windowSpans.get() / (double) seconds);
      awaitResults(server, projectId, drive.lastBodies(), Duration.ofSeconds(drain));
      server.stop();
    }
    try (Database database = Database.open(pgUrl != null ? DatabaseTarget.parse(pgUrl) : DatabaseTarget.embedded(dir.resolve("server")), 1)) {
      List<Long> lags = new ArrayList<>();
      long[] spans = {0};
      database.jdbi().useHandle(h -> h.createQuery("""
              SELECT e.created_at - s.ingested_at FROM spans s
              JOIN projects p ON p.id = s.project_id AND p.name = :project
              LEFT JOIN evaluations e ON e.project_id = s.project_id AND e.target_kind = 'SPAN' AND e.target_id = s.span_id
              WHERE s.ingested_at >= :from AND s.ingested_at < :to""")
          .bind("project", PROJECT).bind("from", drive.fromMicros).bind("to", drive.toMicros)
          .map((rs, ctx) -> {
            long lag = rs.getLong(1);
            return rs.wasNull() ? null : lag;
          })
          .forEach(lag -> {
            spans[0]++;
            if (lag != null) {
              lags.add(lag);
            }
          }));
      List<Long> sorted = TaskBenchKit.sorted(lags);
      Result r = new Result(db, rate, drive.windowSpans.get() / (double) seconds, spans[0], lags.size(),
          TaskBenchKit.quantile(sorted, 0.50) / 1e3, TaskBenchKit.quantile(sorted, 0.99) / 1e3,
          sorted.isEmpty() ? Double.NaN : sorted.getLast() / 1e3, drive.maxBehindNanos.get() / 1e6, OtlpIngestBench.loadAverage());
      System.out.printf(Locale.ROOT, "  %s: lag p50 %,.0f ms, p99 %,.0f ms, max %,.0f ms over %,d of %,d spans (%d exports resent "
          + "after an I/O error)%n", db, r.p50Ms(), r.p99Ms(), r.maxMs(), r.evaluated(), r.spans(), TaskBenchKit.RESENT.getAndSet(0));
      return r;
    } finally {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The paced drive's counters. */
  private static final class Drive {
    final AtomicLong windowSpans = new AtomicLong();
    final AtomicLong maxBehindNanos = new AtomicLong();
    final List<AtomicReference<byte[]>> last = List.of(new AtomicReference<>(), new AtomicReference<>(), new AtomicReference<>());
    long fromMicros;
    long toMicros;

    List<byte[]> lastBodies() {
      return last.stream().map(AtomicReference::get).filter(java.util.Objects::nonNull).toList();
    }
  }

  /** Open loop: export k goes out at start + k × interval, sent by whichever sender is free. */
  private static Drive drive(BenchReplica server, List<Template> templates, double rate, int warmup, int seconds, int clients)
      throws InterruptedException {
    Drive drive = new Drive();
    long intervalNanos = (long) (templates.getFirst().spans * 1e9 / rate);
    long start = System.nanoTime() + 50_000_000L;
    long windowStart = start + warmup * 1_000_000_000L;
    long windowEnd = windowStart + seconds * 1_000_000_000L;
    long wallAtStart = System.currentTimeMillis() * 1000 - (System.nanoTime() - start) / 1000;
    drive.fromMicros = wallAtStart + (windowStart - start) / 1000;
    drive.toMicros = wallAtStart + (windowEnd - start) / 1000;
    AtomicLong ticket = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      threads.add(Thread.ofPlatform().start(() -> {
        for (long k; ; ) {
          k = ticket.getAndIncrement();
          long due = start + k * intervalNanos;
          if (due >= windowEnd) {
            return;
          }
          long wait = due - System.nanoTime();
          if (wait > 0) {
            TaskBenchKit.sleep(wait / 1_000_000);
          } else {
            drive.maxBehindNanos.accumulateAndGet(-wait, Math::max);
          }
          Template template = templates.get((int) (k % templates.size()));
          byte[] body = template.fresh();
          long t0 = System.nanoTime();
          TaskBenchKit.send(server, PROJECT, body);
          if (t0 >= windowStart && t0 < windowEnd) {
            drive.windowSpans.addAndGet(template.spans);
          }
          drive.last.get((int) (k % 3)).set(body);
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    return drive;
  }

  /** Waits until every span of the given exports has a result (the queue is then about drained). */
  private static void awaitResults(BenchReplica server, String projectId, List<byte[]> bodies, Duration timeout) throws Exception {
    List<String> ids = new ArrayList<>();
    for (byte[] body : bodies) {
      ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
      request.getResourceSpansList().forEach(rs -> rs.getScopeSpansList().forEach(ss -> ss.getSpansList().forEach(
          s -> ids.add(HexFormat.of().formatHex(s.getSpanId().toByteArray())))));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (String id : ids) {
      while (server.get("/v2/evaluations?project_id=" + BenchReplica.q(projectId) + "&target_kind=SPAN&target_id="
          + BenchReplica.q(id) + "&limit=1").get("evaluations").isEmpty()) {
        if (System.nanoTime() > deadline) {
          System.out.println("  (drain timeout: results still missing; the figures cover what was evaluated)");
          return;
        }
        Thread.sleep(200);
      }
    }
    Thread.sleep(1_000);
  }
}
