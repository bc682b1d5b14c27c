package dev.assay.tasks;

import dev.assay.store.Database;
import dev.assay.testing.DuckDbExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Task runs end to end over a real DuckDB file. */
class DuckDbTaskRunsTest extends TaskRunsContract {
  @RegisterExtension static final DuckDbExtension duckDb = new DuckDbExtension();

  @Override
  protected Database database() {
    return duckDb.database();
  }
}
