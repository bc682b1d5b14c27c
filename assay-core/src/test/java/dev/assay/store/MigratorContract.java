package dev.assay.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The migrator's contract, run per dialect against an empty database (not the shared test schema). */
public abstract class MigratorContract {

  /** A Jdbi over a database (or schema) with no tables at all. */
  protected abstract Jdbi emptyDatabase();

  protected abstract Dialect dialect();

  private List<String> tables(Jdbi jdbi) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name")
        .mapTo(String.class).list());
  }

  private List<String> applied(Jdbi jdbi) {
    return jdbi.withHandle(h -> h.createQuery("SELECT version FROM schema_migrations ORDER BY version").mapTo(String.class).list());
  }

  @Test
  void migrate_appliesEveryMigrationOnce_andThenNothing() {
    Jdbi jdbi = emptyDatabase();
    Migrator migrator = new Migrator(jdbi, dialect(), Clock.systemUTC());

    List<String> first = migrator.migrate();
    List<String> second = migrator.migrate();

    assertEquals(Migrator.load(dialect()).stream().map(Migrator.Migration::version).toList(), first);
    assertEquals(List.of(), second);
    assertTrue(tables(jdbi).containsAll(List.of("spaces", "projects", "spans", "traces", "sessions", "evaluations", "jobs", "schema_migrations")));
  }

  @Test
  void migrate_refusesWhenAnAppliedMigrationWasChanged() {
    Jdbi jdbi = emptyDatabase();
    new Migrator(jdbi, dialect(), Clock.systemUTC()).migrate();
    jdbi.useHandle(h -> h.execute("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 'V001__initial_schema'"));

    MigrationException e = assertThrows(MigrationException.class, () -> new Migrator(jdbi, dialect(), Clock.systemUTC()).migrate());

    assertTrue(e.getMessage().contains("V001__initial_schema"), e.getMessage());
    assertTrue(e.getMessage().contains("was changed after it was applied"), e.getMessage());
  }

  @Test
  void migrate_refusesADatabaseMigratedByANewerVersion() {
    Jdbi jdbi = emptyDatabase();
    new Migrator(jdbi, dialect(), Clock.systemUTC()).migrate();
    jdbi.useHandle(h -> h.execute("INSERT INTO schema_migrations (version, checksum, applied_at) VALUES ('V999__future', 'x', 0)"));

    MigrationException e = assertThrows(MigrationException.class, () -> new Migrator(jdbi, dialect(), Clock.systemUTC()).migrate());

    assertTrue(e.getMessage().contains("V999__future"), e.getMessage());
  }

  @Test
  void aFailingMigrationRollsBackWhollyAndIsNotRecorded() {
    Jdbi jdbi = emptyDatabase();
    Migrator broken = new Migrator(jdbi, dialect(), Clock.systemUTC(), "db/broken-migration");

    MigrationException e = assertThrows(MigrationException.class, broken::migrate);

    assertTrue(e.getMessage().contains("V002__bad"), e.getMessage());
    assertEquals(List.of("V001__good"), applied(jdbi));
    List<String> tables = tables(jdbi);
    assertTrue(tables.contains("migrator_probe_good"), tables.toString());
    assertTrue(!tables.contains("migrator_probe_partial"), "the failed file's first statement must be rolled back: " + tables);
  }
}
