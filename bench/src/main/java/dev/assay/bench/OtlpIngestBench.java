package dev.assay.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.bench.OtlpPayloads.Shape;
import dev.assay.bench.OtlpPayloads.Template;
import dev.assay.store.Database;
import dev.assay.store.DatabaseTarget;
import dev.assay.store.Migrator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * End-to-end OTLP ingest through the real server: a child JVM ({@link BenchServer}, {@code -Xmx512m}) on
 * DuckDB (a fresh temp directory) or PostgreSQL ({@code assay_bench}, migrated and emptied), driven over
 * OTLP/HTTP by N closed-loop clients (java.net.http, one export in flight each). Measures, per database:
 * ~1 KB spans in protobuf (spans/s, p99 ack latency, peak heap), the same in OTLP/JSON, ~10 KB LLM spans in
 * protobuf (MB/s of export bodies), then fills the store to {@code --stored} spans and times filtered trace
 * lists ({@code POST /v2/traces} when the server has it, else {@code POST /v2/spans}), and divides the database
 * size by the span count.
 *
 * <p>Options: {@code --db duckdb|postgres|both}, {@code --clients 16}, {@code --warmup 3}, {@code --seconds 10},
 * {@code --stored 1000000} (0 skips the fill and the queries), {@code --queries 40} (per filter),
 * {@code --heap 512m}, {@code --pg-url postgresql://…} (or {@code ASSAY_BENCH_PG_URL}).
 */
public final class OtlpIngestBench {
  static final double TARGET_SPANS_PER_SECOND = 50_000;
  static final double TARGET_P99_MS = 50;
  static final double TARGET_HEAP_MB = 512;
  static final double TARGET_MB_PER_SECOND = 50;
  static final double TARGET_JSON_RATIO = 1 / 3.0;
  static final double TARGET_QUERY_P95_MS = 100;
  private static final String PROJECT = "otlp-bench";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One measured ingest scenario. */
  record Ingest(String database, String scenario, int clients, long spans, long bytes, double seconds, double p50Ms,
      double p99Ms, double heapMb, long rejected, String load) {
    double spansPerSecond() {
      return spans / seconds;
    }

    double mbPerSecond() {
      return bytes / seconds / 1e6;
    }
  }

  /** The store after the fill: span count, query latencies per filter, bytes on disk. */
  record Stored(String database, long spans, String endpoint, Map<String, Double> p95ByFilter, double p95AllMs, Disk disk,
      String load) {}

  private OtlpIngestBench() {}

  public static void main(String[] args) throws Exception {
    // The driver opens the databases itself (set-up, fill, sizes): their pool and migration notes are noise here.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    Options o = Options.parse(args);
    System.out.printf(Locale.ROOT, "OtlpIngestBench: %s, %d clients, %ds warm-up + %ds measured per scenario, fill to %,d spans,"
            + " server -Xmx%s, %d cores, Java %s, load average %s%n", String.join("+", o.databases), o.clients, o.warmup, o.seconds,
        o.stored, o.heap, Runtime.getRuntime().availableProcessors(), Runtime.version(), loadAverage());
    List<Ingest> ingests = new ArrayList<>();
    List<Stored> stores = new ArrayList<>();
    for (String db : o.databases) {
      Path dir = Files.createTempDirectory("assay-otlp-bench");
      try {
        List<Template> small = OtlpPayloads.templates(Shape.SMALL, 100, false, 32, 1);
        List<Template> smallJson = OtlpPayloads.templates(Shape.SMALL, 100, true, 32, 2);
        List<Template> large = OtlpPayloads.templates(Shape.LLM_10K, 20, false, 32, 3);
        System.out.printf(Locale.ROOT, "  export bodies: protobuf %,d B / 100 spans, OTLP/JSON %,d B / 100 spans, protobuf LLM %,d B / 20 spans%n",
            small.getFirst().body.length, smallJson.getFirst().body.length, large.getFirst().body.length);
        Disk disk;
        try (Server server = Server.start(db, dir, o, true)) {
          // The server's JIT needs more than one scenario's warm-up on a busy machine; warm every path first.
          for (List<Template> warm : List.of(small, smallJson, large)) {
            server.drive(warm, o.clients, Duration.ZERO, Duration.ofSeconds(o.warmup), () -> false);
          }
          ingests.add(report(server.measure(db, "protobuf ~1 KB spans", small, o)));
          ingests.add(report(server.measure(db, "OTLP/JSON ~1 KB spans", smallJson, o)));
          ingests.add(report(server.measure(db, "protobuf ~10 KB LLM spans", large, o)));
          server.stop(); // DuckDB checkpoints on a graceful stop, so the file holds everything
        }
        disk = Disk.measure(db, dir, o);
        System.out.printf(Locale.ROOT, "  %s: %,d spans ingested, %,d bytes on disk, %,.0f bytes per span%n", db,
            disk.spans(), disk.bytes(), disk.bytes() / (double) disk.spans());
        if (o.stored > 0) {
          long start = System.nanoTime();
          long spans = Disk.fill(db, dir, o);
          double fillSeconds = (System.nanoTime() - start) / 1e9;
          System.out.printf(Locale.ROOT, "  %s: filled to %,d spans in %.0f s (copies of the ingested traces, new ids)%n", db, spans, fillSeconds);
          try (Server server = Server.start(db, dir, o, false)) {
            stores.add(server.query(db, spans, disk, o));
          }
        } else {
          stores.add(new Stored(db, disk.spans(), "-", Map.of(), Double.NaN, disk, loadAverage()));
        }
      } finally {
        deleteTree(dir);
      }
    }
    print(ingests, stores, o);
  }

  private static Ingest report(Ingest r) {
    System.out.printf(Locale.ROOT, "  done: %-8s %-26s %,9.0f spans/s %7.1f MB/s  p50 %6.1f ms  p99 %7.1f ms  heap %4.0f MB"
            + "  (%d rejected, load average %s)%n", r.database(), r.scenario(), r.spansPerSecond(), r.mbPerSecond(), r.p50Ms(),
        r.p99Ms(), r.heapMb(), r.rejected(), r.load());
    return r;
  }

  private static void print(List<Ingest> ingests, List<Stored> stores, Options o) {
    PrintStream out = System.out;
    out.println();
    out.println("| database | scenario | spans/s | MB/s | p50 ms | p99 ms | peak heap MB | vs target |");
    out.println("|---|---|---:|---:|---:|---:|---:|---|");
    for (Ingest r : ingests) {
      String verdict;
      if (r.scenario().startsWith("protobuf ~1 KB")) {
        verdict = String.format(Locale.ROOT, "%.2f× spans/s, p99 %.2f×, heap %.2f×", r.spansPerSecond() / TARGET_SPANS_PER_SECOND,
            r.p99Ms() / TARGET_P99_MS, r.heapMb() / TARGET_HEAP_MB);
      } else if (r.scenario().startsWith("OTLP/JSON")) {
        Ingest proto = ingests.stream().filter(p -> p.database().equals(r.database()) && p.scenario().startsWith("protobuf ~1 KB"))
            .findFirst().orElseThrow();
        double ratio = r.spansPerSecond() / proto.spansPerSecond();
        verdict = String.format(Locale.ROOT, "%.2f of protobuf (target ≥ 0.33: %.2f×)", ratio, ratio / TARGET_JSON_RATIO);
      } else {
        verdict = String.format(Locale.ROOT, "%.2f× MB/s", r.mbPerSecond() / TARGET_MB_PER_SECOND);
      }
      out.printf(Locale.ROOT, "| %s | %s | %,.0f | %.1f | %.1f | %.1f | %.0f | %s |%n", r.database(), r.scenario(), r.spansPerSecond(),
          r.mbPerSecond(), r.p50Ms(), r.p99Ms(), r.heapMb(), verdict);
    }
    if (stores.stream().anyMatch(s -> !s.p95ByFilter().isEmpty())) {
      out.println();
      out.println("| database | stored spans | endpoint | filter | p95 ms | vs target |");
      out.println("|---|---:|---|---|---:|---|");
      for (Stored s : stores) {
        for (Map.Entry<String, Double> e : s.p95ByFilter().entrySet()) {
          out.printf(Locale.ROOT, "| %s | %,d | %s | `%s` | %.1f | %.2f× |%n", s.database(), s.spans(), s.endpoint(), e.getKey(),
              e.getValue(), e.getValue() / TARGET_QUERY_P95_MS);
        }
      }
    }
    if (!stores.isEmpty()) {
      out.println();
      out.println("| database | ingested spans | bytes on disk | bytes per span |");
      out.println("|---|---:|---:|---:|");
      for (Stored s : stores) {
        out.printf(Locale.ROOT, "| %s | %,d | %,d | %,.0f |%n", s.database(), s.disk().spans(), s.disk().bytes(),
            s.disk().bytes() / (double) s.disk().spans());
      }
    }
    out.printf(Locale.ROOT, "Targets: protobuf ~1 KB spans >= %,.0f spans/s, p99 <= %.0f ms, heap <= %.0f MB; ~10 KB LLM spans >= %.0f MB/s;"
            + " OTLP/JSON >= 1/3 of protobuf; filtered trace list p95 <= %.0f ms (DuckDB, 10M spans). Ratios: measured / target"
            + " (for p99, heap and p95, below 1 meets it). Load average at the end: %s%n", TARGET_SPANS_PER_SECOND, TARGET_P99_MS,
        TARGET_HEAP_MB, TARGET_MB_PER_SECOND, TARGET_QUERY_P95_MS, loadAverage());
  }

  /** The server child process and the clients that drive it. */
  private static final class Server implements AutoCloseable {
    private final String database;
    private final Path dir;
    private final Process process;
    private final BufferedReader stdout;
    private final PrintStream stdin;
    private final String url;
    private final String pgUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Server(String database, Path dir, Process process, String pgUrl) throws IOException {
      this.database = database;
      this.dir = dir;
      this.process = process;
      this.pgUrl = pgUrl;
      this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      this.stdin = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
      String line = stdout.readLine();
      while (line != null && !line.startsWith("listening ")) { // e.g. the JVM's own notes when -XX options are given
        System.out.println("  server: " + line);
        line = stdout.readLine();
      }
      if (line == null || !line.startsWith("listening ")) {
        throw new IllegalStateException("the bench server did not start; see " + dir.resolve("server-stderr.txt") + ": "
            + Files.readString(dir.resolve("server-stderr.txt")));
      }
      this.url = "http://127.0.0.1:" + line.substring("listening ".length());
    }

    static Server start(String db, Path dir, Options o, boolean fresh) throws IOException {
      String pgUrl = null;
      if (db.equals("postgres")) {
        pgUrl = o.pgUrl;
      }
      if (pgUrl != null && fresh) {
        try (Database database = Database.open(DatabaseTarget.parse(pgUrl), 1)) {
          new Migrator(database.jdbi(), database.dialect(), Clock.systemUTC()).migrate();
          database.jdbi().useHandle(h -> h.execute("TRUNCATE spans, traces, sessions, session_traces"));
          database.jdbi().useHandle(h -> h.execute("VACUUM ANALYZE"));
        }
      }
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx" + o.heap, "--enable-native-access=ALL-UNNAMED", "-Dorg.slf4j.simpleLogger.log.dev.assay.server.AccessLog=warn",
          "-cp", System.getProperty("java.class.path"), BenchServer.class.getName(), dir.resolve("server").toString()));
      if (pgUrl != null) {
        command.add(pgUrl);
      }
      String extra = System.getenv("ASSAY_BENCH_SERVER_JAVA_OPTS"); // e.g. -XX:StartFlightRecording=filename=rec.jfr
      if (extra != null && !extra.isBlank()) {
        command.addAll(1, List.of(extra.trim().split("\\s+")));
      }
      ProcessBuilder builder = new ProcessBuilder(command).redirectError(dir.resolve("server-stderr.txt").toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("ASSAY_"));
      return new Server(db, dir, builder.start(), pgUrl);
    }

    private String command(String command) throws IOException {
      stdin.println(command);
      return stdout.readLine();
    }

    Ingest measure(String db, String scenario, List<Template> templates, Options o) throws Exception {
      command("reset");
      Drive drive = drive(templates, o.clients, Duration.ofSeconds(o.warmup), Duration.ofSeconds(o.seconds), () -> false);
      double heapMb = Long.parseLong(command("heap").substring("heap ".length())) / 1e6;
      return new Ingest(db, scenario, o.clients, drive.spans, drive.bytes, o.seconds, drive.percentile(0.50), drive.percentile(0.99),
          heapMb, drive.rejected.get(), loadAverage());
    }

    Stored query(String db, long spans, Disk disk, Options o) throws Exception {
      String endpoint = post("/v2/traces", Map.of("project_id", PROJECT)).statusCode() == 404 ? "/v2/spans" : "/v2/traces";
      JsonNode some = JSON.readTree(post("/v2/spans?limit=1", Map.of("project_id", PROJECT)).body()).at("/spans/0/attributes");
      List<String> filters = List.of(
          "model_name = 'gpt-4o' and latency_ms > 1500",
          "status_code = 'ERROR'",
          "span_kind = 'LLM' and prompt_tokens > 3100",
          "session_id = '" + some.path("session.id").asText() + "'");
      Map<String, Double> p95 = new java.util.LinkedHashMap<>();
      List<Double> all = new ArrayList<>();
      for (String filter : filters) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < o.queries + 3; i++) {
          long t0 = System.nanoTime();
          HttpResponse<String> reply = post(endpoint + "?limit=50", Map.of("project_id", PROJECT, "filter", filter));
          double ms = (System.nanoTime() - t0) / 1e6;
          if (reply.statusCode() != 200) {
            throw new IllegalStateException(endpoint + " with " + filter + ": " + reply.statusCode() + " " + reply.body());
          }
          if (i >= 3) { // the first ones warm caches and the JIT
            times.add(ms);
          }
        }
        Collections.sort(times);
        all.addAll(times);
        p95.put(filter, times.get((int) Math.ceil(times.size() * 0.95) - 1));
        System.out.printf(Locale.ROOT, "  %s %s: p95 %.1f ms (load average %s)%n", endpoint, filter, p95.get(filter), loadAverage());
      }
      Collections.sort(all);
      return new Stored(db, spans, endpoint, p95, all.get((int) Math.ceil(all.size() * 0.95) - 1), disk, loadAverage());
    }

    private HttpResponse<String> post(String path, Map<String, String> body) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What one drive measured in its window. */
    private static final class Drive {
      long spans;
      long bytes;
      final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
      final AtomicLong rejected = new AtomicLong();

      double percentile(double q) {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.ceil(sorted.size() * q) - 1) / 1e6;
      }
    }

    Drive drive(List<Template> templates, int clients, Duration warmup, Duration measure, BooleanSupplier done) throws Exception {
      return drive(templates, clients, warmup, measure, done, new AtomicLong());
    }

    /**
     * Closed loop: each client sends an export, waits for the answer, sends the next. Counts the exports sent and
     * answered 2xx inside the window after the warm-up; a 429/503 waits its Retry-After and counts as rejected.
     */
    private Drive drive(List<Template> templates, int clients, Duration warmup, Duration measure, BooleanSupplier done,
        AtomicLong ackedSpans) throws Exception {
      Drive drive = new Drive();
      long windowStart = System.nanoTime() + warmup.toNanos();
      long windowEnd = windowStart + measure.toNanos();
      AtomicLong spans = new AtomicLong();
      AtomicLong bytes = new AtomicLong();
      String contentType = templates.getFirst().body[0] == '{' ? "application/json" : "application/x-protobuf";
      List<Thread> threads = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        threads.add(Thread.ofPlatform().start(() -> {
          int next = client;
          while (System.nanoTime() < windowEnd && !done.getAsBoolean()) {
            Template template = templates.get(next++ % templates.size());
            byte[] body = template.fresh();
            long t0 = System.nanoTime();
            HttpResponse<Void> reply;
            try {
              reply = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/traces")).header("Content-Type", contentType)
                  .header("x-project-name", PROJECT).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                  HttpResponse.BodyHandlers.discarding());
            } catch (IOException | InterruptedException e) {
              throw new IllegalStateException("export failed: " + e, e);
            }
            long t1 = System.nanoTime();
            if (reply.statusCode() / 100 == 2) {
              ackedSpans.addAndGet(template.spans);
              if (t0 >= windowStart && t1 <= windowEnd) {
                spans.addAndGet(template.spans);
                bytes.addAndGet(body.length);
                drive.latencies.add(t1 - t0);
              }
            } else if (reply.statusCode() == 429 || reply.statusCode() == 503) {
              drive.rejected.incrementAndGet();
              long wait = reply.headers().firstValueAsLong("Retry-After").orElse(1);
              sleep(Math.min(1000, wait * 1000));
            } else {
              throw new IllegalStateException("export answered " + reply.statusCode());
            }
          }
        }));
      }
      for (Thread t : threads) {
        t.join();
      }
      drive.spans = spans.get();
      drive.bytes = bytes.get();
      return drive;
    }

    void stop() throws InterruptedException {
      stdin.close(); // end of input: the server stops gracefully
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }

    @Override
    public void close() throws Exception {
      if (process.isAlive()) {
        stop();
      }
    }
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static final class Options implements OtlpIngestBenchOptions {
    List<String> databases = List.of("duckdb", "postgres");
    int clients = 16;
    int warmup = 3;
    int seconds = 10;
    long stored = 1_000_000;
    int queries = 40;
    String heap = "512m";
    String pgUrl = System.getenv().getOrDefault("ASSAY_BENCH_PG_URL", "postgresql://assay:assay@127.0.0.1:5432/assay_bench");

    @Override
    public String pgUrl() {
      return pgUrl;
    }

    @Override
    public long stored() {
      return stored;
    }

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i + 1 < args.length || i < args.length; i += 2) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        if (value == null) {
          throw new IllegalArgumentException(args[i] + " needs a value");
        }
        switch (args[i]) {
          case "--db" -> o.databases = value.equals("both") ? List.of("duckdb", "postgres") : List.of(value);
          case "--clients" -> o.clients = Integer.parseInt(value);
          case "--warmup" -> o.warmup = Integer.parseInt(value);
          case "--seconds" -> o.seconds = Integer.parseInt(value);
          case "--stored" -> o.stored = Long.parseLong(value);
          case "--queries" -> o.queries = Integer.parseInt(value);
          case "--heap" -> o.heap = value;
          case "--pg-url" -> o.pgUrl = value;
          default -> throw new IllegalArgumentException("unknown option " + args[i] + " (see the OtlpIngestBench Javadoc or bench/README.md)");
        }
      }
      return o;
    }
  }
}
