package dev.assay.store;

import dev.assay.auth.AccessScope;
import dev.assay.shared.ConflictException;
import dev.assay.shared.Cursors;
import dev.assay.shared.Ids;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.shared.Times;
import dev.assay.spaces.Space;
import dev.assay.spaces.SpaceStore;
import dev.assay.spaces.SpaceUpdate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

final class JdbcSpaceStore implements SpaceStore {
  private static final String COLUMNS = "id, name, description, is_private, created_at, updated_at";

  private final Jdbi jdbi;
  private final Clock clock;
  private final ProjectNameCache projectsByName;

  JdbcSpaceStore(Jdbi jdbi, Clock clock, ProjectNameCache projectsByName) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.projectsByName = projectsByName;
  }

  @Override
  public Page<Space> list(AccessScope scope, String nameContains, PageRequest page) {
    String[] after = page.cursor() == null ? null : Cursors.decode(page.cursor(), 2);
    String sql = "SELECT " + COLUMNS + " FROM spaces WHERE " + ScopeSql.spaceClause(scope, "id")
        + (nameContains == null ? "" : " AND strpos(lower(name), lower(:name_contains)) > 0")
        + (after == null ? "" : " AND (name > :after_name OR (name = :after_name AND id > :after_id))")
        + " ORDER BY name, id LIMIT :limit";
    List<Space> rows = jdbi.withHandle(h -> {
      Query q = ScopeSql.bind(h.createQuery(sql), scope).bind("limit", page.limit() + 1);
      if (nameContains != null) {
        q.bind("name_contains", nameContains);
      }
      if (after != null) {
        q.bind("after_name", after[0]).bind("after_id", after[1]);
      }
      return q.map(JdbcSpaceStore::map).list();
    });
    return Pages.of(rows, page.limit(), s -> Cursors.encode(s.name(), s.id()));
  }

  @Override
  public Optional<Space> findById(AccessScope scope, String id) {
    return jdbi.withHandle(h -> find(h, scope, "id", id));
  }

  @Override
  public Optional<Space> findByName(AccessScope scope, String name) {
    return jdbi.withHandle(h -> find(h, scope, "name", name == null ? null : name.strip()));
  }

  private static Optional<Space> find(Handle h, AccessScope scope, String column, String value) {
    if (value == null) {
      return Optional.empty();
    }
    String sql = "SELECT " + COLUMNS + " FROM spaces WHERE " + column + " = :value AND " + ScopeSql.spaceClause(scope, "id");
    return ScopeSql.bind(h.createQuery(sql), scope).bind("value", value).map(JdbcSpaceStore::map).findOne();
  }

  @Override
  public Space create(AccessScope scope, String name, String description, boolean isPrivate) {
    String validName = Names.require("space name", name);
    if (!(scope instanceof AccessScope.Unrestricted)) {
      // Creating a space is an administrative act; role checks arrive with auth. Until then only
      // unrestricted callers (local mode) may create one.
      throw new NotFoundException("cannot create spaces in this scope");
    }
    long now = Times.nowMicros(clock);
    String id = Ids.newId(clock);
    try {
      jdbi.useHandle(h -> h.createUpdate("INSERT INTO spaces (" + COLUMNS + ")"
              + " VALUES (:id, :name, :description, :is_private, :now, :now)")
          .bind("id", id).bind("name", validName).bind("description", blankToNull(description))
          .bind("is_private", isPrivate).bind("now", now).execute());
    } catch (RuntimeException e) {
      throw conflictIfTaken(scope, validName, e);
    }
    return findById(scope, id).orElseThrow();
  }

  @Override
  public Space update(AccessScope scope, String id, SpaceUpdate update) {
    update.requireChanges();
    String newName = update.name() == null ? null : Names.require("space name", update.name());
    Space current = findById(scope, id).orElseThrow(() -> new NotFoundException("space " + id + " not found"));
    if (current.isDefault() && newName != null && !newName.equals(Space.DEFAULT_NAME)) {
      throw new InvalidInputException("the default space cannot be renamed");
    }
    List<String> sets = new ArrayList<>(List.of("updated_at = :now"));
    if (newName != null) {
      sets.add("name = :name");
    }
    if (update.description() != null) {
      sets.add("description = :description");
    }
    if (update.isPrivate() != null) {
      sets.add("is_private = :is_private");
    }
    try {
      jdbi.useHandle(h -> {
        Update u = h.createUpdate("UPDATE spaces SET " + String.join(", ", sets) + " WHERE id = :id")
            .bind("id", current.id()).bind("now", Times.nowMicros(clock));
        if (newName != null) {
          u.bind("name", newName);
        }
        if (update.description() != null) {
          u.bind("description", blankToNull(update.description()));
        }
        if (update.isPrivate() != null) {
          u.bind("is_private", update.isPrivate().booleanValue());
        }
        u.execute();
      });
    } catch (RuntimeException e) {
      throw newName == null ? e : conflictIfTaken(scope, newName, e);
    }
    return findById(scope, current.id()).orElseThrow(() -> new NotFoundException("space " + id + " not found"));
  }

  @Override
  public boolean delete(AccessScope scope, String id) {
    if (Space.DEFAULT_ID.equals(id)) {
      throw new InvalidInputException("the default space cannot be deleted");
    }
    boolean deleted = jdbi.inTransaction(h -> {
      if (find(h, scope, "id", id).isEmpty()) {
        return false;
      }
      DeleteProjects.inSpace(h, id);
      JdbcEvaluatorStore.deleteInSpace(h, id);
      JdbcPromptStore.deleteInSpace(h, id);
      JdbcDatasetStore.deleteInSpace(h, id);
      JdbcExperimentStore.deleteInSpace(h, id);
      // Memberships reference the space (a foreign key on PostgreSQL): nobody keeps a role in a deleted space.
      JdbcAuthStore.deleteMembershipsInSpace(h, id);
      // Model configs reference their space (a foreign key on PostgreSQL), so they go with it.
      h.createUpdate("DELETE FROM model_configs WHERE space_id = :id").bind("id", id).execute();
      return h.createUpdate("DELETE FROM spaces WHERE id = :id").bind("id", id).execute() > 0;
    });
    projectsByName.clear();
    return deleted;
  }

  /** After a failed write: a conflict when the name now belongs to a space, else the original failure. */
  private RuntimeException conflictIfTaken(AccessScope scope, String name, RuntimeException failure) {
    if (findByName(AccessScope.unrestricted(), name).isPresent()) {
      return new ConflictException("a space named '" + name + "' already exists");
    }
    return failure;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  static Space map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Space(rs.getString("id"), rs.getString("name"), rs.getString("description"), rs.getBoolean("is_private"),
        Times.instant(rs.getLong("created_at")), Times.instant(rs.getLong("updated_at")));
  }
}
