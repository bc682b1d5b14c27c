package dev.assay.store;

import dev.assay.prompts.PromptStore;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** Prompts, versions and labels over JDBC (branch wt/prompts). */
final class JdbcPromptStore implements PromptStore {
  private final Jdbi jdbi;
  private final Dialect dialect;
  private final Clock clock;

  JdbcPromptStore(Jdbi jdbi, Dialect dialect, Clock clock) {
    this.jdbi = jdbi;
    this.dialect = dialect;
    this.clock = clock;
  }
}
