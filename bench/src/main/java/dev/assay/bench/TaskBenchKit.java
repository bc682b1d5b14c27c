package dev.assay.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.bench.OtlpPayloads.Template;
import dev.assay.store.Database;
import dev.assay.store.DatabaseTarget;
import dev.assay.store.Migrator;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What the task benchmarks share: a fresh PostgreSQL database, OTLP ingest, and tasks and runs through the API. */
final class TaskBenchKit {
  static final String DEFAULT_PG_URL = System.getenv().getOrDefault("ASSAY_BENCH_PG_URL",
      "postgresql://assay:assay@127.0.0.1:5432/assay_bench");

  private TaskBenchKit() {}

  /** Migrates the bench database and empties every table but the migrations and spaces. */
  static void freshPostgres(String pgUrl) {
    try (Database db = Database.open(DatabaseTarget.parse(pgUrl), 1)) {
      new Migrator(db.jdbi(), db.dialect(), Clock.systemUTC()).migrate();
      db.jdbi().useHandle(h -> {
        List<String> tables = h.createQuery("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                  AND table_name NOT IN ('schema_migrations', 'spaces')""").mapTo(String.class).list();
        h.execute("TRUNCATE " + String.join(", ", tables) + " CASCADE");
        h.execute("VACUUM ANALYZE");
      });
    }
  }

  /**
   * Sends {@code spans} spans (exports of the templates' size, fresh ids each) with {@code clients} closed-loop
   * clients; returns the seconds it took.
   */
  static double ingest(BenchReplica server, String project, List<Template> templates, long spans, int clients)
      throws InterruptedException {
    AtomicLong next = new AtomicLong();
    int perExport = templates.getFirst().spans;
    long exports = (spans + perExport - 1) / perExport;
    long t0 = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      threads.add(Thread.ofPlatform().start(() -> {
        for (long i; (i = next.getAndIncrement()) < exports; ) {
          send(server, project, templates.get((int) (i % templates.size())).fresh());
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Exports that failed with an I/O error (e.g. a connection the server closed) and were sent again. */
  static final AtomicLong RESENT = new AtomicLong();
  /** How long one export may take before it counts as failed (and is resent): a stalled server never hangs a sender. */
  static final java.time.Duration EXPORT_TIMEOUT = java.time.Duration.ofSeconds(30);

  /**
   * One OTLP/HTTP protobuf export, retried after Retry-After when the server pushes back, and sent again (same
   * ids: the server keeps a resent span once) after an I/O error or {@link #EXPORT_TIMEOUT}, up to 5 times.
   */
  static void send(BenchReplica server, String project, byte[] body) {
    for (int failures = 0; ; ) {
      HttpResponse<Void> reply;
      try {
        reply = server.http.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/traces"))
            .header("Content-Type", "application/x-protobuf").header("x-project-name", project)
            .timeout(EXPORT_TIMEOUT).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
      } catch (java.io.IOException e) {
        if (++failures > 5) {
          throw new IllegalStateException("export failed " + failures + " times: " + e, e);
        }
        RESENT.incrementAndGet();
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (reply.statusCode() / 100 == 2) {
        return;
      }
      if (reply.statusCode() != 429 && reply.statusCode() != 503) {
        throw new IllegalStateException("export answered " + reply.statusCode());
      }
      sleep(Math.min(1000, reply.headers().firstValueAsLong("Retry-After").orElse(1) * 1000));
    }
  }

  static String projectId(BenchReplica server, String project) {
    return server.get("/v2/projects/" + BenchReplica.q(project) + "?space_name=default").get("id").asText();
  }

  /** A CODE evaluator (its results are named {@code name}): does the output cite a knowledge-base excerpt? */
  static String codeEvaluator(BenchReplica server, String name) {
    return server.post("/v2/evaluators", """
        {"name": "%s", "version": {"spec": {"kind": "CODE", "name": "%s", "check": "MATCHES_REGEX",
         "variables": ["output"], "params": {"pattern": "kb-[0-9]+"}}}}""".formatted(name, name)).get("id").asText();
  }

  /**
   * An LLM judge (results named {@code name}) on {@code modelConfigId}'s model {@code judge-1} with two rails. Its
   * prompt holds the span's input (distinct per span in {@link OtlpPayloads}) and the evaluator's name, so no two
   * evaluations share a prompt and the executor's response cache never answers for the model.
   */
  static String judgeEvaluator(BenchReplica server, String name, String modelConfigId) {
    return server.post("/v2/evaluators", """
        {"name": "%s", "version": {"spec": {"kind": "LLM_JUDGE", "name": "%s",
         "messages": [{"role": "user", "content": "(%s) Is this answer correct? Question: {input} Answer: {output}"}],
         "rails": {"correct": 1, "incorrect": 0}, "direction": "MAXIMIZE", "include_explanation": false,
         "use_structured_output": false, "use_function_calling": false,
         "model": {"model_config_id": "%s", "model_name": "judge-1"}}}}""".formatted(name, name, name, modelConfigId))
        .get("id").asText();
  }

  static String task(BenchReplica server, String name, String type, String projectId, String evaluatorId, boolean continuous) {
    return server.post("/v2/tasks", BenchReplica.json(Map.of("name", name, "type", type, "project_id", projectId,
        "sampling_rate", 1, "is_continuous", continuous, "evaluators", List.of(Map.of("evaluator_id", evaluatorId)))))
        .get("id").asText();
  }

  /** Triggers a run over the last {@code window} with {@code maxSpans}; returns the run's id. */
  static String trigger(BenchReplica server, String taskId, Duration window, long maxSpans) {
    Instant now = Instant.now();
    return server.post("/v2/tasks/" + BenchReplica.q(taskId) + "/trigger", BenchReplica.json(Map.of(
        "data_start_time", now.minus(window).toString(), "data_end_time", now.plusSeconds(1).toString(),
        "max_spans", maxSpans))).get("id").asText();
  }

  /** Polls the run every 100 ms until it is COMPLETED, FAILED or CANCELLED. */
  static JsonNode awaitRun(BenchReplica server, String runId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode run = server.get("/v2/task-runs/" + BenchReplica.q(runId));
      if (run.get("status").asText().matches("COMPLETED|FAILED|CANCELLED")) {
        return run;
      }
      sleep(100);
    }
    throw new IllegalStateException("run " + runId + " did not end within " + timeout);
  }

  /** The {@code q} quantile of sorted values (nearest rank). */
  static double quantile(List<Long> sorted, double q) {
    return sorted.isEmpty() ? Double.NaN : sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * q) - 1));
  }

  static List<Long> sorted(List<Long> values) {
    List<Long> copy = new ArrayList<>(values);
    Collections.sort(copy);
    return copy;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
