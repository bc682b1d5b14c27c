package dev.assay.traces;

import dev.assay.auth.AccessScope;
import dev.assay.projects.Project;
import dev.assay.projects.ProjectService;
import dev.assay.query.Filter;
import dev.assay.query.FilterParser;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Page;
import dev.assay.shared.Times;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Reads spans for the APIs: resolves the project, parses the filter and applies AX's default window. */
public final class SpanService {
  /** How far back a search reaches when it names no start time (AX: one week). */
  public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

  private final ProjectService projects;
  private final SpanStore spans;
  private final Clock clock;

  public SpanService(ProjectService projects, SpanStore spans, Clock clock) {
    if (projects == null || spans == null || clock == null) {
      throw new NullPointerException("projects, spans and clock are required");
    }
    this.projects = projects;
    this.spans = spans;
    this.clock = clock;
  }

  /**
   * One page of the spans of project {@code projectRef} (an id, or a name in the {@code default} space)
   * starting in {@code [start, end)}, newest first; see {@link SpanStore#search}.
   *
   * @param start null for {@link #DEFAULT_WINDOW} before {@code end}
   * @param end null for now
   * @param filter null for every span; otherwise filter-language text, which must not be blank
   * @param limit null for {@link SpanQuery#DEFAULT_LIMIT}
   * @throws dev.assay.query.FilterParseException when the filter does not parse (it names the column)
   * @throws dev.assay.shared.NotFoundException when the project does not exist or is not visible
   */
  public Page<Span> list(AccessScope scope, String projectRef, Instant start, Instant end, String filter, String cursor,
      Integer limit) {
    if (projectRef == null || projectRef.isBlank()) {
      throw new InvalidInputException("project_id is required");
    }
    if (filter != null && filter.isBlank()) {
      throw new InvalidInputException("filter must not be empty; omit it to list every span");
    }
    Instant to = end != null ? end : clock.instant();
    Instant from = start != null ? start : to.minus(DEFAULT_WINDOW);
    Filter parsed = filter == null ? null : FilterParser.parse(filter);
    Project project = projects.get(scope, projectRef, null);
    return spans.search(scope, new SpanQuery(project.id(), Times.micros(from), Times.micros(to), parsed, cursor,
        limit == null ? SpanQuery.DEFAULT_LIMIT : limit));
  }
}
