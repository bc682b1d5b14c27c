package dev.assay.jobs;

import dev.assay.store.Database;
import dev.assay.testing.PostgresExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** The worker pool over the test PostgreSQL. */
@ExtendWith(PostgresExtension.class)
class PostgresJobWorkerPoolTest extends JobWorkerPoolContract {
  @Override
  protected Database database() {
    return PostgresExtension.database();
  }
}
