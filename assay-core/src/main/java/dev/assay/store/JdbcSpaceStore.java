package dev.assay.store;

import dev.assay.auth.AccessScope;
import dev.assay.shared.ConflictException;
import dev.assay.shared.Cursors;
import dev.assay.shared.Ids;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.shared.Times;
import dev.assay.spaces.Space;
import dev.assay.spaces.SpaceStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

final class JdbcSpaceStore implements SpaceStore {
  private static final String COLUMNS = "id, name, description, created_at, updated_at";

  private final Jdbi jdbi;
  private final Clock clock;

  JdbcSpaceStore(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  @Override
  public Page<Space> list(AccessScope scope, PageRequest page) {
    String[] after = page.cursor() == null ? null : Cursors.decode(page.cursor(), 2);
    String sql = "SELECT " + COLUMNS + " FROM spaces WHERE " + ScopeSql.spaceClause(scope, "id")
        + (after == null ? "" : " AND (name > :after_name OR (name = :after_name AND id > :after_id))")
        + " ORDER BY name, id LIMIT :limit";
    List<Space> rows = jdbi.withHandle(h -> {
      Query q = ScopeSql.bind(h.createQuery(sql), scope).bind("limit", page.limit() + 1);
      if (after != null) {
        q.bind("after_name", after[0]).bind("after_id", after[1]);
      }
      return q.map(JdbcSpaceStore::map).list();
    });
    return Pages.of(rows, page.limit(), s -> Cursors.encode(s.name(), s.id()));
  }

  @Override
  public Optional<Space> findById(AccessScope scope, String id) {
    return findBy(scope, "id", id);
  }

  @Override
  public Optional<Space> findByName(AccessScope scope, String name) {
    return findBy(scope, "name", name);
  }

  private Optional<Space> findBy(AccessScope scope, String column, String value) {
    if (value == null) {
      return Optional.empty();
    }
    String sql = "SELECT " + COLUMNS + " FROM spaces WHERE " + column + " = :value AND " + ScopeSql.spaceClause(scope, "id");
    return jdbi.withHandle(h -> ScopeSql.bind(h.createQuery(sql), scope).bind("value", value).map(JdbcSpaceStore::map).findOne());
  }

  @Override
  public Space create(AccessScope scope, String name, String description) {
    String validName = Names.require("space name", name);
    if (!(scope instanceof AccessScope.Unrestricted)) {
      // Creating a space is an administrative act; role checks arrive with auth. Until then only
      // unrestricted callers (local mode) may create one.
      throw new NotFoundException("cannot create spaces in this scope");
    }
    long now = Times.nowMicros(clock);
    String id = Ids.newId(clock);
    try {
      jdbi.useHandle(h -> h.createUpdate("INSERT INTO spaces (" + COLUMNS + ") VALUES (:id, :name, :description, :now, :now)")
          .bind("id", id).bind("name", validName).bind("description", description).bind("now", now).execute());
    } catch (RuntimeException e) {
      if (findByName(scope, validName).isPresent()) {
        throw new ConflictException("a space named '" + validName + "' already exists");
      }
      throw e;
    }
    return findById(scope, id).orElseThrow();
  }

  static Space map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Space(rs.getString("id"), rs.getString("name"), rs.getString("description"),
        Times.instant(rs.getLong("created_at")), Times.instant(rs.getLong("updated_at")));
  }
}
