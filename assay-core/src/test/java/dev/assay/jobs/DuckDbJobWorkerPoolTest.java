package dev.assay.jobs;

import dev.assay.store.Database;
import dev.assay.testing.DuckDbExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The worker pool over a real DuckDB file. */
class DuckDbJobWorkerPoolTest extends JobWorkerPoolContract {
  @RegisterExtension static final DuckDbExtension duckDb = new DuckDbExtension();

  @Override
  protected Database database() {
    return duckDb.database();
  }
}
