package dev.assay.server.v2;

import static dev.assay.server.v2.V2Requests.scope;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.auth.AccessScope;
import dev.assay.eval.Evaluation;
import dev.assay.eval.EvaluationStore;
import dev.assay.shared.Page;
import dev.assay.shared.Times;
import dev.assay.traces.Span;
import dev.assay.traces.SpanFeedback;
import dev.assay.traces.SpanQuery;
import dev.assay.traces.SpanService;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /v2/spans}, AX's {@code list_spans}: the spans of one project starting in a window (AX's
 * default: the week before now), optionally filtered, newest first. {@code project_id} takes an API id, a
 * raw id or a name in the {@code default} space. Attributes are the flattened map, as AX's examples show
 * ({@code "llm.model_name": "gpt-4o"}). {@code annotations} are the human results on the span,
 * {@code trace_annotations} the human results on its trace, {@code evaluations} the LLM and code results on
 * the span, read for the whole page at once ({@link SpanFeedback}). Listed spans are previews: long attribute
 * values are cut and named in {@code truncated_attributes} (omitted when nothing was cut).
 */
public final class SpanController {
  /** AX's {@code SpanKind}; any other stored kind is shown as {@code UNKNOWN}. */
  static final Set<String> KINDS = Set.of("LLM", "CHAIN", "RETRIEVER", "EMBEDDING", "AGENT", "TOOL", "RERANKER",
      "GUARDRAIL", "EVALUATOR", "PROMPT", "UNKNOWN");
  private static final Set<String> STATUS_CODES = Set.of("OK", "ERROR", "UNSET");

  /** AX's {@code ListSpansRequest}. */
  public record ListSpansRequest(String projectId, Instant startTime, Instant endTime, String filter) {}

  /** AX's {@code SpanContext}. */
  public record SpanContext(String traceId, String spanId) {}

  /** AX's {@code Span}; absent optional fields are omitted, never null. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SpanJson(String name, SpanContext context, String kind, String parentId, Instant startTime,
      Instant endTime, String statusCode, String statusMessage, JsonNode attributes, List<AnnotationJson> annotations,
      List<AnnotationJson> traceAnnotations, List<EvaluationJson> evaluations, JsonNode events,
      List<String> truncatedAttributes, Double costTotal) {}

  /** AX's {@code Annotation}: our explanation is its {@code text}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AnnotationJson(String name, Double score, String label, String text, Instant updatedAt) {
    static AnnotationJson of(Evaluation e) {
      return new AnnotationJson(e.name(), e.score(), e.label(), e.explanation(), e.updatedAt());
    }
  }

  /** AX's {@code Evaluation}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EvaluationJson(String name, Double score, String label, String explanation, Boolean passed) {
    static EvaluationJson of(Evaluation e) {
      return new EvaluationJson(e.name(), e.score(), e.label(), e.explanation(), e.passed());
    }
  }

  /** AX's {@code ListSpansResponse}. */
  public record SpanList(List<SpanJson> spans, Pagination pagination) {}

  private final SpanService spans;
  private final EvaluationStore evaluations;
  private final ObjectMapper json;

  public SpanController(SpanService spans, EvaluationStore evaluations, ObjectMapper json) {
    if (spans == null || evaluations == null || json == null) {
      throw new NullPointerException("spans, evaluations and json are required");
    }
    this.spans = spans;
    this.evaluations = evaluations;
    this.json = json;
  }

  /** {@code POST /v2/spans?limit=&cursor=} with a {@link ListSpansRequest} body. */
  public void list(Context ctx) {
    ListSpansRequest body = ctx.bodyAsClass(ListSpansRequest.class);
    Integer limit = ctx.queryParamAsClass("limit", Integer.class)
        .check(l -> l == null || (l >= 1 && l <= SpanQuery.MAX_LIMIT), "limit must be between 1 and " + SpanQuery.MAX_LIMIT)
        .getOrDefault(SpanQuery.DEFAULT_LIMIT);
    Page<Span> page = spans.list(scope(ctx), ApiIds.decode(ProjectController.TYPE, body.projectId()), body.startTime(),
        body.endTime(), body.filter(), V2Requests.query(ctx, "cursor"), limit);
    SpanFeedback feedback = SpanFeedback.read(evaluations, scope(ctx), page.items());
    ctx.json(new SpanList(page.items().stream().map(s -> toJson(s, feedback)).toList(), Pagination.of(page)));
  }

  /** The stored results of these spans, read in one go; see {@link SpanFeedback#read}. */
  SpanFeedback feedback(AccessScope scope, List<Span> list) {
    return SpanFeedback.read(evaluations, scope, list);
  }

  /** Spans read by id or with their trace, with their stored results: shown exactly as the list shows them. */
  List<SpanJson> toJson(AccessScope scope, List<Span> list) {
    SpanFeedback feedback = feedback(scope, list);
    return list.stream().map(s -> toJson(s, feedback)).toList();
  }

  /** AX's {@code Span} JSON of a stored span with its results. */
  public SpanJson toJson(Span s, SpanFeedback feedback) {
    String parent = s.parentId() == null || s.parentId().isEmpty() ? null : s.parentId();
    return new SpanJson(s.name(), new SpanContext(s.traceId(), s.spanId()),
        KINDS.contains(s.spanKind()) ? s.spanKind() : "UNKNOWN", parent, Times.instant(s.startTime()),
        Times.instant(s.endTime()), STATUS_CODES.contains(s.statusCode()) ? s.statusCode() : "UNSET",
        s.statusMessage() == null || s.statusMessage().isEmpty() ? null : s.statusMessage(), read(s.attributesJson()),
        feedback.annotations(s).stream().map(AnnotationJson::of).toList(),
        feedback.traceAnnotations(s).stream().map(AnnotationJson::of).toList(),
        feedback.evaluations(s).stream().map(EvaluationJson::of).toList(), events(s.eventsJson()),
        s.truncatedKeys().isEmpty() ? null : s.truncatedKeys(), s.costTotal());
  }

  /** The stored events with their epoch-microsecond timestamps as ISO-8601 text, as AX's {@code SpanEvent}. */
  private JsonNode events(String eventsJson) {
    JsonNode stored = read(eventsJson);
    ArrayNode out = json.createArrayNode();
    for (JsonNode event : stored) {
      ObjectNode e = out.addObject();
      e.put("name", event.path("name").asText(""));
      e.put("timestamp", Times.instant(event.path("timestamp").asLong()).toString());
      e.set("attributes", event.path("attributes").isObject() ? event.get("attributes") : json.createObjectNode());
    }
    return out;
  }

  private JsonNode read(String text) {
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
