package dev.assay.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.bench.OtlpPayloads.Shape;
import dev.assay.bench.OtlpPayloads.Template;
import dev.assay.eval.exec.ExecutorSettings;
import dev.assay.server.v2.ApiIds;
import dev.assay.store.Database;
import dev.assay.store.DatabaseTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Backfill throughput over PostgreSQL: {@code --spans} ~1 KB spans ingested over OTLP into a fresh
 * {@code assay_bench}, a task created and a run triggered through the API (max_spans = all of them), the run
 * polled until it ends. Targets/s = the run's targets / (run_finished_at − run_started_at), planning included.
 * Scenarios: a CODE evaluator on each replica count of {@code --replicas} (1,2: separate server JVMs on one
 * database, sharing the run's chunk jobs through the work queue; which replica held each chunk is read from the
 * jobs table while the run goes); then an LLM judge on one replica against the fake model server in its own JVM
 * answering after {@code --latency-ms} (R), over {@code --judge-spans} spans, compared with N/R where N is the
 * executor's concurrency. Before each measured run an unmeasured warm-up run of another evaluator (other result
 * names, so nothing is skipped) over {@code --warm-up} (code) or {@code --judge-warm-up} targets gives the servers'
 * JIT the path.
 *
 * <p>Options: {@code --spans 20000}, {@code --replicas 1,2}, {@code --judge-spans 3000} (0 skips),
 * {@code --latency-ms 1000}, {@code --warm-up 2000}, {@code --judge-warm-up 500}, {@code --clients 8} (ingest),
 * {@code --heap 1g}, {@code --pg-url …}.
 */
public final class TaskBackfillBench {
  private static final String PROJECT = "backfill-bench";
  private static final Pattern OWNER_PID = Pattern.compile("-(\\d+)-[0-9a-f]+$");

  private TaskBackfillBench() {}

  record Result(String scenario, int replicas, long targets, double seconds, double wallSeconds, String chunksByReplica,
      double bound, String status, String load) {
    double perSecond() {
      return targets / seconds;
    }
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    long spans = 20_000;
    List<Integer> replicaCounts = List.of(1, 2);
    long judgeSpans = 3_000;
    long latencyMs = 1_000;
    long codeWarmUp = 2_000;
    long judgeWarmUp = 500;
    int clients = 8;
    String heap = "1g";
    String pgUrl = TaskBenchKit.DEFAULT_PG_URL;
    for (int i = 0; i < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "--spans" -> spans = Long.parseLong(v);
        case "--replicas" -> replicaCounts = java.util.Arrays.stream(v.split(",")).filter(s -> !s.isBlank()).map(Integer::valueOf).toList();
        case "--judge-spans" -> judgeSpans = Long.parseLong(v);
        case "--latency-ms" -> latencyMs = Long.parseLong(v);
        case "--warm-up" -> codeWarmUp = Long.parseLong(v);
        case "--judge-warm-up" -> judgeWarmUp = Long.parseLong(v);
        case "--clients" -> clients = Integer.parseInt(v);
        case "--heap" -> heap = v;
        case "--pg-url" -> pgUrl = v;
        default -> throw new IllegalArgumentException("unknown option " + args[i] + " (see bench/README.md)");
      }
    }
    System.out.printf(Locale.ROOT, "TaskBackfillBench: PostgreSQL, %,d spans for code runs, %,d for the judge (R = %d ms), "
            + "%d cores, Java %s, load average %s%n", spans, judgeSpans, latencyMs, Runtime.getRuntime().availableProcessors(),
        Runtime.version(), OtlpIngestBench.loadAverage());
    List<Result> results = new ArrayList<>();
    for (int n : replicaCounts) {
      results.add(run("code", n, spans, codeWarmUp, 0, clients, heap, pgUrl));
    }
    if (judgeSpans > 0) {
      results.add(run("judge", 1, judgeSpans, judgeWarmUp, latencyMs, clients, heap, pgUrl));
    }
    System.out.println();
    System.out.println("| evaluator | replicas | targets | run s | targets/s | chunks seen per replica | N/R | of N/R | status | load |");
    System.out.println("|---|---:|---:|---:|---:|---|---:|---:|---|---|");
    for (Result r : results) {
      System.out.printf(Locale.ROOT, "| %s | %d | %,d | %.1f | %,.1f | %s | %s | %s | %s | %s |%n", r.scenario(), r.replicas(),
          r.targets(), r.seconds(), r.perSecond(), r.chunksByReplica(), Double.isNaN(r.bound()) ? "-" : String.format(Locale.ROOT, "%.0f", r.bound()),
          Double.isNaN(r.bound()) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * r.perSecond() / r.bound()), r.status(), r.load());
    }
  }

  private static Result run(String scenario, int replicaCount, long spans, long warmUp, long latencyMs, int clients, String heap,
      String pgUrl) throws Exception {
    TaskBenchKit.freshPostgres(pgUrl);
    Path dir = Files.createTempDirectory("assay-backfill-bench");
    List<BenchReplica> replicas = new ArrayList<>();
    FakeModelProcess fake = null;
    try {
      for (int i = 0; i < replicaCount; i++) {
        replicas.add(BenchReplica.start(dir.resolve("replica-" + i), pgUrl, heap));
      }
      BenchReplica api = replicas.getFirst();
      // The judge needs a distinct prompt per span (else the executor's response cache answers): the ~1 KB spans
      // repeat their short input across templates, the ~10 KB LLM spans' inputs are all different.
      List<Template> templates = scenario.equals("judge")
          ? OtlpPayloads.templates(Shape.LLM_10K, 20, false, (int) Math.min(1_000, spans / 20 + 1), 21)
          : OtlpPayloads.templates(Shape.SMALL, 100, false, 32, 21);
      double ingestSeconds = TaskBenchKit.ingest(api, PROJECT, templates, spans, clients);
      System.out.printf(Locale.ROOT, "  %s × %d: %,d spans ingested in %.1f s%n", scenario, replicaCount, spans, ingestSeconds);
      String projectId = TaskBenchKit.projectId(api, PROJECT);
      String type = scenario.equals("judge") ? "TEMPLATE_EVALUATION" : "CODE_EVALUATION";
      double bound = Double.NaN;
      String config = null;
      if (scenario.equals("judge")) {
        fake = FakeModelProcess.start(Duration.ofMillis(latencyMs), null, null);
        config = api.post("/v2/ai-integrations", BenchReplica.json(Map.of("name", "bench-judge", "provider", "CUSTOM",
            "base_url", fake.openAiBaseUrl(), "model_names", List.of("judge-1"), "api_key", "sk-bench"))).get("id").asText();
        bound = ExecutorSettings.defaults().concurrency() * 1000.0 / latencyMs;
      }
      if (warmUp > 0) { // the servers' JIT: the same path on another evaluator (other result names), not measured
        String warm = config == null ? TaskBenchKit.codeEvaluator(api, "warm_up") : TaskBenchKit.judgeEvaluator(api, "warm_up", config);
        String warmTask = TaskBenchKit.task(api, "warm-up-" + scenario, type, projectId, warm, false);
        long w0 = System.nanoTime();
        JsonNode warmRun = TaskBenchKit.awaitRun(api, TaskBenchKit.trigger(api, warmTask, Duration.ofHours(3), warmUp),
            Duration.ofMinutes(30));
        System.out.printf(Locale.ROOT, "  %s × %d: warm-up run of %,d targets %s in %.1f s%n", scenario, replicaCount,
            warmRun.get("num_targets").asLong(), warmRun.get("status").asText(), (System.nanoTime() - w0) / 1e9);
      }
      String evaluator = config == null ? TaskBenchKit.codeEvaluator(api, "cites_kb") : TaskBenchKit.judgeEvaluator(api, "correct", config);
      String task = TaskBenchKit.task(api, "backfill-" + scenario, type, projectId, evaluator, false);
      long t0 = System.nanoTime();
      String runId = TaskBenchKit.trigger(api, task, Duration.ofHours(3), spans);
      Map<String, Set<String>> chunksByOwner;
      JsonNode run;
      try (Watcher watcher = new Watcher(pgUrl, ApiIds.decode("TaskRun", runId))) {
        run = TaskBenchKit.awaitRun(api, runId, Duration.ofMinutes(30));
        chunksByOwner = watcher.byOwner;
      }
      double wall = (System.nanoTime() - t0) / 1e9;
      double seconds = Duration.between(Instant.parse(run.get("run_started_at").asText()),
          Instant.parse(run.get("run_finished_at").asText())).toNanos() / 1e9;
      Map<Long, Integer> byPid = new TreeMap<>();
      chunksByOwner.forEach((owner, jobs) -> {
        Matcher m = OWNER_PID.matcher(owner);
        byPid.merge(m.find() ? Long.parseLong(m.group(1)) : -1L, jobs.size(), Integer::sum);
      });
      List<String> split = new ArrayList<>();
      for (BenchReplica r : replicas) {
        split.add(String.valueOf(byPid.getOrDefault(r.pid(), 0)));
      }
      Result r = new Result(scenario, replicaCount, run.get("num_targets").asLong(), seconds, wall,
          String.join(" / ", split) + " of " + run.path("chunks_total").asInt(), bound,
          run.get("status").asText() + " (" + run.get("num_successes").asLong() + " ok, " + run.get("num_errors").asLong()
              + " errors, " + run.get("num_skipped").asLong() + " skipped)", OtlpIngestBench.loadAverage());
      System.out.printf(Locale.ROOT, "  %s × %d: %,d targets in %.1f s (%.1f s from trigger to seen ended): %,.1f targets/s; "
          + "chunks %s; %s%n", scenario, replicaCount, r.targets(), seconds, wall, r.perSecond(), r.chunksByReplica(), r.status());
      return r;
    } finally {
      for (BenchReplica r : replicas) {
        r.close();
      }
      if (fake != null) {
        fake.close();
      }
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * Which lease owner held each chunk job of the run, polled every 20 ms from the jobs table (the queue clears
   * the owner when a job ends, so it has to be seen while it runs; very short chunks may be missed).
   */
  private static final class Watcher implements AutoCloseable {
    final Map<String, Set<String>> byOwner = new ConcurrentHashMap<>();
    private final Database db;
    private final Thread thread;
    private volatile boolean stop;

    Watcher(String pgUrl, String runId) {
      db = Database.open(DatabaseTarget.parse(pgUrl), 1);
      thread = Thread.ofPlatform().daemon().start(() -> {
        while (!stop) {
          db.jdbi().useHandle(h -> h.createQuery("""
                  SELECT id, lease_owner FROM jobs
                  WHERE kind = 'tasks.evaluate' AND status = 'RUNNING' AND payload->>'run_id' = :run""")
              .bind("run", runId).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
              .forEach(e -> byOwner.computeIfAbsent(e.getValue(), k -> ConcurrentHashMap.newKeySet()).add(e.getKey())));
          TaskBenchKit.sleep(20);
        }
      });
    }

    @Override
    public void close() throws InterruptedException {
      stop = true;
      thread.join(2_000);
      db.close();
    }
  }
}
