package dev.assay.projects;

import dev.assay.auth.AccessScope;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.spaces.Space;
import dev.assay.spaces.SpaceService;
import java.util.List;
import java.util.Map;

/**
 * Projects for every interface. A project reference ({@code ref}) is an id or a name: a value that is not
 * the id of a visible project is looked up as a project name in the space {@code spaceRef} (itself an id
 * or a name), or in the {@code default} space when {@code spaceRef} is null.
 */
public final class ProjectService {
  private final ProjectStore store;
  private final SpaceService spaces;

  public ProjectService(ProjectStore store, SpaceService spaces) {
    if (store == null || spaces == null) {
      throw new NullPointerException("store and spaces are required");
    }
    this.store = store;
    this.spaces = spaces;
  }

  /**
   * Visible projects matching {@code filter}, ordered by name, then id. The filter's {@code spaceId} may be
   * a space id or name.
   *
   * @throws NotFoundException when the filter names a space that does not exist
   */
  public Page<Project> list(AccessScope scope, ProjectFilter filter, PageRequest page) {
    return store.list(scope, resolveSpace(scope, filter), page);
  }

  /** {@link #list} with each project's activity, read in one more query for the whole page. */
  public Page<ProjectSummary> summaries(AccessScope scope, ProjectFilter filter, PageRequest page) {
    Page<Project> projects = list(scope, filter, page);
    Map<String, ProjectActivity> activity = store.activity(scope, projects.items().stream().map(Project::id).toList());
    List<ProjectSummary> items = projects.items().stream()
        .map(p -> new ProjectSummary(p, activity.getOrDefault(p.id(), ProjectActivity.none(p.id()))))
        .toList();
    return new Page<>(items, projects.nextCursor());
  }

  /**
   * The project {@code ref}, by id or else by name within {@code spaceRef}.
   *
   * @throws NotFoundException when there is no such project or space
   */
  public Project get(AccessScope scope, String ref, String spaceRef) {
    if (ref == null || ref.isBlank()) {
      throw new NotFoundException("project '' not found");
    }
    var byId = store.findById(scope, ref);
    if (byId.isPresent()) {
      return byId.get();
    }
    Space space = spaces.getOrDefault(scope, spaceRef);
    return store.findByName(scope, space.id(), ref)
        .orElseThrow(() -> new NotFoundException("project '" + ref + "' not found in space '" + space.name() + "'"));
  }

  /**
   * The space {@code spaceRef} (id or name), for callers that filter by space without holding the space service.
   *
   * @throws NotFoundException when there is no such visible space
   */
  public Space space(AccessScope scope, String spaceRef) {
    return spaces.get(scope, spaceRef);
  }

  /** Creates a project in {@code spaceRef} (the {@code default} space when null); see {@link ProjectStore#create}. */
  public Project create(AccessScope scope, String spaceRef, String name) {
    return store.create(scope, spaces.getOrDefault(scope, spaceRef).id(), name, null);
  }

  /** Renames the project {@code ref}; see {@link ProjectStore#rename}. */
  public Project rename(AccessScope scope, String ref, String spaceRef, String newName) {
    return store.rename(scope, get(scope, ref, spaceRef).id(), newName);
  }

  /**
   * Deletes the project {@code ref} with everything recorded in it.
   *
   * @throws NotFoundException when there is no such project (also when a concurrent delete won)
   */
  public void delete(AccessScope scope, String ref, String spaceRef) {
    Project project = get(scope, ref, spaceRef);
    if (!store.delete(scope, project.id())) {
      throw new NotFoundException("project '" + ref + "' not found");
    }
  }

  private ProjectFilter resolveSpace(AccessScope scope, ProjectFilter filter) {
    ProjectFilter f = filter == null ? ProjectFilter.ALL : filter;
    if (f.spaceId() == null) {
      return f;
    }
    return new ProjectFilter(spaces.get(scope, f.spaceId()).id(), f.spaceNameContains(), f.nameContains());
  }
}
