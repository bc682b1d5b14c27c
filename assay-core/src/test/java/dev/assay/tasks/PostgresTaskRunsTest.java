package dev.assay.tasks;

import dev.assay.store.Database;
import dev.assay.testing.PostgresExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** Task runs end to end over the test PostgreSQL (scripts/pg-start.sh); fails, never skips, without it. */
@ExtendWith(PostgresExtension.class)
class PostgresTaskRunsTest extends TaskRunsContract {
  @Override
  protected Database database() {
    return PostgresExtension.database();
  }
}
