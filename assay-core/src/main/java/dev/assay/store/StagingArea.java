package dev.assay.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sink's staging tables and prepared statements on the writer's connection. The tables are created
 * and the statements prepared once per connection, then reused by every transaction: preparing costs
 * about a millisecond per statement on DuckDB (it plans at prepare time), and the writer keeps one
 * connection for as long as nothing fails. Plain JDBC rather than Jdbi here, since a statement is
 * prepared once and executed thousands of times. Not thread-safe (the writer thread's).
 */
final class StagingArea {
  private static final Logger LOG = LoggerFactory.getLogger(StagingArea.class);

  private final List<StagingTable> tables;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private Connection connection; // what the tables and statements were prepared on

  StagingArea(List<StagingTable> tables) {
    this.tables = List.copyOf(tables);
  }

  /**
   * Starts a batch inside the open transaction: on a new connection creates the tables, then empties
   * what the previous batch left where the dialect does not do it at commit, in one statement.
   */
  void begin(Handle handle) throws SQLException {
    Connection c = handle.getConnection();
    if (c != connection) {
      forget();
      execute(c, tables.stream().map(StagingTable::createSql).collect(Collectors.joining(";\n")));
      connection = c;
    }
    String reset = tables.stream().map(StagingTable::resetSql).filter(Objects::nonNull).collect(Collectors.joining(";\n"));
    if (!reset.isEmpty()) {
      execute(c, reset);
    }
  }

  /** The statement for {@code sql} on the current connection, prepared at its first use. */
  PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
    }
    return statement;
  }

  /**
   * Drops what this area knows about its connection, after a failed write: the transaction that
   * created the tables may have rolled back, or the connection may be gone.
   */
  void forget() {
    for (PreparedStatement s : statements.values()) {
      try {
        s.close();
      } catch (SQLException | RuntimeException e) {
        LOG.debug("closing a statement of a discarded connection: {}", e.toString());
      }
    }
    statements.clear();
    connection = null;
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement statement = c.createStatement()) {
      statement.execute(sql);
    }
  }
}
