package dev.assay.projects;

import dev.assay.auth.AccessScope;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and changes projects. Every method sees only projects in spaces the scope allows; a project
 * outside the scope behaves exactly like one that does not exist.
 */
public interface ProjectStore {

  /** Visible projects matching the filter, ordered by name, then id. */
  Page<Project> list(AccessScope scope, ProjectFilter filter, PageRequest page);

  /** The visible project with that id; empty for an unknown id or null. */
  Optional<Project> findById(AccessScope scope, String id);

  /** The visible project with exactly that name (after stripping) in the space; empty when there is none. */
  Optional<Project> findByName(AccessScope scope, String spaceId, String name);

  /**
   * Creates a project.
   *
   * @throws dev.assay.shared.NotFoundException when the space does not exist or is not visible
   * @throws dev.assay.shared.ConflictException when the space already has a project of that name
   * @throws dev.assay.shared.InvalidInputException when the name is blank or longer than 256 characters
   */
  Project create(AccessScope scope, String spaceId, String name, String description);

  /**
   * Returns the project of that name, creating it if missing (OTLP ingest creates projects on first
   * use). Safe under concurrent callers and replicas: exactly one row results.
   */
  Project getOrCreate(AccessScope scope, String spaceId, String name);

  /**
   * Renames a project within its space and returns it as stored; renaming to its current name is allowed.
   *
   * @throws dev.assay.shared.NotFoundException when no visible project has that id
   * @throws dev.assay.shared.ConflictException when another project of the space has the new name
   * @throws dev.assay.shared.InvalidInputException when the new name is invalid (as for {@link #create})
   */
  Project rename(AccessScope scope, String id, String newName);

  /**
   * Deletes a project and everything recorded in it (spans, traces, sessions, evaluations).
   *
   * @return false when no visible project has that id
   */
  boolean delete(AccessScope scope, String id);

  /**
   * The activity of each visible project among {@code projectIds}, read in one query from the trace and
   * session roll-ups. Unknown and invisible ids are absent from the map; a visible project without spans
   * maps to {@link ProjectActivity#none}.
   */
  Map<String, ProjectActivity> activity(AccessScope scope, Collection<String> projectIds);
}
