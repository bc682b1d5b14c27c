package dev.assay.traces;

import dev.assay.auth.AccessScope;
import dev.assay.projects.ProjectStore;
import dev.assay.shared.AssayException;
import dev.assay.shared.UnavailableException;
import dev.assay.spaces.Space;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * OTLP trace ingest, independent of the transport (OTLP/HTTP and OTLP/gRPC both call it with a
 * decoded request): validates each span, routes it to its project, hands the valid ones to the span
 * writer as one atomic submission and reports after they are committed. Invalid spans are rejected
 * one by one (OTLP partial success); the others are kept.
 *
 * <p>Project routing: the caller's project name (the {@code x-project-name} header), else the resource
 * attribute {@code openinference.project.name}, else {@code default}. Projects are created on first use in the
 * space the receiver chose (the default space in local mode), within the caller's scope: a space outside it is a
 * {@link dev.assay.shared.NotFoundException} and nothing is stored.
 */
public final class IngestService {
  /** The resource attribute naming the project, as in Phoenix. */
  public static final String PROJECT_ATTRIBUTE = "openinference.project.name";
  public static final String DEFAULT_PROJECT = "default";
  private static final int MAX_REASONS = 5;

  private final ProjectStore projects;
  private final SpanWriter writer;

  public IngestService(ProjectStore projects, SpanWriter writer) {
    this.projects = Objects.requireNonNull(projects, "projects");
    this.writer = Objects.requireNonNull(writer, "writer");
  }

  /**
   * Validates, routes and submits the request's spans; the future completes after they are committed.
   * Validation, project creation and the writer's refusals happen before this returns.
   *
   * @param projectName the project the caller named for all spans (null or blank: none)
   * @throws dev.assay.shared.OverloadedException when the writer is full; nothing was accepted
   * @throws dev.assay.shared.UnavailableException when the writer is shutting down
   * @throws dev.assay.shared.InvalidInputException when a project name is invalid or the request is
   *     larger than the writer could ever hold
   */
  public CompletableFuture<IngestResult> submit(ExportTraceServiceRequest request, String projectName) {
    return submit(request, AccessScope.unrestricted(), Space.DEFAULT_ID, projectName);
  }

  /**
   * {@link #submit(ExportTraceServiceRequest, String)} into the space {@code spaceId}, creating projects only
   * where {@code scope} allows (the caller's spaces where it is MEMBER or more).
   *
   * @throws dev.assay.shared.NotFoundException when a project would be created in a space outside {@code scope}
   */
  public CompletableFuture<IngestResult> submit(ExportTraceServiceRequest request, AccessScope scope, String spaceId,
      String projectName) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(spaceId, "spaceId");
    String named = blankToNull(projectName);
    List<Span> accepted = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int rejected = 0;
    long weight = 0;
    Map<String, String> projectIds = new HashMap<>();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      String project = named != null ? named : resourceProject(resourceSpans.getResource());
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        for (io.opentelemetry.proto.trace.v1.Span span : scopeSpans.getSpansList()) {
          String reason = OtlpSpanMapper.rejection(span);
          if (reason != null) {
            rejected++;
            if (reasons.size() < MAX_REASONS) {
              reasons.add(reason);
            }
            continue;
          }
          String projectId = projectIds.computeIfAbsent(project,
              name -> projects.getOrCreate(scope, spaceId, name).id());
          accepted.add(OtlpSpanMapper.map(projectId, span, notes));
          weight += span.getSerializedSize();
        }
      }
    }
    IngestResult result = new IngestResult(accepted.size(), rejected, message(rejected, reasons, notes));
    return writer.submit(accepted, weight).thenApply(committed -> result);
  }

  /**
   * {@link #submit} and wait for the commit (request handlers run on virtual threads, so waiting is cheap).
   *
   * @throws UnavailableException when interrupted while waiting, or when the writer shut down first
   */
  public IngestResult export(ExportTraceServiceRequest request, String projectName) {
    return export(request, AccessScope.unrestricted(), Space.DEFAULT_ID, projectName);
  }

  /** {@link #submit(ExportTraceServiceRequest, AccessScope, String, String)} and wait for the commit. */
  public IngestResult export(ExportTraceServiceRequest request, AccessScope scope, String spaceId, String projectName) {
    CompletableFuture<IngestResult> future = submit(request, scope, spaceId, projectName);
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while waiting for spans to be committed", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AssayException assay) {
        throw assay;
      }
      throw new IllegalStateException("committing spans failed", e.getCause());
    }
  }

  private static String resourceProject(Resource resource) {
    for (KeyValue kv : resource.getAttributesList()) {
      if (PROJECT_ATTRIBUTE.equals(kv.getKey()) && kv.getValue().getValueCase() == AnyValue.ValueCase.STRING_VALUE) {
        String name = blankToNull(kv.getValue().getStringValue());
        if (name != null) {
          return name;
        }
      }
    }
    return DEFAULT_PROJECT;
  }

  private static String blankToNull(String name) {
    String cleaned = OtlpAttributes.clean(name);
    return cleaned == null || cleaned.isBlank() ? null : cleaned.strip();
  }

  /**
   * The rejections, then what of the accepted spans was not stored (skipped inline feedback): OTLP's
   * partial success carries such warnings with zero rejected spans.
   */
  private static String message(int rejected, List<String> reasons, List<String> notes) {
    List<String> parts = new ArrayList<>(2);
    if (rejected > 0) {
      String more = rejected > reasons.size() ? "; …" : "";
      parts.add(rejected + (rejected == 1 ? " span" : " spans") + " rejected: " + String.join("; ", reasons) + more);
    }
    if (!notes.isEmpty()) {
      String more = notes.size() > MAX_REASONS ? "; …" : "";
      parts.add("not stored: " + String.join("; ", notes.subList(0, Math.min(MAX_REASONS, notes.size()))) + more);
    }
    return parts.isEmpty() ? null : String.join(". ", parts);
  }
}
