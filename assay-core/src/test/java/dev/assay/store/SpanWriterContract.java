package dev.assay.store;

import static dev.assay.store.SpanFixtures.span;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.auth.AccessScope;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.OverloadedException;
import dev.assay.shared.UnavailableException;
import dev.assay.traces.SessionSummary;
import dev.assay.traces.Span;
import dev.assay.traces.TraceSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batching writer with {@link JdbcSpanSink}, read back through the span store: what the ingest
 * path relies on (acknowledged means committed, idempotent resends, exact roll-ups in any arrival
 * order, shared commits, back-pressure, draining shutdown, isolation of a poisonous batch, and no
 * acknowledged batch lost to SIGKILL).
 */
public abstract class SpanWriterContract extends StoreContract {
  private static final AccessScope ALL = AccessScope.unrestricted();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String project = "p-" + UUID.randomUUID();
  private final List<BatchingWriter<?>> writers = new ArrayList<>();
  @TempDir Path tempDir;

  /** A database a child JVM can open while this JVM runs the tests (DuckDB: a new file under {@code dir}). */
  protected abstract String crashDatabaseUrl(Path dir);

  @AfterEach
  void closeWriters() {
    writers.forEach(BatchingWriter::close);
  }

  private BatchingWriter<Span> writer(WriterSettings settings, BatchSink<Span> sink) {
    BatchingWriter<Span> writer = new BatchingWriter<>("spans", database().jdbi(), sink, settings, clock);
    writers.add(writer);
    return writer;
  }

  private BatchingWriter<Span> writer() {
    return writer(WriterSettings.DEFAULTS, new JdbcSpanSink(dialect(), clock));
  }

  @Test
  void roundTrip_keepsEveryColumn_nullsJsonUnicodeAndLargeInput() throws Exception {
    SpanFixtures full = span(project, "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331").parent("00f067aa0ba902b7")
        .times(1_767_225_600_123_456L, 1_767_225_601_654_321L).session("sess-ü", "user-日本").error("boom\twith tab\nnew line \\ back")
        .io("héllo \"quoted\" \r\n 🚀 tab\there", "{\"answer\": \"naïve — 42\"}").llm(1234, 56, 0.000123456789)
        .attributes("{\"llm\": {\"model_name\": \"gpt-4o\", \"temperature\": 0.5}, \"tags\": [\"a\", \"ü\"], \"emoji\": \"🚀\"}");
    full.name = "chat ✓ 日本語";
    full.inputMimeType = "text/plain";
    full.outputMimeType = "application/json";
    full.modelName = "gpt-4o";
    full.modelProvider = "openai";
    full.eventsJson = "[{\"name\": \"exception\", \"attributes\": {\"exception.message\": \"bad\\nthing\"}}]";
    Span minimal = span(project, "0af7651916cd43dd8448eb211c80319c", "00f067aa0ba902b7").build();
    Span large = span(project, "1111111111111111", "2222222222222222").io("ü🚀x".repeat(260_000), null).build();
    List<Span> spans = List.of(full.build(), minimal, large);

    writer().submit(spans).get(20, SECONDS);

    for (Span expected : spans) {
      Span actual = store().spans().find(ALL, project, expected.traceId(), expected.spanId()).orElseThrow();
      assertEquals(withoutJson(expected), withoutJson(actual));
      assertEquals(JSON.readTree(expected.attributesJson()), JSON.readTree(actual.attributesJson()));
      assertEquals(JSON.readTree(expected.eventsJson()), JSON.readTree(actual.eventsJson()));
    }
    assertEquals(3, store().spans().countSpans(ALL, project));
  }

  @Test
  void resend_storesAndCountsEachSpanOnce_acrossCommitsWithinASubmissionAndWithinAGroup() throws Exception {
    BatchingWriter<Span> writer = writer();
    List<Span> batch = sessionSpans(project).subList(0, 3); // trace A with its session
    writer.submit(batch).get(10, SECONDS);
    TraceSummary trace = findTrace(project, "a");
    SessionSummary session = findSession(project);

    writer.submit(batch).get(10, SECONDS);
    List<Span> doubled = new ArrayList<>(batch);
    doubled.addAll(batch);
    writer.submit(doubled).get(10, SECONDS);

    assertEquals(trace, findTrace(project, "a"));
    assertEquals(session, findSession(project));
    assertEquals(3, store().spans().countSpans(ALL, project));

    // New spans, each twice in one submission and again in a second submission of the same group.
    String other = project + "-2";
    GatedSink gate = new GatedSink(new JdbcSpanSink(dialect(), clock));
    BatchingWriter<Span> gated = writer(WriterSettings.DEFAULTS, gate);
    CompletableFuture<Void> plug = gated.submit(List.of(span(other, "plug", "1").build()));
    gate.awaitEntered();
    List<Span> fresh = sessionSpans(other).subList(0, 3);
    List<Span> freshTwice = new ArrayList<>(fresh);
    freshTwice.addAll(fresh);
    var first = gated.submit(freshTwice);
    var second = gated.submit(fresh);
    gate.open();
    CompletableFuture.allOf(plug, first, second).get(10, SECONDS);
    assertEquals(4, store().spans().countSpans(ALL, other));
    assertEquals(withProject(trace, other), findTrace(other, "a"));
    assertEquals(withProject(session, other), findSession(other));
  }

  @Test
  void resend_ofALargeBatchWhoseTailIsStored_insertsAndCountsOnlyTheNewSpans() throws Exception {
    BatchingWriter<Span> writer = writer();
    List<Span> spans = SpanFixtures.trace(project, "big", 5000, 100); // several bulk-load chunks
    writer.submit(spans.subList(4900, 5000)).get(10, SECONDS);
    writer.submit(spans).get(20, SECONDS);

    assertEquals(5000, store().spans().countSpans(ALL, project));
    assertEquals(new TraceSummary(project, "big", "0000000000000001", "op", 1_767_225_600_000_000L, 1_767_225_600_104_999L,
        5000, 0, 499_900, 99_980, 599_880, 0.4999, null), rounded(findTrace(project, "big")));
  }

  @Test
  void rollups_areExact_forOutOfOrderArrivalAcrossBatchesWithDuplicates() throws Exception {
    BatchingWriter<Span> writer = writer();
    String inOrder = project + "-in-order";
    writer.submit(sessionSpans(inOrder)).get(10, SECONDS);

    String shuffled = project + "-shuffled";
    List<Span> s = sessionSpans(shuffled); // a0 a1 a2 b0 b1 b2 c0 c1
    for (List<Span> batch : List.of(List.of(s.get(7), s.get(5), s.get(2)), List.of(s.get(1), s.get(7)),
        List.of(s.get(6), s.get(4)), List.of(s.get(3), s.get(2)), List.of(s.get(0)))) {
      writer.submit(batch).get(10, SECONDS);
    }

    for (String p : List.of(inOrder, shuffled)) {
      assertEquals(new TraceSummary(p, "a", "a0", "root-a", 1000, 9500, 3, 1, 10, 5, 15, 0.01, "s1"), rounded(findTrace(p, "a")));
      assertEquals(new TraceSummary(p, "b", "b0", "root-b", 20_000, 30_000, 3, 0, 8, 4, 12, 0.52, "s1"), rounded(findTrace(p, "b")));
      assertEquals(new TraceSummary(p, "c", "c0", "root-c", 40_000, 50_000, 2, 1, 0, 0, 0, 0, "s1"), rounded(findTrace(p, "c")));
      assertEquals(new SessionSummary(p, "s1", "u1", "first question", "last answer", 1000, 50_000, 3, 7, 2, 25, 0.03),
          rounded(findSession(p)));
      assertEquals(8, store().spans().countSpans(ALL, p));
    }
  }

  @Test
  void concurrentSubmitters_shareCommits() throws Exception {
    BatchingWriter<Span> writer = writer();
    int threads = 8;
    int perThread = 25;
    try (var pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            writer.submit(SpanFixtures.trace(project, "t" + thread + "-" + i, 10, 200)).get(20, SECONDS);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(30, SECONDS);
      }
    }
    WriterStats stats = writer.stats();
    assertEquals(threads * perThread, stats.submissionsCommitted());
    assertEquals(threads * perThread * 10L, stats.rowsCommitted());
    assertTrue(stats.commits() < threads * perThread, "commits " + stats.commits() + " should be shared by submissions");
    assertEquals(0, stats.queuedRows());
    assertEquals(threads * perThread * 10L, store().spans().countSpans(ALL, project));
  }

  @Test
  void fullQueue_failsFastWithRetryAfter_andAcceptsAgainAfterDraining() throws Exception {
    GatedSink gate = new GatedSink(new JdbcSpanSink(dialect(), clock));
    WriterSettings settings = WriterSettings.DEFAULTS.withMaxRowsPerCommit(10).withMaxQueuedRows(40).withMaxQueuedWeight(1_000);
    BatchingWriter<Span> writer = writer(settings, gate);
    var inFlight = writer.submit(SpanFixtures.trace(project, "t0", 10, 100));
    gate.awaitEntered();
    var queued = writer.submit(SpanFixtures.trace(project, "t1", 10, 100), 600);
    var queued2 = writer.submit(SpanFixtures.trace(project, "t2", 10, 100));

    OverloadedException byWeight = assertThrows(OverloadedException.class,
        () -> writer.submit(SpanFixtures.trace(project, "t3", 1, 100), 500));
    OverloadedException byRows = assertThrows(OverloadedException.class,
        () -> writer.submit(SpanFixtures.trace(project, "t3", 11, 100)));
    for (OverloadedException e : List.of(byWeight, byRows)) {
      assertTrue(e.retryAfter().compareTo(Duration.ofSeconds(1)) >= 0, "retry after " + e.retryAfter());
    }
    assertEquals(30, writer.stats().queuedRows());
    assertEquals(600, writer.stats().queuedWeight());
    assertEquals(2, writer.stats().rejected());
    assertThrows(InvalidInputException.class, () -> writer.submit(SpanFixtures.trace(project, "huge", 41, 100)));
    assertThrows(InvalidInputException.class, () -> writer.submit(SpanFixtures.trace(project, "heavy", 1, 100), 1_001));

    gate.open();
    CompletableFuture.allOf(inFlight, queued, queued2).get(10, SECONDS);
    assertEquals(0, writer.stats().queuedRows());
    assertEquals(0, writer.stats().queuedWeight());
    writer.submit(SpanFixtures.trace(project, "t4", 5, 100), 900).get(10, SECONDS);
    writer.submit(SpanFixtures.trace(project, "t5", 25, 100)).get(10, SECONDS); // larger than a commit: commits alone
    assertEquals(60, store().spans().countSpans(ALL, project));
  }

  @Test
  void close_commitsAcceptedWork_thenRefusesNewWork() throws Exception {
    GatedSink gate = new GatedSink(new JdbcSpanSink(dialect(), clock));
    BatchingWriter<Span> writer = writer(WriterSettings.DEFAULTS.withMaxRowsPerCommit(10), gate);
    List<CompletableFuture<Void>> accepted = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      accepted.add(writer.submit(SpanFixtures.trace(project, "t" + i, 10, 100)));
    }
    gate.awaitEntered();
    Thread closer = Thread.ofVirtual().start(writer::close);
    while (writer.stats().accepting()) {
      Thread.sleep(1);
    }
    assertThrows(UnavailableException.class, () -> writer.submit(SpanFixtures.trace(project, "late", 1, 100)));
    gate.open();
    closer.join(Duration.ofSeconds(10));
    assertFalse(closer.isAlive());
    for (CompletableFuture<Void> f : accepted) {
      assertTrue(f.isDone() && !f.isCompletedExceptionally(), "accepted work must commit before close returns");
    }
    assertEquals(50, store().spans().countSpans(ALL, project));
  }

  @Test
  void close_waitsOnlyUpToItsTimeout_andFailsWhatDidNotStart() throws Exception {
    GatedSink gate = new GatedSink(new JdbcSpanSink(dialect(), clock));
    BatchingWriter<Span> writer = writer(WriterSettings.DEFAULTS.withMaxRowsPerCommit(10).withCloseTimeout(Duration.ofMillis(200)), gate);
    var inFlight = writer.submit(SpanFixtures.trace(project, "t0", 10, 100));
    gate.awaitEntered();
    var waiting = writer.submit(SpanFixtures.trace(project, "t1", 10, 100));
    writer.close();
    ExecutionException refused = assertThrows(ExecutionException.class, () -> waiting.get(5, SECONDS));
    assertInstanceOf(UnavailableException.class, refused.getCause());
    gate.open();
    inFlight.get(10, SECONDS);
    assertEquals(10, store().spans().countSpans(ALL, project));
  }

  @Test
  void failingSubmission_failsOnlyItsOwnFuture_withTheCause() throws Exception {
    GatedSink gate = new GatedSink(new JdbcSpanSink(dialect(), clock));
    BatchingWriter<Span> writer = writer(WriterSettings.DEFAULTS, gate);
    var plug = writer.submit(SpanFixtures.trace(project, "plug", 1, 100));
    gate.awaitEntered();
    var good = writer.submit(SpanFixtures.trace(project, "good", 3, 100));
    var poison = writer.submit(List.of(span(project, "bad", "1").attributes("{not json").build()));
    var good2 = writer.submit(SpanFixtures.trace(project, "good2", 2, 100));
    gate.open();

    CompletableFuture.allOf(plug, good, good2).get(10, SECONDS);
    ExecutionException failed = assertThrows(ExecutionException.class, () -> poison.get(10, SECONDS));
    assertTrue(Database.rootMessage(failed.getCause()).toLowerCase().contains("json"), Database.rootMessage(failed.getCause()));
    assertEquals(6, store().spans().countSpans(ALL, project));
    assertTrue(store().spans().findTrace(ALL, project, "bad").isEmpty());
    assertEquals(3, findTrace(project, "good").spanCount());
    WriterStats stats = writer.stats();
    assertEquals(1, stats.submissionsFailed());
    assertEquals(1, stats.groupsRetried());
    assertEquals(0, stats.queuedRows());

    // A failure after the sink wrote everything: the future carries that very exception, nothing is kept.
    IllegalStateException boom = new IllegalStateException("disk on fire");
    JdbcSpanSink real = new JdbcSpanSink(dialect(), clock);
    BatchingWriter<Span> broken = writer(WriterSettings.DEFAULTS, (h, rows) -> {
      real.write(h, rows);
      throw boom;
    });
    ExecutionException reported = assertThrows(ExecutionException.class,
        () -> broken.submit(sessionSpans(project + "-x")).get(10, SECONDS));
    assertSame(boom, reported.getCause());
    assertEquals(0, store().spans().countSpans(ALL, project + "-x"));
    assertTrue(store().spans().findTrace(ALL, project + "-x", "a").isEmpty());
    assertTrue(store().spans().findSession(ALL, project + "-x", "s1").isEmpty());
  }

  @Test
  void sigkill_losesNoAcknowledgedBatch_andLeavesNoPartialBatch() throws Exception {
    String url = crashDatabaseUrl(tempDir);
    String crashProject = project + "-crash";
    SpanWriterCrashChild.Result result = SpanWriterCrashChild.runAndKill(url, crashProject, 300, Duration.ofSeconds(20));
    assertTrue(result.acked().size() >= 300, "child acknowledged only " + result.acked().size() + ": " + result.stderr());
    try (Database db = Database.open(DatabaseTarget.parse(url), 2)) {
      var counts = db.jdbi().withHandle(h -> h.createQuery(
              "SELECT s.trace_id, count(*), min(t.span_count) FROM spans s LEFT JOIN traces t"
                  + " ON t.project_id = s.project_id AND t.trace_id = s.trace_id WHERE s.project_id = :p GROUP BY s.trace_id")
          .bind("p", crashProject)
          .map((rs, ctx) -> new long[] {Long.parseLong(rs.getString(1).substring(6)), rs.getLong(2), rs.getLong(3)})
          .list());
      java.util.Map<Long, long[]> byBatch = new java.util.HashMap<>();
      counts.forEach(c -> byBatch.put(c[0], c));
      for (long batch : result.acked()) {
        long[] c = byBatch.get(batch);
        assertTrue(c != null && c[1] == SpanWriterCrashChild.SPANS_PER_BATCH, "acknowledged batch " + batch + " lost");
      }
      for (long[] c : counts) {
        assertEquals(SpanWriterCrashChild.SPANS_PER_BATCH, c[1], "batch " + c[0] + " is partial");
        assertEquals(SpanWriterCrashChild.SPANS_PER_BATCH, c[2], "roll-up of batch " + c[0] + " disagrees with its spans");
      }
      // The outbox: every stored batch has its job, and no job outlived its spans (same transaction).
      JdbcJobQueue jobs = new JdbcJobQueue(db.jdbi(), db.dialect(), clock);
      java.util.Map<String, Long> jobsByTrace = new java.util.HashMap<>();
      db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM jobs WHERE kind = :k").bind("k", SpanWriterCrashChild.OUTBOX_KIND)
              .mapTo(String.class).list()).stream()
          .map(id -> jobs.find(id).orElseThrow().payloadJson())
          .map(json -> readJson(json))
          .filter(node -> node.path("project").asText().equals(crashProject))
          .forEach(node -> jobsByTrace.merge(node.path("trace_id").asText(), 1L, Long::sum));
      java.util.Map<String, Long> expected = new java.util.HashMap<>();
      counts.forEach(c -> expected.put("batch-" + c[0], 1L));
      assertEquals(expected, jobsByTrace, "one outbox job per stored batch, none without its spans");
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode readJson(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Three traces of session s1 (b2 carries no session): a0 a1 a2 b0 b1 b2 c0 c1, numbers as the roll-up test expects. */
  static List<Span> sessionSpans(String project) {
    return List.of(
        span(project, "a", "a0").name("root-a").times(1000, 9000).session("s1", "u1").io("first question", "first answer").build(),
        span(project, "a", "a1").parent("a0").times(2000, 3000).session("s1", "u1").llm(10, 5, 0.01).build(),
        span(project, "a", "a2").parent("a0").times(4000, 9500).session("s1", "u1").error("tool failed").build(),
        span(project, "b", "b0").name("root-b").times(20_000, 30_000).session("s1", "u1").io("second question", "second answer").build(),
        span(project, "b", "b1").parent("b0").times(21_000, 22_000).session("s1", "u1").llm(7, 3, 0.02).build(),
        span(project, "b", "b2").parent("b0").times(22_000, 23_000).llm(1, 1, 0.5).build(),
        span(project, "c", "c0").name("root-c").times(40_000, 50_000).session("s1", "u1").io("third question", "last answer")
            .error("bad").build(),
        span(project, "c", "c1").parent("c0").times(41_000, 42_000).session("s1", null).build());
  }

  private TraceSummary findTrace(String projectId, String traceId) {
    return store().spans().findTrace(ALL, projectId, traceId).orElseThrow();
  }

  private SessionSummary findSession(String projectId) {
    return store().spans().findSession(ALL, projectId, "s1").orElseThrow();
  }

  private static Span withoutJson(Span s) {
    return new Span(s.projectId(), s.traceId(), s.spanId(), s.parentId(), s.name(), s.spanKind(), s.startTime(), s.endTime(),
        s.statusCode(), s.statusMessage(), s.inputValue(), s.inputMimeType(), s.outputValue(), s.outputMimeType(), s.modelName(),
        s.modelProvider(), s.promptTokens(), s.completionTokens(), s.totalTokens(), s.costTotal(), s.sessionId(), s.userId(), "{}", "[]");
  }

  private static TraceSummary rounded(TraceSummary t) {
    return new TraceSummary(t.projectId(), t.traceId(), t.rootSpanId(), t.rootSpanName(), t.startTime(), t.endTime(), t.spanCount(),
        t.errorCount(), t.promptTokens(), t.completionTokens(), t.totalTokens(), round(t.costTotal()), t.sessionId());
  }

  private static SessionSummary rounded(SessionSummary s) {
    return new SessionSummary(s.projectId(), s.sessionId(), s.userId(), s.firstInput(), s.lastOutput(), s.startTime(), s.endTime(),
        s.traceCount(), s.spanCount(), s.errorCount(), s.totalTokens(), round(s.costTotal()));
  }

  private static double round(double cost) {
    return Math.round(cost * 1e9) / 1e9;
  }

  private static TraceSummary withProject(TraceSummary t, String projectId) {
    return new TraceSummary(projectId, t.traceId(), t.rootSpanId(), t.rootSpanName(), t.startTime(), t.endTime(), t.spanCount(),
        t.errorCount(), t.promptTokens(), t.completionTokens(), t.totalTokens(), t.costTotal(), t.sessionId());
  }

  private static SessionSummary withProject(SessionSummary s, String projectId) {
    return new SessionSummary(projectId, s.sessionId(), s.userId(), s.firstInput(), s.lastOutput(), s.startTime(), s.endTime(),
        s.traceCount(), s.spanCount(), s.errorCount(), s.totalTokens(), s.costTotal());
  }

  /** Holds the first write until {@link #open()}, so the submissions made meanwhile form one group. */
  static final class GatedSink implements BatchSink<Span> {
    private final BatchSink<Span> delegate;
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch open = new CountDownLatch(1);

    GatedSink(BatchSink<Span> delegate) {
      this.delegate = delegate;
    }

    void awaitEntered() throws InterruptedException {
      assertTrue(entered.await(10, SECONDS), "the writer never started a commit");
    }

    void open() {
      open.countDown();
    }

    @Override
    public void write(Handle transaction, List<Span> rows) throws Exception {
      entered.countDown();
      if (!open.await(20, SECONDS)) {
        throw new IllegalStateException("test gate never opened");
      }
      delegate.write(transaction, rows);
    }
  }
}
