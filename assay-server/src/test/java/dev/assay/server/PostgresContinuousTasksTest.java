package dev.assay.server;

import dev.assay.config.AssayConfig;
import dev.assay.store.DatabaseTarget;
import dev.assay.testing.PostgresExtension;
import dev.assay.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The same checks over the test PostgreSQL; fails (never skips) when it is not running. */
@ExtendWith(PostgresExtension.class)
class PostgresContinuousTasksTest extends ContinuousTasksContract {
  @TempDir Path workingDir;

  @Override
  AssayConfig database() {
    return AssayConfig.defaults(workingDir).withDatabase(DatabaseTarget.parse(TestDatabases.postgresUrl()));
  }
}
