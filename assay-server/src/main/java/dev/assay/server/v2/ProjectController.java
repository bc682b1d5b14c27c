package dev.assay.server.v2;

import static dev.assay.server.v2.V2Requests.query;
import static dev.assay.server.v2.V2Requests.scope;

import dev.assay.projects.Project;
import dev.assay.projects.ProjectActivity;
import dev.assay.projects.ProjectFilter;
import dev.assay.projects.ProjectService;
import dev.assay.projects.ProjectSummary;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Page;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/**
 * {@code /v2/projects}, as AX defines it (operations {@code list_projects}, {@code get_project},
 * {@code create_project}, {@code update_project}, {@code delete_project}), and Assay's own
 * {@code /v2/project-summaries} for overview pages.
 *
 * <p>The {@code project_id} path parameter takes an id or a name; a name is looked up in the space given by
 * the {@code space_id} query parameter (id or name), else by {@code space_name} (exact), else in the
 * {@code default} space. A create without {@code space_id} goes to the {@code default} space.
 */
public final class ProjectController {
  static final String TYPE = "Project";

  /** AX's {@code Project}. */
  public record ProjectJson(String id, String name, String spaceId, Instant createdAt) {
    static ProjectJson of(Project p) {
      return new ProjectJson(ApiIds.encode(TYPE, p.id()), p.name(), ApiIds.encode(SpaceController.TYPE, p.spaceId()),
          p.createdAt());
    }
  }

  /** AX's {@code ListProjectsResponse}. */
  public record ProjectList(List<ProjectJson> projects, Pagination pagination) {}

  /** Assay's {@code ProjectSummary}: a project with its activity; {@code last_span_time} is null without spans. */
  public record ProjectSummaryJson(String id, String name, String spaceId, Instant createdAt, long spanCount,
      long traceCount, long sessionCount, Instant lastSpanTime) {
    static ProjectSummaryJson of(ProjectSummary summary) {
      ProjectJson p = ProjectJson.of(summary.project());
      ProjectActivity a = summary.activity();
      return new ProjectSummaryJson(p.id(), p.name(), p.spaceId(), p.createdAt(), a.spanCount(), a.traceCount(),
          a.sessionCount(), a.lastSpanTime());
    }
  }

  /** Assay's {@code ListProjectSummariesResponse}. */
  public record ProjectSummaryList(List<ProjectSummaryJson> projectSummaries, Pagination pagination) {}

  /** AX's {@code CreateProjectRequest}; Assay lets {@code space_id} (an id or a name) default to the default space. */
  public record CreateProjectRequest(String name, String spaceId) {
    public CreateProjectRequest {
      if (name == null) {
        throw new InvalidInputException("name is required");
      }
    }
  }

  /** AX's {@code UpdateProjectRequest}. */
  public record UpdateProjectRequest(String name) {
    public UpdateProjectRequest {
      if (name == null) {
        throw new InvalidInputException("name is required");
      }
    }
  }

  private final ProjectService projects;

  public ProjectController(ProjectService projects) {
    if (projects == null) {
      throw new NullPointerException("projects is required");
    }
    this.projects = projects;
  }

  /** {@code GET /v2/projects?space_id=&space_name=&name=&limit=&cursor=}; names filter by substring, ignoring case. */
  public void list(Context ctx) {
    Page<Project> page = projects.list(scope(ctx), filter(ctx), V2Requests.page(ctx));
    ctx.json(new ProjectList(page.items().stream().map(ProjectJson::of).toList(), Pagination.of(page)));
  }

  /** {@code GET /v2/project-summaries}: the same filters and pages as {@link #list}. */
  public void summaries(Context ctx) {
    Page<ProjectSummary> page = projects.summaries(scope(ctx), filter(ctx), V2Requests.page(ctx));
    ctx.json(new ProjectSummaryList(page.items().stream().map(ProjectSummaryJson::of).toList(), Pagination.of(page)));
  }

  public void get(Context ctx) {
    ctx.json(ProjectJson.of(projects.get(scope(ctx), ref(ctx), spaceRef(ctx))));
  }

  public void create(Context ctx) {
    CreateProjectRequest body = ctx.bodyAsClass(CreateProjectRequest.class);
    Project project = projects.create(scope(ctx), ApiIds.decode(SpaceController.TYPE, body.spaceId()), body.name());
    ctx.status(201).json(ProjectJson.of(project));
  }

  public void update(Context ctx) {
    UpdateProjectRequest body = ctx.bodyAsClass(UpdateProjectRequest.class);
    ctx.json(ProjectJson.of(projects.rename(scope(ctx), ref(ctx), spaceRef(ctx), body.name())));
  }

  public void delete(Context ctx) {
    projects.delete(scope(ctx), ref(ctx), spaceRef(ctx));
    ctx.status(204);
  }

  private static ProjectFilter filter(Context ctx) {
    return new ProjectFilter(ApiIds.decode(SpaceController.TYPE, query(ctx, "space_id")), query(ctx, "space_name"),
        query(ctx, "name"));
  }

  private static String ref(Context ctx) {
    return ApiIds.decode(TYPE, ctx.pathParam("project_id"));
  }

  /** The space a project name in the path is looked up in: {@code space_id}, else {@code space_name}, else null. */
  private static String spaceRef(Context ctx) {
    String spaceId = ApiIds.decode(SpaceController.TYPE, query(ctx, "space_id"));
    return spaceId != null ? spaceId : query(ctx, "space_name");
  }
}
