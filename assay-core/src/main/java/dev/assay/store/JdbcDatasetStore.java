package dev.assay.store;

import dev.assay.datasets.DatasetStore;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** Datasets, versions and examples over JDBC (branch wt/datasets). */
final class JdbcDatasetStore implements DatasetStore {
  private final Jdbi jdbi;
  private final Dialect dialect;
  private final Clock clock;

  JdbcDatasetStore(Jdbi jdbi, Dialect dialect, Clock clock) {
    this.jdbi = jdbi;
    this.dialect = dialect;
    this.clock = clock;
  }
}
