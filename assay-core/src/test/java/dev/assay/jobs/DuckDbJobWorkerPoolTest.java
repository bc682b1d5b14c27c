package dev.assay.jobs;

import dev.assay.store.Database;
import dev.assay.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The worker pool over a real DuckDB file. */
class DuckDbJobWorkerPoolTest extends JobWorkerPoolContract {
  @TempDir static Path dir;
  static Database database;

  @BeforeAll
  static void open() {
    database = TestDatabases.duckDb(dir);
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @AfterEach
  void clear() {
    TestDatabases.clear(database);
  }

  @Override
  protected Database database() {
    return database;
  }
}
