package dev.assay.traces;

import dev.assay.auth.AccessScope;
import dev.assay.projects.Project;
import dev.assay.projects.ProjectService;
import dev.assay.query.FilterParser;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Times;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Exports for the APIs, in two steps so that a caller can answer a bad request before writing anything:
 * {@link #prepare} checks the input and resolves the project (it throws, nothing is read yet), then
 * {@link #stream} reads the spans forward, one at a time. Same window defaults as {@link SpanService}.
 */
public final class SpanExportService {
  private final ProjectService projects;
  private final SpanStore spans;
  private final Clock clock;

  public SpanExportService(ProjectService projects, SpanStore spans, Clock clock) {
    if (projects == null || spans == null || clock == null) {
      throw new NullPointerException("projects, spans and clock are required");
    }
    this.projects = projects;
    this.spans = spans;
    this.clock = clock;
  }

  /** A checked export: the project it reads and the query. */
  public record Prepared(Project project, SpanExportQuery query) {}

  /**
   * Checks an export of project {@code projectRef} (an id, or a name in the {@code default} space).
   *
   * @param start null for {@link SpanService#DEFAULT_WINDOW} before {@code end}
   * @param end null for now
   * @param filter null for every span; otherwise filter-language text, which must not be blank
   * @throws dev.assay.query.FilterParseException when the filter does not parse
   * @throws dev.assay.shared.NotFoundException when the project does not exist or is not visible
   */
  public Prepared prepare(AccessScope scope, String projectRef, Instant start, Instant end, String filter,
      SpanExportQuery.Selection selection) {
    if (projectRef == null || projectRef.isBlank()) {
      throw new InvalidInputException("project_id is required");
    }
    if (filter != null && filter.isBlank()) {
      throw new InvalidInputException("filter must not be empty; omit it to export every span");
    }
    Instant to = end != null ? end : clock.instant();
    Instant from = start != null ? start : to.minus(SpanService.DEFAULT_WINDOW);
    SpanExportQuery query = new SpanExportQuery("unresolved", Times.micros(from), Times.micros(to),
        filter == null ? null : FilterParser.parse(filter), selection);
    Project project = projects.get(scope, projectRef, null);
    return new Prepared(project, new SpanExportQuery(project.id(), query.startTime(), query.endTime(), query.filter(),
        selection));
  }

  /** Streams the prepared export into {@code sink}; see {@link SpanStore#stream}. Returns the span count. */
  public long stream(AccessScope scope, Prepared export, Consumer<Span> sink) {
    return spans.stream(scope, export.query(), sink);
  }
}
