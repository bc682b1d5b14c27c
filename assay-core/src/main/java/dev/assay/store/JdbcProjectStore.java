package dev.assay.store;

import dev.assay.auth.AccessScope;
import dev.assay.projects.Project;
import dev.assay.projects.ProjectActivity;
import dev.assay.projects.ProjectFilter;
import dev.assay.projects.ProjectStore;
import dev.assay.shared.ConflictException;
import dev.assay.shared.Ids;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.shared.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

final class JdbcProjectStore implements ProjectStore {
  private static final String COLUMNS = "id, space_id, name, description, created_at, updated_at";

  private final Jdbi jdbi;
  private final Clock clock;
  private final ProjectNameCache byName;

  JdbcProjectStore(Jdbi jdbi, Clock clock, ProjectNameCache byName) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.byName = byName;
  }

  @Override
  public Page<Project> list(AccessScope scope, ProjectFilter filter, PageRequest page) {
    ProjectFilter f = filter == null ? ProjectFilter.ALL : filter;
    return NamedInSpaceList.list(jdbi, "projects", COLUMNS, scope,
        new NamedInSpaceList.Filter(f.spaceId(), f.spaceNameContains(), f.nameContains()), page,
        JdbcProjectStore::map, Project::name, Project::id);
  }

  @Override
  public Optional<Project> findById(AccessScope scope, String id) {
    if (id == null) {
      return Optional.empty();
    }
    return jdbi.withHandle(h -> find(h, scope, "id = :id", "id", id));
  }

  @Override
  public Optional<Project> findByName(AccessScope scope, String spaceId, String name) {
    if (spaceId == null || name == null) {
      return Optional.empty();
    }
    return jdbi.withHandle(h -> findByName(h, scope, spaceId, name.strip()));
  }

  private static Optional<Project> findByName(Handle h, AccessScope scope, String spaceId, String name) {
    String sql = "SELECT " + COLUMNS + " FROM projects WHERE space_id = :space_id AND name = :name AND "
        + ScopeSql.spaceClause(scope, "space_id");
    return ScopeSql.bind(h.createQuery(sql), scope).bind("space_id", spaceId).bind("name", name)
        .map(JdbcProjectStore::map).findOne();
  }

  private static Optional<Project> find(Handle h, AccessScope scope, String predicate, String bind, String value) {
    String sql = "SELECT " + COLUMNS + " FROM projects WHERE " + predicate + " AND " + ScopeSql.spaceClause(scope, "space_id");
    return ScopeSql.bind(h.createQuery(sql), scope).bind(bind, value).map(JdbcProjectStore::map).findOne();
  }

  @Override
  public Project create(AccessScope scope, String spaceId, String name, String description) {
    String validName = Names.require("project name", name);
    requireVisibleSpace(scope, spaceId);
    long now = Times.nowMicros(clock);
    String id = Ids.newId(clock);
    try {
      jdbi.useHandle(h -> insert(h, id, spaceId, validName, description, now, false));
    } catch (RuntimeException e) {
      if (findByName(scope, spaceId, validName).isPresent()) {
        throw new ConflictException("a project named '" + validName + "' already exists in this space");
      }
      throw e;
    }
    return findById(scope, id).orElseThrow();
  }

  @Override
  public Project getOrCreate(AccessScope scope, String spaceId, String name) {
    String validName = Names.require("project name", name);
    Optional<Project> cached = byName.get(spaceId, validName).filter(p -> scope.allows(p.spaceId()));
    if (cached.isPresent()) {
      return cached.get();
    }
    Project project = findOrInsert(scope, spaceId, validName);
    byName.put(project);
    return project;
  }

  private Project findOrInsert(AccessScope scope, String spaceId, String validName) {
    Optional<Project> existing = findByName(scope, spaceId, validName);
    if (existing.isPresent()) {
      return existing.get();
    }
    requireVisibleSpace(scope, spaceId);
    RuntimeException lost = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        jdbi.useHandle(h -> insert(h, Ids.newId(clock), spaceId, validName, null, Times.nowMicros(clock), true));
        return findByName(scope, spaceId, validName).orElseThrow();
      } catch (RuntimeException e) {
        // PostgreSQL resolves a racing insert through ON CONFLICT; DuckDB's optimistic concurrency instead fails
        // the later of two concurrent inserts, possibly before the earlier one has committed (or when that one
        // failed too), so wait for the winner's row and insert again if none appears.
        lost = e;
        Optional<Project> raced = awaitByName(scope, spaceId, validName);
        if (raced.isPresent()) {
          return raced.get();
        }
      }
    }
    throw lost;
  }

  /** Reads the project by name, waiting up to about half a second for a racing insert to commit. */
  private Optional<Project> awaitByName(AccessScope scope, String spaceId, String validName) {
    for (int attempt = 0; ; attempt++) {
      Optional<Project> found = findByName(scope, spaceId, validName);
      if (found.isPresent() || attempt == 50) {
        return found;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return found;
      }
    }
  }

  private static void insert(Handle h, String id, String spaceId, String name, String description, long now, boolean ignoreExisting) {
    h.createUpdate("INSERT INTO projects (" + COLUMNS + ") VALUES (:id, :space_id, :name, :description, :now, :now)"
            + (ignoreExisting ? " ON CONFLICT (space_id, name) DO NOTHING" : ""))
        .bind("id", id).bind("space_id", spaceId).bind("name", name).bind("description", description).bind("now", now)
        .execute();
  }

  private void requireVisibleSpace(AccessScope scope, String spaceId) {
    boolean visible = spaceId != null && scope.allows(spaceId)
        && jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM spaces WHERE id = :id").bind("id", spaceId).mapTo(Long.class).one()) > 0;
    if (!visible) {
      throw new NotFoundException("space " + spaceId + " not found");
    }
  }

  @Override
  public Project rename(AccessScope scope, String id, String newName) {
    String validName = Names.require("project name", newName);
    Project current = findById(scope, id).orElseThrow(() -> new NotFoundException("project " + id + " not found"));
    if (current.name().equals(validName)) {
      return current;
    }
    try {
      jdbi.useHandle(h -> h.createUpdate("UPDATE projects SET name = :name, updated_at = :now WHERE id = :id")
          .bind("name", validName).bind("now", Times.nowMicros(clock)).bind("id", current.id()).execute());
      byName.clear();
    } catch (RuntimeException e) {
      if (findByName(scope, current.spaceId(), validName).isPresent()) {
        throw new ConflictException("a project named '" + validName + "' already exists in this space");
      }
      throw e;
    }
    return findById(scope, current.id()).orElseThrow(() -> new NotFoundException("project " + id + " not found"));
  }

  @Override
  public boolean delete(AccessScope scope, String id) {
    if (id == null) {
      return false;
    }
    boolean deleted = jdbi.inTransaction(h -> find(h, scope, "id = :id", "id", id).isPresent() && DeleteProjects.byId(h, id));
    byName.clear();
    return deleted;
  }

  @Override
  public Map<String, ProjectActivity> activity(AccessScope scope, Collection<String> projectIds) {
    if (projectIds == null || projectIds.isEmpty()) {
      return Map.of();
    }
    return jdbi.withHandle(h -> SelectProjectActivity.run(h, scope, projectIds));
  }

  static Project map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Project(rs.getString("id"), rs.getString("space_id"), rs.getString("name"), rs.getString("description"),
        Times.instant(rs.getLong("created_at")), Times.instant(rs.getLong("updated_at")));
  }
}
