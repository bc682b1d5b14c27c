package dev.assay.store;

import dev.assay.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** Every store contract against a real DuckDB file. */
class DuckDbStoreTest {
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

  // One @Nested class per contract; keep them in this order.
  @Nested
  class Spaces extends SpaceStoreContract {
    @Override
    protected Database database() {
      return database;
    }
  }

  @Nested
  class Evaluations extends EvaluationStoreContract {
    @Override
    protected Database database() {
      return database;
    }
  }

  @Nested
  class Projects extends ProjectStoreContract {
    @Override
    protected Database database() {
      return database;
    }
  }

  @Nested
  class SpanWriter extends SpanWriterContract {
    @Override
    protected Database database() {
      return database;
    }

    @Override
    protected String crashDatabaseUrl(Path dir) {
      return "duckdb:" + dir.resolve("crash.duckdb"); // a second process cannot open the suite's file
    }
  }

  @Nested
  class Jobs extends JobQueueContract {
    @Override
    protected Database database() {
      return database;
    }
  }

  @Nested
  class Filters extends FilterContract {
    @Override
    protected Database database() {
      return database;
    }
  }

  @Nested
  class SpanSearch extends SpanSearchContract {
    @Override
    protected Database database() {
      return database;
    }
  }
}
