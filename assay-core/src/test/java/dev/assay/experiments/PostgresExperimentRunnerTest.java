package dev.assay.experiments;

import dev.assay.store.Database;
import dev.assay.testing.PostgresExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** Experiments end to end over the test PostgreSQL (scripts/pg-start.sh); fails, never skips, without it. */
@ExtendWith(PostgresExtension.class)
class PostgresExperimentRunnerTest extends ExperimentRunnerContract {
  @Override
  protected Database database() {
    return PostgresExtension.database();
  }
}
