package dev.assay.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.store.JdbcStore;
import dev.assay.testing.PostgresExtension;
import dev.assay.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replicas as separate JVMs ({@link JobWorkerProcess}) sharing the test PostgreSQL: the claim keeps
 * them from running a job twice, and a replica killed with its leases held loses them to another.
 */
@ExtendWith(PostgresExtension.class)
class PostgresJobQueueProcessTest {
  private final JobQueue queue = new JdbcStore(PostgresExtension.database(), Clock.systemUTC()).jobs();
  private final List<Process> processes = new ArrayList<>();

  private record Worker(String owner, Process process, CountDownLatch ready) {}

  private static Jdbi jdbi() {
    return PostgresExtension.database().jdbi();
  }

  @BeforeAll
  static void createExecutionLog() {
    jdbi().useHandle(h -> h.execute("CREATE TABLE IF NOT EXISTS job_executions (job_id TEXT NOT NULL, worker TEXT NOT NULL)"));
  }

  @AfterAll
  static void dropExecutionLog() {
    jdbi().useHandle(h -> h.execute("DROP TABLE IF EXISTS job_executions"));
  }

  @AfterEach
  void killLeftovers() throws InterruptedException {
    for (Process process : processes) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void twoReplicas_runTenThousandJobs_eachExactlyOnce_andBothTakeAShare() throws Exception {
    int jobs = 10_000;
    Worker a = start("replica-a", 8, 30_000, 0);
    Worker b = start("replica-b", 8, 30_000, 0);
    awaitReady(a, b);

    queue.enqueueAll(IntStream.range(0, jobs).mapToObj(i -> NewJob.of(JobWorkerProcess.KIND, "{\"i\":" + i + "}")).toList());
    await(120, "every job succeeded", () -> queue.countByStatus().get(JobStatus.SUCCEEDED) == jobs);
    stop(a);
    stop(b);

    assertEquals(0L, count("SELECT count(*) FROM (SELECT job_id FROM job_executions GROUP BY job_id HAVING count(*) > 1) AS twice"),
        "jobs executed more than once");
    assertEquals(jobs, count("SELECT count(DISTINCT job_id) FROM job_executions"));
    assertEquals(jobs, count("SELECT count(*) FROM jobs WHERE status = 'SUCCEEDED' AND attempts = 1"));
    Map<String, Long> share = jdbi().withHandle(h -> h.createQuery("SELECT worker, count(*) AS n FROM job_executions GROUP BY worker")
        .map((rs, ctx) -> Map.entry(rs.getString("worker"), rs.getLong("n")))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    System.out.println("executions per replica: " + share);
    assertTrue(share.getOrDefault("replica-a", 0L) >= jobs / 10 && share.getOrDefault("replica-b", 0L) >= jobs / 10,
        "each replica took at least a tenth of the work: " + share);
  }

  @Test
  void aReplicaKilledWhileHoldingLeases_hasThoseJobsFinishedByAnother_afterTheLeasesExpire() throws Exception {
    int jobs = 500;
    Worker doomed = start("replica-doomed", 4, 2_000, 400);
    Worker survivor = start("replica-survivor", 8, 2_000, 5);
    awaitReady(doomed, survivor);
    queue.enqueueAll(IntStream.range(0, jobs).mapToObj(i -> NewJob.of(JobWorkerProcess.KIND, "{\"i\":" + i + "}")).toList());
    await(10, "the doomed replica has started jobs", () -> count("SELECT count(*) FROM job_executions WHERE worker = 'replica-doomed'") > 0);

    doomed.process().destroyForcibly();
    assertTrue(doomed.process().waitFor(10, TimeUnit.SECONDS));
    List<String> orphans = jdbi().withHandle(h -> h.createQuery(
            "SELECT id FROM jobs WHERE status = 'RUNNING' AND lease_owner = 'replica-doomed'").mapTo(String.class).list());
    assertFalse(orphans.isEmpty(), "the replica was killed while holding leases");

    await(60, "every job succeeded", () -> queue.countByStatus().get(JobStatus.SUCCEEDED) == jobs);
    stop(survivor);

    for (String id : orphans) {
      Job job = queue.find(id).orElseThrow();
      assertEquals(2, job.attempts(), "an orphan is claimed a second time after its lease expires");
      assertTrue(job.lastError().contains("lease of replica-doomed expired"), job.lastError());
    }
    List<String> ranTwice = jdbi().withHandle(h -> h.createQuery(
            "SELECT job_id FROM job_executions GROUP BY job_id HAVING count(*) > 1 ORDER BY job_id").mapTo(String.class).list());
    // An orphan ran twice when the doomed replica had started its handler, once when the kill came between
    // its claim and the handler's first statement; no other job may run twice.
    assertTrue(orphans.containsAll(ranTwice), "only the killed replica's unfinished jobs ran twice: " + ranTwice);
    for (String id : orphans) {
      assertEquals(1L, count("SELECT count(*) FROM job_executions WHERE job_id = '" + id + "' AND worker = 'replica-survivor'"),
          "the survivor finished orphan " + id + " exactly once");
    }
    assertEquals(jobs, count("SELECT count(DISTINCT job_id) FROM job_executions"));
  }

  private Worker start(String owner, int concurrency, long leaseMillis, long sleepMillis) throws IOException {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-D" + TestDatabases.PG_URL_PROPERTY + "=" + withoutCommitFlush(TestDatabases.postgresUrl()),
        "-cp", System.getProperty("java.class.path"), JobWorkerProcess.class.getName(),
        owner, String.valueOf(concurrency), String.valueOf(leaseMillis), String.valueOf(sleepMillis));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    processes.add(process);
    CountDownLatch ready = new CountDownLatch(1);
    Thread.ofVirtual().name("output-" + owner).start(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          System.out.println("[" + owner + "] " + line);
          if (line.startsWith(JobWorkerProcess.READY)) {
            ready.countDown();
          }
        }
      } catch (IOException e) {
        System.out.println("[" + owner + "] output closed: " + e);
      }
    });
    return new Worker(owner, process, ready);
  }

  /**
   * The replicas' commits do not wait for the WAL flush: on a busy shared disk an fsync per commit would
   * make the run's duration depend on other builds. Locking and visibility, which these tests are about,
   * are the same; only durability across a server crash is not.
   */
  private static String withoutCommitFlush(String url) {
    return url + (url.contains("?") ? "&" : "?") + "options=-c%20synchronous_commit%3Doff";
  }

  private static void awaitReady(Worker... workers) throws InterruptedException {
    for (Worker worker : workers) {
      assertTrue(worker.ready().await(30, TimeUnit.SECONDS), worker.owner() + " did not start");
    }
  }

  /** Closes the replica's standard input, which shuts its pool down gracefully, and waits for it to exit. */
  private static void stop(Worker worker) throws IOException, InterruptedException {
    worker.process().getOutputStream().close();
    assertTrue(worker.process().waitFor(15, TimeUnit.SECONDS), worker.owner() + " did not stop");
    assertEquals(0, worker.process().exitValue(), worker.owner() + " exit code");
  }

  private static long count(String sql) {
    return jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  private static void await(int seconds, String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + seconds + " s waiting until " + what + "; jobs: " + new JdbcStore(
            PostgresExtension.database(), Clock.systemUTC()).jobs().countByStatus());
      }
      Thread.sleep(50);
    }
  }
}
