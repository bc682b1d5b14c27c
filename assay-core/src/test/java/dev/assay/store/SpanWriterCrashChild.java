package dev.assay.store;

import dev.assay.jobs.NewJob;
import dev.assay.shared.OverloadedException;
import dev.assay.traces.Span;
import dev.assay.traces.SpanCommitJobs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child JVM of the SIGKILL test: opens and migrates the database given as the first argument,
 * then submits batches ({@link #SPANS_PER_BATCH} spans, trace id {@code batch-<n>}) from several
 * threads until it is killed, printing {@code ack <n>} (flushed) for each batch whose future completed. Each
 * batch's commit also enqueues one {@link #OUTBOX_KIND} job naming its trace.
 */
public final class SpanWriterCrashChild {
  static final int SPANS_PER_BATCH = 20;
  static final String OUTBOX_KIND = "test.crash-outbox";
  private static final int THREADS = 8;

  /** The acknowledged batch numbers, and the child's stderr for failure messages. */
  record Result(Set<Long> acked, String stderr) {}

  private SpanWriterCrashChild() {}

  public static void main(String[] args) {
    String url = args[0];
    String project = args[1];
    Clock clock = Clock.systemUTC();
    Database db = Database.open(DatabaseTarget.parse(url), THREADS);
    new Migrator(db.jdbi(), db.dialect(), clock).migrate(); // idempotent; never drops anything
    // Each inserted trace starts one job in its commit (the outbox): the test checks none is lost or orphaned.
    SpanCommitJobs outbox = inserted -> inserted.stream().map(Span::traceId).distinct()
        .map(trace -> NewJob.of(OUTBOX_KIND, "{\"project\":\"" + project + "\",\"trace_id\":\"" + trace + "\"}")).toList();
    BatchingWriter<Span> writer = new BatchingWriter<>("spans", db.jdbi(), new JdbcStore(db, clock).spanSink(outbox, clock),
        WriterSettings.DEFAULTS, clock);
    AtomicLong next = new AtomicLong();
    PrintStream out = System.out;
    for (int t = 0; t < THREADS; t++) {
      Thread.ofPlatform().start(() -> {
        while (true) {
          long id = next.incrementAndGet();
          List<Span> batch = SpanFixtures.trace(project, "batch-" + id, SPANS_PER_BATCH, 300);
          try {
            writer.submit(batch).get();
            synchronized (out) {
              out.println("ack " + id);
              out.flush();
            }
          } catch (OverloadedException e) {
            sleep(e.retryAfter().toMillis() / 100 + 1);
          } catch (Exception e) {
            System.err.println("batch " + id + " failed: " + e);
          }
        }
      });
    }
  }

  /**
   * Starts the child, waits for {@code acks} acknowledgements (or the timeout), kills it with SIGKILL
   * ({@code destroyForcibly}) and returns every acknowledgement it printed before dying.
   */
  static Result runAndKill(String url, String project, int acks, Duration timeout) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Path stderr = Files.createTempFile("assay-crash-child", ".err");
    Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), SpanWriterCrashChild.class.getName(), url, project)
        .redirectError(stderr.toFile())
        .start();
    Set<Long> acked = ConcurrentHashMap.newKeySet();
    Thread reader = Thread.ofPlatform().start(() -> {
      try (BufferedReader in = child.inputReader()) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.startsWith("ack ")) {
            acked.add(Long.parseLong(line.substring(4)));
          }
        }
      } catch (IOException e) {
        System.err.println("reading the crash child's output: " + e);
      }
    });
    long deadline = System.nanoTime() + timeout.toNanos();
    while (acked.size() < acks && child.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close(), mid-commit
    child.waitFor();
    reader.join(); // drains what the child printed before it died
    String errors = Files.readString(stderr);
    Files.deleteIfExists(stderr);
    return new Result(Set.copyOf(acked), errors);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
