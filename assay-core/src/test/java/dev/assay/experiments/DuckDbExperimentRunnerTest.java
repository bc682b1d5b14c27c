package dev.assay.experiments;

import dev.assay.store.Database;
import dev.assay.testing.DuckDbExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Experiments end to end over a real DuckDB file. */
class DuckDbExperimentRunnerTest extends ExperimentRunnerContract {
  @RegisterExtension static final DuckDbExtension duckDb = new DuckDbExtension();

  @Override
  protected Database database() {
    return duckDb.database();
  }
}
