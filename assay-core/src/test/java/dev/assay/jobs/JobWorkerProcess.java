package dev.assay.jobs;

import dev.assay.store.Database;
import dev.assay.store.DatabaseTarget;
import dev.assay.store.JdbcStore;
import dev.assay.testing.TestDatabases;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A worker replica in its own JVM, started by {@link PostgresJobQueueProcessTest}: a {@link JobWorkerPool}
 * over the test PostgreSQL ({@code -Dassay.test.pg.url}) that runs until its standard input closes, or
 * until it is killed. Each run of a {@value #KIND} job first inserts a row into {@code job_executions}
 * (no unique constraint, so a second run of a job shows), then sleeps.
 *
 * <p>Arguments: owner, concurrency, lease in milliseconds, handler sleep in milliseconds.
 */
public final class JobWorkerProcess {
  static final String KIND = "test.record";
  static final String READY = "worker ready: ";

  private JobWorkerProcess() {}

  public static void main(String[] args) throws Exception {
    String owner = args[0];
    int concurrency = Integer.parseInt(args[1]);
    Duration lease = Duration.ofMillis(Long.parseLong(args[2]));
    long sleepMillis = Long.parseLong(args[3]);
    // The parent test migrated the schema; a replica only opens the database (and must not drop anything).
    try (Database database = Database.open(DatabaseTarget.parse(TestDatabases.postgresUrl()), concurrency + 2)) {
      JdbcStore store = new JdbcStore(database, Clock.systemUTC());
      JobHandler record = job -> {
        database.jdbi().useHandle(h -> h.createUpdate("INSERT INTO job_executions (job_id, worker) VALUES (:job, :worker)")
            .bind("job", job.id()).bind("worker", owner).execute());
        if (sleepMillis > 0) {
          Thread.sleep(sleepMillis);
        }
      };
      JobWorkerSettings settings = JobWorkerSettings.defaults()
          .withOwner(owner)
          .withConcurrency(concurrency)
          .withLeaseDuration(lease)
          .withPollInterval(Duration.ofMillis(20))
          .withShutdownTimeout(Duration.ofSeconds(5))
          .withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1)));
      try (JobWorkerPool pool = new JobWorkerPool(store.jobs(), Map.of(KIND, record), settings, Clock.systemUTC()).start()) {
        System.out.println(READY + pool.owner());
        System.out.flush();
        System.in.transferTo(OutputStream.nullOutputStream());
      }
    }
  }
}
