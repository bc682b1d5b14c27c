package dev.assay.store;

import dev.assay.experiments.ExperimentStore;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** Experiments and runs over JDBC (branch wt/experiments). */
final class JdbcExperimentStore implements ExperimentStore {
  private final Jdbi jdbi;
  private final Dialect dialect;
  private final Clock clock;
  private final JdbcJobQueue jobs;

  JdbcExperimentStore(Jdbi jdbi, Dialect dialect, Clock clock, JdbcJobQueue jobs) {
    this.jdbi = jdbi;
    this.dialect = dialect;
    this.clock = clock;
    this.jobs = jobs;
  }
}
