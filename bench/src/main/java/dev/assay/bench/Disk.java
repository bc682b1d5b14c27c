package dev.assay.bench;

import dev.assay.store.Database;
import dev.assay.store.DatabaseTarget;
import dev.assay.store.Migrator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;

/**
 * The store of an {@link OtlpIngestBench} run seen from the database side: the spans it holds and the bytes
 * they take, and the bulk fill that grows it to the size the query figures are quoted at.
 *
 * @param spans the spans stored
 * @param bytes DuckDB: the database file and WAL less those of an empty migrated database; PostgreSQL: the
 *     span, trace and session tables with their indexes and TOAST
 */
record Disk(long spans, long bytes) {
  private static final String SPAN_COLUMNS = "project_id, trace_id, span_id, parent_id, name, span_kind, start_time, end_time, "
      + "latency_ms, status_code, status_message, input_value, input_mime_type, output_value, output_mime_type, model_name, "
      + "model_provider, prompt_tokens, completion_tokens, total_tokens, cost_total, session_id, user_id, attributes, events, ingested_at";
  private static final String TRACE_COLUMNS = "project_id, trace_id, root_span_id, root_span_name, start_time, end_time, span_count, "
      + "error_count, prompt_tokens, completion_tokens, total_tokens, cost_total, session_id, updated_at";
  private static final String SESSION_COLUMNS = "project_id, session_id, user_id, first_input, last_output, first_root_start, "
      + "first_root_span_id, last_root_start, last_root_span_id, start_time, end_time, trace_count, span_count, error_count, "
      + "total_tokens, cost_total, updated_at";

  static Disk measure(String db, Path dir, OtlpIngestBenchOptions o) throws IOException {
    if (db.equals("postgres")) {
      try (Database database = Database.open(DatabaseTarget.parse(o.pgUrl()), 1)) {
        return database.jdbi().withHandle(h -> new Disk(count(h),
            h.createQuery("SELECT pg_total_relation_size('spans') + pg_total_relation_size('traces')"
                + " + pg_total_relation_size('sessions') + pg_total_relation_size('session_traces')").mapTo(Long.class).one()));
      }
    }
    Path empty = dir.resolve("empty");
    Files.createDirectories(empty);
    try (Database database = Database.open(duckDb(empty), 1)) {
      new Migrator(database.jdbi(), database.dialect(), Clock.systemUTC()).migrate();
    }
    long spans;
    try (Database database = Database.open(duckDb(dir.resolve("server")), 1)) {
      spans = database.jdbi().withHandle(Disk::count);
    }
    return new Disk(spans, duckDbBytes(dir.resolve("server")) - duckDbBytes(empty));
  }

  /**
   * Grows the store to about {@code o.stored()} spans with copies of what was ingested: every span, trace,
   * session and session link again under new ids (md5 of the old id and the copy number, cut to the id length),
   * one second earlier per copy, so the rows keep the ingested shape and every roll-up stays consistent.
   * Rows are inserted in start-time order, as live ingest stores them (spans arrive around the time they
   * start): a cross join's order would instead interleave every copy into every row group, a layout no real
   * store has, on which DuckDB's zone maps cannot skip anything.
   * The server must be stopped for DuckDB (one process owns the file). Returns the span count.
   */
  static long fill(String db, Path dir, OtlpIngestBenchOptions o) {
    DatabaseTarget target = db.equals("postgres") ? DatabaseTarget.parse(o.pgUrl()) : duckDb(dir.resolve("server"));
    try (Database database = Database.open(target, 1)) {
      return database.jdbi().withHandle(h -> {
        long have = count(h);
        long copies = Math.max(0, (o.stored() - have + have - 1) / have);
        String g = "CAST(g AS VARCHAR)";
        String id32 = "substr(md5(%s || '-' || " + g + "), 1, 32)";
        String id16 = "substr(md5(%s || '-' || " + g + "), 1, 16)";
        String series = " FROM %s, generate_series(1, " + copies + ") AS c(g)";
        h.useTransaction(t -> {
          t.execute("INSERT INTO spans (" + SPAN_COLUMNS + ") SELECT project_id, " + id32.formatted("trace_id") + ", "
              + id16.formatted("span_id") + ", CASE WHEN parent_id IS NULL THEN NULL ELSE " + id16.formatted("parent_id") + " END, "
              + "name, span_kind, start_time - g * 1000000, end_time - g * 1000000, latency_ms, status_code, status_message, "
              + "input_value, input_mime_type, output_value, output_mime_type, model_name, model_provider, prompt_tokens, "
              + "completion_tokens, total_tokens, cost_total, CASE WHEN session_id IS NULL THEN NULL ELSE session_id || '-' || " + g
              + " END, user_id, attributes, events, ingested_at" + series.formatted("spans") + " ORDER BY start_time - g * 1000000");
          t.execute("INSERT INTO traces (" + TRACE_COLUMNS + ") SELECT project_id, " + id32.formatted("trace_id") + ", "
              + "CASE WHEN root_span_id IS NULL THEN NULL ELSE " + id16.formatted("root_span_id") + " END, root_span_name, "
              + "start_time - g * 1000000, end_time - g * 1000000, span_count, error_count, prompt_tokens, completion_tokens, "
              + "total_tokens, cost_total, CASE WHEN session_id IS NULL THEN NULL ELSE session_id || '-' || " + g + " END, updated_at"
              + series.formatted("traces") + " ORDER BY start_time - g * 1000000");
          t.execute("INSERT INTO sessions (" + SESSION_COLUMNS + ") SELECT project_id, session_id || '-' || " + g + ", user_id, "
              + "first_input, last_output, first_root_start - g * 1000000, "
              + "CASE WHEN first_root_span_id IS NULL THEN NULL ELSE " + id16.formatted("first_root_span_id") + " END, "
              + "last_root_start - g * 1000000, "
              + "CASE WHEN last_root_span_id IS NULL THEN NULL ELSE " + id16.formatted("last_root_span_id") + " END, "
              + "start_time - g * 1000000, end_time - g * 1000000, trace_count, span_count, error_count, total_tokens, cost_total, "
              + "updated_at" + series.formatted("sessions"));
          t.execute("INSERT INTO session_traces (project_id, session_id, trace_id) SELECT project_id, session_id || '-' || " + g + ", "
              + id32.formatted("trace_id") + series.formatted("session_traces"));
        });
        if (db.equals("postgres")) {
          h.execute("VACUUM ANALYZE");
        } else {
          h.execute("CHECKPOINT");
        }
        return count(h);
      });
    }
  }

  private static long count(Handle h) {
    return h.createQuery("SELECT count(*) FROM spans").mapTo(Long.class).one();
  }

  private static DatabaseTarget duckDb(Path dir) {
    return DatabaseTarget.parse("duckdb:" + dir.resolve("assay.duckdb"));
  }

  private static long duckDbBytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("assay.duckdb")).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
