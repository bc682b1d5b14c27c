package dev.assay.store;

import dev.assay.testing.MutableClock;
import java.time.Instant;

/**
 * Base of the store contract suites. Each dialect's test class ({@link DuckDbStoreTest},
 * {@link PostgresStoreTest}) nests one subclass per contract and supplies the migrated database;
 * the database is cleared after every test, so each test makes its own unique data.
 */
public abstract class StoreContract {
  protected final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private JdbcStore store;

  /** The migrated database of the dialect under test. */
  protected abstract Database database();

  protected JdbcStore store() {
    if (store == null) {
      store = new JdbcStore(database(), clock);
    }
    return store;
  }

  protected Dialect dialect() {
    return database().dialect();
  }
}
