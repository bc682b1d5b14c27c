package dev.assay.store;

import static dev.assay.store.SpanFixtures.span;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.auth.AccessScope;
import dev.assay.jobs.Job;
import dev.assay.jobs.NewJob;
import dev.assay.traces.Span;
import dev.assay.traces.SpanCommitJobs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The span writer's outbox ({@link SpanCommitJobs} through {@link JdbcStore#spanSink}): the jobs a commit's spans
 * start are stored in the same transaction as the spans, so a batch that fails keeps neither, and the local job
 * workers are woken only after the commit.
 */
public abstract class SpanOutboxContract extends StoreContract {
  private static final String KIND = "test.outbox";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String project = "p-" + UUID.randomUUID();
  private final List<BatchingWriter<?>> writers = new ArrayList<>();
  /** The span ids each jobsFor call was given, one list per call. */
  private final List<List<String>> calls = new CopyOnWriteArrayList<>();
  /** One job per project a call inserted spans of, its payload naming the project's first inserted span. */
  private final SpanCommitJobs oneJobPerCommit = inserted -> {
    calls.add(inserted.stream().map(Span::spanId).toList());
    Map<String, String> firstByProject = new LinkedHashMap<>();
    inserted.forEach(s -> firstByProject.putIfAbsent(s.projectId(), s.spanId()));
    return firstByProject.entrySet().stream()
        .map(e -> NewJob.of(KIND, "{\"project\":\"" + e.getKey() + "\",\"first\":\"" + e.getValue() + "\"}"))
        .toList();
  };

  @AfterEach
  void closeWriters() {
    writers.forEach(BatchingWriter::close);
  }

  private BatchingWriter<Span> writer(BatchSink<Span> sink) {
    BatchingWriter<Span> writer = new BatchingWriter<>("spans", database().jdbi(), sink, WriterSettings.DEFAULTS, clock);
    writers.add(writer);
    return writer;
  }

  private List<Job> outboxJobs(String projectId) {
    return database().jdbi().withHandle(h -> h.createQuery("SELECT id FROM jobs WHERE kind = :kind").bind("kind", KIND)
            .mapTo(String.class).list()).stream()
        .map(id -> store().jobs().find(id).orElseThrow())
        .filter(j -> field(j, "project").equals(projectId))
        .toList();
  }

  private static String field(Job job, String name) {
    try {
      return JSON.readTree(job.payloadJson()).path(name).asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void committedSpans_storeTheirJobsInTheSameCommit_andWakeTheWorkersAfterIt() throws Exception {
    AtomicInteger wakes = new AtomicInteger();
    AtomicBoolean spansVisibleAtWake = new AtomicBoolean();
    store().jobs().addEnqueueListener(() -> {
      wakes.incrementAndGet();
      // Woken after the commit: a worker polling now finds the spans and the job.
      spansVisibleAtWake.set(store().spans().countSpans(AccessScope.unrestricted(), project) == 2
          && outboxJobs(project).size() == 1);
    });
    BatchingWriter<Span> writer = writer(store().spanSink(oneJobPerCommit, clock));

    writer.submit(List.of(span(project, "t1", "s1").build(), span(project, "t1", "s2").build())).get(20, SECONDS);

    List<Job> jobs = outboxJobs(project);
    assertEquals(1, jobs.size());
    assertEquals(KIND, jobs.getFirst().kind());
    assertEquals("s1", field(jobs.getFirst(), "first"));
    assertEquals(1, wakes.get());
    assertTrue(spansVisibleAtWake.get(), "the workers were woken before the spans and the job were committed");
    assertEquals(List.of(List.of("s1", "s2")), calls);
  }

  @Test
  void resentSpans_startNoWork() throws Exception {
    BatchingWriter<Span> writer = writer(store().spanSink(oneJobPerCommit, clock));
    List<Span> batch = List.of(span(project, "t1", "s1").build(), span(project, "t1", "s2").build());
    writer.submit(batch).get(20, SECONDS);
    writer.submit(batch).get(20, SECONDS);
    writer.submit(List.of(batch.getFirst(), span(project, "t1", "s3").build())).get(20, SECONDS);

    assertEquals(List.of(List.of("s1", "s2"), List.of("s3")), calls, "only spans a commit inserted reach the hook");
    assertEquals(2, outboxJobs(project).size());
  }

  @Test
  void failingBatch_keepsNeitherSpansNorJobs_andWakesNoOne() throws Exception {
    AtomicInteger wakes = new AtomicInteger();
    store().jobs().addEnqueueListener(wakes::incrementAndGet);
    JdbcSpanSink real = store().spanSink(oneJobPerCommit, clock);
    IllegalStateException boom = new IllegalStateException("disk on fire after the outbox insert");
    BatchingWriter<Span> broken = writer((h, rows) -> {
      real.write(h, rows); // spans, roll-ups and the job are written …
      throw boom; // … and the transaction fails before it commits
    });

    ExecutionException failed = assertThrows(ExecutionException.class,
        () -> broken.submit(List.of(span(project, "t1", "s1").build())).get(20, SECONDS));

    assertSame(boom, failed.getCause());
    assertEquals(2, calls.size(), "the group and its retry each wrote the job: " + calls);
    assertEquals(0, store().spans().countSpans(AccessScope.unrestricted(), project));
    assertEquals(List.of(), outboxJobs(project), "a job whose spans were rolled back");
    assertEquals(0, wakes.get());
  }

  @Test
  void noWork_insertsNoJob_andWakesNoOne() throws Exception {
    AtomicInteger wakes = new AtomicInteger();
    store().jobs().addEnqueueListener(wakes::incrementAndGet);
    BatchingWriter<Span> writer = writer(store().spanSink(SpanCommitJobs.NONE, clock));
    writer.submit(List.of(span(project, "t1", "s1").build())).get(20, SECONDS);
    assertEquals(1, store().spans().countSpans(AccessScope.unrestricted(), project));
    assertEquals(0, wakes.get());
  }

  /**
   * The span writer inserts jobs while workers claim, complete and enqueue others (on DuckDB: outside the job
   * queue's write lock). No span commit may fail on a write conflict, and no job may be lost.
   */
  @Test
  void outboxInserts_doNotConflictWithConcurrentQueueWork() throws Exception {
    BatchingWriter<Span> writer = writer(store().spanSink(oneJobPerCommit, clock));
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger claimed = new AtomicInteger();
    CompletableFuture<Void> workers = CompletableFuture.runAsync(() -> {
      while (!done.get()) {
        store().jobs().enqueue(NewJob.of("test.other", "{}"));
        for (Job job : store().jobs().claim("outbox-test", 10, Duration.ofMinutes(1))) {
          store().jobs().complete("outbox-test", job.id());
          claimed.incrementAndGet();
        }
      }
    });
    int batches = 60;
    List<CompletableFuture<Void>> commits = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      String p = project + "-" + b;
      commits.add(writer.submit(List.of(span(p, "t" + b, "a").build(), span(p, "t" + b, "b").build())));
      if (b % 10 == 9) {
        CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new)).get(60, SECONDS);
      }
    }
    CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new)).get(60, SECONDS);
    done.set(true);
    workers.get(60, SECONDS);

    assertEquals(0, writer.stats().groupsRetried(), "a span commit failed and was retried");
    long outbox = database().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM jobs WHERE kind = :kind")
        .bind("kind", KIND).mapTo(Long.class).one());
    assertEquals(batches, outbox, "outbox jobs (claimed or not, they stay in the table)");
    assertTrue(claimed.get() > 0, "the concurrent worker did nothing");
    for (int b = 0; b < batches; b++) {
      assertEquals(2, store().spans().countSpans(AccessScope.unrestricted(), project + "-" + b));
    }
  }
}
