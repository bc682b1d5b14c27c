package dev.assay.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class DuckDbMigratorTest extends MigratorContract {
  @TempDir Path dir;
  private final List<Database> opened = new ArrayList<>();

  @Override
  protected Jdbi emptyDatabase() {
    Database db = Database.open(new DatabaseTarget.DuckDb(dir.resolve("empty-" + opened.size() + ".duckdb")), 2);
    opened.add(db);
    return db.jdbi();
  }

  @Override
  protected Dialect dialect() {
    return DuckDbDialect.INSTANCE;
  }

  @AfterEach
  void close() {
    opened.forEach(Database::close);
  }
}
