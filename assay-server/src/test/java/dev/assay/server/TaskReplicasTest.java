package dev.assay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.assay.server.v2.ApiIds;
import dev.assay.store.Database;
import dev.assay.testing.PostgresExtension;
import dev.assay.testing.TestDatabases;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backfill run over PostgreSQL shared by two Assay replicas, each in its own JVM ({@link ReplicaProcess}):
 * 10,000 spans ingested over OTLP, a CODE-evaluator task created and triggered through the API (max_spans
 * 10,000), and the run's chunk jobs taken from the shared work queue by both replicas. Then the same with one
 * replica killed by SIGKILL while it holds chunk leases: its leases run out (3 s here), the survivor evaluates
 * those chunks again, and the run still ends COMPLETED with exactly one result per target and counts that sum
 * to 10,000. Which replica held which chunk is read from the jobs table while the run goes
 * ({@link ChunkLeaseWatcher}); each replica's lease owner is a name the test gave it.
 */
@ExtendWith(PostgresExtension.class)
class TaskReplicasTest {
  private static final int SPANS = 10_000;
  private static final int SPANS_PER_EXPORT = 1_000;
  private static final Duration LEASE = Duration.ofSeconds(3);
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

  @TempDir Path tmp;
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void stopEverything() throws Exception {
    for (AutoCloseable c : cleanup.reversed()) {
      c.close();
    }
  }

  @Test
  void aBackfillOfTenThousandSpansIsSplitBetweenTwoReplicas() throws Exception {
    List<ReplicaProcess> replicas = replicas();
    long t0 = System.nanoTime();
    ReplicaProcess a = replicas.get(0);
    ReplicaProcess b = replicas.get(1);
    Backfill run = backfill(a, "split");
    System.out.printf("two replicas: ingested and triggered %.1f s after both served%n", (System.nanoTime() - t0) / 1e9);
    ChunkLeaseWatcher watcher = watch(run.runDbId());

    JsonNode done = awaitTerminal(a, run.runId());
    assertCompletedWithOneResultPerTarget(done, run);
    Set<String> byA = watcher.jobsSeenWith(a.owner());
    Set<String> byB = watcher.jobsSeenWith(b.owner());
    System.out.printf("two replicas: %d chunks, seen leased by A %d, by B %d; run %s → %s%n", done.get("chunks_total").asInt(),
        byA.size(), byB.size(), done.get("run_started_at").asText(), done.get("run_finished_at").asText());
    assertFalse(byA.isEmpty(), "replica A evaluated chunks of the run");
    assertFalse(byB.isEmpty(), "replica B evaluated chunks of the run (it only had the shared queue to find them)");
  }

  @Test
  void aReplicaKilledMidRunLeavesACompletedRunWithOneResultPerTarget() throws Exception {
    List<ReplicaProcess> replicas = replicas();
    ReplicaProcess survivor = replicas.get(0);
    ReplicaProcess victim = replicas.get(1);
    Backfill run = backfill(survivor, "kill");
    ChunkLeaseWatcher watcher = watch(run.runDbId());
    Database db = PostgresExtension.database();

    // Kill the victim while it holds chunk leases and some chunks are already done: mid-run, mid-chunk.
    long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
    while (!(watcher.holdsNow(victim.owner()) && chunksDone(db, run.runDbId()) > 0)) {
      if (System.nanoTime() > deadline || runStatus(db, run.runDbId()).matches("COMPLETED|FAILED|CANCELLED")) {
        fail("replica B never held a chunk of the run while it ran (status " + runStatus(db, run.runDbId()) + ")");
      }
      Thread.sleep(5);
    }
    victim.kill();
    int doneAtKill = chunksDone(db, run.runDbId());
    List<String> orphaned = db.jdbi().withHandle(h -> h.createQuery("""
            SELECT id FROM jobs WHERE status = 'RUNNING' AND lease_owner = :owner AND payload->>'run_id' = :run""")
        .bind("owner", victim.owner()).bind("run", run.runDbId()).mapTo(String.class).list());
    assertFalse(orphaned.isEmpty(), "the killed replica held chunk leases when it died");

    JsonNode done = awaitTerminal(survivor, run.runId());
    assertCompletedWithOneResultPerTarget(done, run);
    for (String job : orphaned) {
      JobRow row = awaitFinished(db, job);
      assertEquals("SUCCEEDED", row.status(), "chunk job " + job + " of the dead replica finished");
      assertTrue(row.attempts() >= 2, "chunk job " + job + " ran again after the lease ran out: " + row);
    }
    assertTrue(orphaned.stream().allMatch(job -> watcher.jobsSeenWith(survivor.owner()).contains(job)),
        "the survivor took over every chunk the dead replica held");
    System.out.printf("kill: %d chunks done when B died holding %d chunk leases; %d chunks in all, run %s%n", doneAtKill,
        orphaned.size(), done.get("chunks_total").asInt(), done.get("status").asText());
  }

  private record JobRow(String status, int attempts) {}

  /** The job's row once it left RUNNING (the run may be marked COMPLETED a moment before its last job is). */
  private static JobRow awaitFinished(Database db, String job) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    JobRow row;
    do {
      row = db.jdbi().withHandle(h -> h.createQuery("SELECT status, attempts FROM jobs WHERE id = :id").bind("id", job)
          .map((rs, ctx) -> new JobRow(rs.getString(1), rs.getInt(2))).one());
      if (!row.status().equals("RUNNING") && !row.status().equals("QUEUED")) {
        return row;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    return row;
  }

  /** A triggered run: its id in the API ({@code runId}) and in the database ({@code runDbId}). */
  private record Backfill(String projectName, String projectId, String runId, String runDbId) {}

  private List<ReplicaProcess> replicas() throws Exception {
    List<ReplicaProcess> replicas = ReplicaProcess.start(tmp, TestDatabases.postgresUrl(), LEASE, "a", "b");
    cleanup.addAll(replicas);
    return replicas;
  }

  private ChunkLeaseWatcher watch(String runId) {
    ChunkLeaseWatcher watcher = new ChunkLeaseWatcher(PostgresExtension.database(), runId);
    cleanup.add(watcher);
    return watcher;
  }

  /** Ingests {@link #SPANS} spans through {@code via}, creates a CODE task over them and triggers a run. */
  private Backfill backfill(ReplicaProcess via, String name) throws Exception {
    String project = "replicas-" + name + "-" + UUID.randomUUID();
    Instant start = Instant.now().minus(Duration.ofMinutes(20));
    for (int i = 0; i < SPANS; i += SPANS_PER_EXPORT) {
      HttpResponse<byte[]> reply = via.client().postForBytes("/v1/traces", "application/x-protobuf",
          export(start.plusSeconds(i / 100), SPANS_PER_EXPORT).toByteArray(), "x-project-name", project);
      assertEquals(200, reply.statusCode(), new String(reply.body(), StandardCharsets.UTF_8));
    }
    HttpTestClient api = via.client();
    String projectId = expect(200, api.get("/v2/projects/" + q(project) + "?space_name=default")).get("id").asText();
    String evaluatorId = expect(201, api.post("/v2/evaluators", "{\"name\": \"" + project + "-cites\", \"version\": {\"spec\": "
        + EvaluatorFixtures.regexSpec("cites_kb", "kb-[0-9]+") + "}}")).get("id").asText();
    JsonNode task = expectOk(api.post("/v2/tasks", """
        {"name": "%s", "type": "CODE_EVALUATION", "project_id": "%s", "sampling_rate": 1, "is_continuous": false,
         "evaluators": [{"evaluator_id": "%s"}]}""".formatted(project + "-task", projectId, evaluatorId)));
    JsonNode run = expectOk(api.post("/v2/tasks/" + q(task.get("id").asText()) + "/trigger", """
        {"data_start_time": "%s", "data_end_time": "%s", "max_spans": %d}""".formatted(
        Instant.now().minus(Duration.ofHours(2)), Instant.now().plusSeconds(1), SPANS)));
    String runId = run.get("id").asText();
    return new Backfill(project, projectId, runId, ApiIds.decode("TaskRun", runId));
  }

  private JsonNode awaitTerminal(ReplicaProcess via, String runId) throws InterruptedException {
    long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
    JsonNode run;
    do {
      Thread.sleep(100);
      run = expect(200, via.client().get("/v2/task-runs/" + q(runId)));
      if (run.get("status").asText().matches("COMPLETED|FAILED|CANCELLED")) {
        return run;
      }
    } while (System.nanoTime() < deadline);
    return fail("the run did not end within " + RUN_TIMEOUT + ": " + run);
  }

  /** The run's counts, and the results in the database: one per span of the project, all from this run. */
  private void assertCompletedWithOneResultPerTarget(JsonNode run, Backfill backfill) {
    assertEquals("COMPLETED", run.get("status").asText(), run.toString());
    assertEquals(SPANS, run.get("num_targets").asLong(), run.toString());
    assertEquals(SPANS, run.get("num_successes").asLong() + run.get("num_errors").asLong() + run.get("num_skipped").asLong(),
        "counts sum to the targets: " + run);
    assertEquals(SPANS, run.get("num_successes").asLong(), "every span evaluated once, none failed or skipped: " + run);
    assertEquals(run.get("chunks_total").asInt(), run.get("chunks_done").asInt(), run.toString());
    Database db = PostgresExtension.database();
    String projectDbId = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM projects WHERE name = :n")
        .bind("n", backfill.projectName()).mapTo(String.class).one());
    long spans = count(db, "SELECT count(*) FROM spans WHERE project_id = :p", projectDbId, null);
    assertEquals(SPANS, spans);
    assertEquals(SPANS, count(db, "SELECT count(*) FROM evaluations WHERE project_id = :p", projectDbId, null),
        "exactly one result per target");
    assertEquals(SPANS, count(db, "SELECT count(DISTINCT target_id) FROM evaluations WHERE project_id = :p AND target_kind = 'SPAN'"
        + " AND run_id = :run AND error IS NULL", projectDbId, backfill.runDbId()), "every result is this run's and succeeded");
    assertEquals(0, count(db, """
        SELECT count(*) FROM spans s WHERE s.project_id = :p AND NOT EXISTS (SELECT 1 FROM evaluations e
          WHERE e.project_id = s.project_id AND e.target_kind = 'SPAN' AND e.target_id = s.span_id)""", projectDbId, null),
        "no span is left without a result");
  }

  private static long count(Database db, String sql, String projectId, String runId) {
    return db.jdbi().withHandle(h -> {
      var query = h.createQuery(sql).bind("p", projectId);
      if (runId != null) {
        query.bind("run", runId);
      }
      return query.mapTo(Long.class).one();
    });
  }

  private static int chunksDone(Database db, String runId) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT chunks_done FROM task_runs WHERE id = :id").bind("id", runId)
        .mapTo(Integer.class).findOne().orElse(0));
  }

  private static String runStatus(Database db, String runId) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT status FROM task_runs WHERE id = :id").bind("id", runId)
        .mapTo(String.class).findOne().orElse("(none)"));
  }

  /** {@code n} LLM spans, 10 per trace, one second apart from {@code start}; half of the outputs cite a kb id. */
  private static ExportTraceServiceRequest export(Instant start, int n) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    ByteString trace = null;
    for (int i = 0; i < n; i++) {
      if (i % 10 == 0) {
        trace = bytes(random, 16);
      }
      long t = (start.toEpochMilli() + i * 10L) * 1_000_000L;
      scope.addSpans(Span.newBuilder().setTraceId(trace).setSpanId(bytes(random, 8)).setName("ChatCompletion")
          .setKind(Span.SpanKind.SPAN_KIND_CLIENT).setStartTimeUnixNano(t).setEndTimeUnixNano(t + 250_000_000L)
          .addAttributes(attr("openinference.span.kind", "LLM"))
          .addAttributes(attr("input.value", "How long are backups kept?"))
          .addAttributes(attr("output.value", i % 2 == 0 ? "Seven days [kb-102]." : "Seven days.")));
    }
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope)).build();
  }

  private static ByteString bytes(ThreadLocalRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    b[0] |= 1;
    return ByteString.copyFrom(b);
  }

  private static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  private static JsonNode expect(int status, HttpTestClient.Reply reply) {
    assertEquals(status, reply.status(), reply.body());
    return reply.json();
  }

  /** A 200, 201 or 202 (the trigger answers with the new run). */
  private static JsonNode expectOk(HttpTestClient.Reply reply) {
    assertTrue(reply.status() / 100 == 2, reply.status() + " " + reply.body());
    return reply.json();
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
