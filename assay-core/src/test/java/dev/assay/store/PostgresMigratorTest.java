package dev.assay.store;

import dev.assay.testing.PostgresExtension;
import dev.assay.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each test gets a fresh, empty PostgreSQL schema through pgjdbc's {@code currentSchema} parameter. */
@ExtendWith(PostgresExtension.class)
class PostgresMigratorTest extends MigratorContract {
  private final List<String> schemas = new ArrayList<>();
  private final List<Database> opened = new ArrayList<>();

  @Override
  protected Jdbi emptyDatabase() {
    String schema = "migrator_probe_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    PostgresExtension.database().jdbi().useHandle(h -> h.execute("CREATE SCHEMA " + schema));
    schemas.add(schema);
    String url = TestDatabases.postgresServerUrl();
    Database db = Database.open(DatabaseTarget.parse(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema), 2);
    opened.add(db);
    return db.jdbi();
  }

  @Override
  protected Dialect dialect() {
    return PostgresDialect.INSTANCE;
  }

  @AfterEach
  void dropSchemas() {
    opened.forEach(Database::close);
    PostgresExtension.database().jdbi().useHandle(h -> schemas.forEach(s -> h.execute("DROP SCHEMA " + s + " CASCADE")));
  }
}
