package dev.assay.projects;

import dev.assay.auth.AccessScope;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import java.util.Optional;

/**
 * Reads and changes projects. Every method sees only projects in spaces the scope allows; a project
 * outside the scope behaves exactly like one that does not exist.
 */
public interface ProjectStore {

  /** Visible projects, in {@code spaceId} when not null, ordered by name, then id. */
  Page<Project> list(AccessScope scope, String spaceId, PageRequest page);

  Optional<Project> findById(AccessScope scope, String id);

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
   * Deletes a project and everything recorded in it (spans, traces, sessions, evaluations).
   *
   * @return false when no visible project has that id
   */
  boolean delete(AccessScope scope, String id);
}
