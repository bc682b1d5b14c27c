package dev.assay.bench;

import dev.assay.store.Database;
import dev.assay.store.DatabaseTarget;
import dev.assay.store.Migrator;
import dev.assay.store.WriterSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * End-to-end throughput and latency of the batching span writer ({@code BatchingWriter} +
 * {@code JdbcSpanSink}, roll-ups included) on DuckDB (a fresh temp file) and PostgreSQL (the
 * {@code assay_bench} database, migrated and emptied first), with 1, 8 and 64 closed-loop submitters.
 *
 * <p>Options: {@code --db duckdb|postgres|both}, {@code --submitters 1,8,64}, {@code --batch 100}
 * (spans per submission), {@code --row-bytes 1000}, {@code --max-rows-per-commit N}, {@code --linger-ms N},
 * {@code --warmup 3} and {@code --seconds 10} (per run), {@code --pg-url postgresql://…} (or
 * {@code ASSAY_BENCH_PG_URL}), {@code --set name=value} (a database setting, e.g. DuckDB's
 * {@code checkpoint_threshold=256MB}; repeatable), {@code --ceiling} (also measure DuckDB's own append rate
 * for the same rows, see {@link DuckDbCeiling}).
 */
public final class WriterBench {
  static final double TARGET_ROWS_PER_SECOND = 100_000;
  static final double TARGET_P99_MS = 50;

  private WriterBench() {}

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    WriterSettings settings = WriterSettings.DEFAULTS;
    if (o.maxRowsPerCommit > 0) {
      settings = settings.withMaxRowsPerCommit(o.maxRowsPerCommit);
    }
    if (o.lingerMs >= 0) {
      settings = settings.withMaxLinger(Duration.ofMillis(o.lingerMs));
    }
    System.out.printf(Locale.ROOT, "WriterBench: %d spans per submission, ~%d bytes per span, %s, max %d rows per commit, linger %d ms,"
            + " %ds warm-up + %ds measured per run, settings %s, %d cores, Java %s%n", o.batch, o.rowBytes,
        String.join("+", o.databases), settings.maxRowsPerCommit(), settings.maxLinger().toMillis(), o.warmup, o.seconds, o.sets,
        Runtime.getRuntime().availableProcessors(), Runtime.version());
    List<WriterScenario.Result> results = new ArrayList<>();
    for (String db : o.databases) {
      for (int submitters : o.submitters) {
        results.add(run(db, o, settings, submitters));
        WriterScenario.Result r = results.getLast();
        System.out.printf(Locale.ROOT, "  done: %-8s %3d submitters  %,10.0f rows/s  p99 %.1f ms  (load average %s)%n", r.database(),
            submitters, r.rowsPerSecond(), r.p99Ms(), loadAverage());
      }
    }
    print(results);
    if (o.ceiling) {
      double ceiling = ceiling(o, settings);
      System.out.printf(Locale.ROOT, "DuckDB ceiling (Appender straight into spans, %,d rows per commit, no staging or roll-ups):"
          + " %,.0f rows/s (load average %s)%n", settings.maxRowsPerCommit(), ceiling, loadAverage());
    }
  }

  private static double ceiling(Options o, WriterSettings settings) throws Exception {
    Path dir = Files.createTempDirectory("assay-bench");
    try (Database database = Database.open(DatabaseTarget.parse("duckdb:" + dir.resolve("ceiling.duckdb")), 2)) {
      new Migrator(database.jdbi(), database.dialect(), Clock.systemUTC()).migrate();
      WriterScenario scenario = new WriterScenario(database, settings, o.batch, o.rowBytes);
      return DuckDbCeiling.rowsPerSecond(database, scenario, settings.maxRowsPerCommit(), Duration.ofSeconds(o.warmup),
          Duration.ofSeconds(o.seconds));
    } finally {
      deleteTree(dir);
    }
  }

  private static WriterScenario.Result run(String db, Options o, WriterSettings settings, int submitters) throws Exception {
    Path dir = null;
    DatabaseTarget target;
    if (db.equals("duckdb")) {
      dir = Files.createTempDirectory("assay-bench");
      target = DatabaseTarget.parse("duckdb:" + dir.resolve("bench.duckdb"));
    } else {
      target = DatabaseTarget.parse(o.pgUrl);
    }
    try (Database database = Database.open(target, 4)) {
      new Migrator(database.jdbi(), database.dialect(), Clock.systemUTC()).migrate();
      for (String set : o.sets) { // DuckDB settings are per database instance, so every pooled connection sees them
        String[] kv = set.split("=", 2);
        database.jdbi().useHandle(h -> h.execute("SET " + kv[0] + " = '" + kv[1].replace("'", "''") + "'"));
      }
      if (!db.equals("duckdb")) {
        database.jdbi().useHandle(h -> h.execute("TRUNCATE spans, traces, sessions, session_traces"));
        database.jdbi().useHandle(h -> h.execute("VACUUM ANALYZE"));
      }
      WriterScenario scenario = new WriterScenario(database, settings, o.batch, o.rowBytes);
      if (submitters == o.submitters[0]) {
        System.out.printf(Locale.ROOT, "  %s: %.0f bytes of column data per span%n", db, scenario.textBytesPerSpan());
      }
      return scenario.run(db, submitters, Duration.ofSeconds(o.warmup), Duration.ofSeconds(o.seconds));
    } finally {
      if (dir != null) {
        deleteTree(dir);
      }
    }
  }

  private static void print(List<WriterScenario.Result> results) {
    System.out.println();
    System.out.println("| database | submitters | spans/submission | rows/s | commits/s | rows/commit | p50 ms | p99 ms | max ms | vs target |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for (WriterScenario.Result r : results) {
      double rate = r.rowsPerSecond();
      String verdict = !r.database().equals("duckdb") ? "(target is for DuckDB)"
          : String.format(Locale.ROOT, "%.2f× rows/s, p99 %s", rate / TARGET_ROWS_PER_SECOND, r.p99Ms() <= TARGET_P99_MS ? "met" : "missed");
      System.out.printf(Locale.ROOT, "| %s | %d | %d | %,.0f | %,.0f | %,.0f | %.1f | %.1f | %.1f | %s |%n", r.database(), r.submitters(),
          r.batchSize(), rate, r.commits() / r.seconds(), r.commits() == 0 ? 0 : r.rows() / (double) r.commits(), r.p50Ms(), r.p99Ms(),
          r.maxMs(), verdict);
    }
    System.out.printf(Locale.ROOT, "Target (DuckDB): >= %,.0f rows/s with p99 <= %.0f ms, ~1 KB spans.%n", TARGET_ROWS_PER_SECOND,
        TARGET_P99_MS);
  }

  /** The 1-minute load average where the OS reports it: other work on the machine moves these numbers a lot. */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static final class Options {
    List<String> databases = List.of("duckdb", "postgres");
    int[] submitters = {1, 8, 64};
    int batch = 100;
    int rowBytes = 1000;
    int maxRowsPerCommit;
    int lingerMs = -1;
    List<String> sets = new ArrayList<>();
    boolean ceiling;
    int warmup = 3;
    int seconds = 10;
    String pgUrl = System.getenv().getOrDefault("ASSAY_BENCH_PG_URL", "postgresql://assay:assay@127.0.0.1:5432/assay_bench");

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--db" -> o.databases = value.equals("both") ? List.of("duckdb", "postgres") : List.of(value);
          case "--submitters" -> o.submitters = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
          case "--batch" -> o.batch = Integer.parseInt(value);
          case "--row-bytes" -> o.rowBytes = Integer.parseInt(value);
          case "--max-rows-per-commit" -> o.maxRowsPerCommit = Integer.parseInt(value);
          case "--linger-ms" -> o.lingerMs = Integer.parseInt(value);
          case "--set" -> o.sets.add(value);
          case "--ceiling" -> {
            o.ceiling = true;
            i--; // takes no value
          }
          case "--warmup" -> o.warmup = Integer.parseInt(value);
          case "--seconds" -> o.seconds = Integer.parseInt(value);
          case "--pg-url" -> o.pgUrl = value;
          default -> throw new IllegalArgumentException("unknown option " + args[i] + " (see the WriterBench Javadoc or bench/README.md)");
        }
        i++;
      }
      return o;
    }
  }
}
