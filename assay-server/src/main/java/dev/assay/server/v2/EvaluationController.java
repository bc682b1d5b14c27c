package dev.assay.server.v2;

import static dev.assay.server.v2.V2Requests.query;
import static dev.assay.server.v2.V2Requests.scope;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.eval.Evaluation;
import dev.assay.eval.EvaluationInput;
import dev.assay.eval.EvaluationService;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Page;
import io.javalin.http.Context;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Assay's {@code /v2/evaluations}: list and query results of a project, upsert them by (target, name,
 * identifier), and import results computed elsewhere as JSON Lines or CSV. Writes are all or nothing.
 */
public final class EvaluationController {
  static final String TYPE = "Evaluation";

  /** Assay's {@code EvaluationResult}: one stored result; {@code metadata} is a JSON object. */
  public record EvaluationResult(String id, String projectId, String targetKind, String targetId, String name,
      String identifier, String evaluatorId, Long evaluatorVersion, String label, Double score, String explanation,
      Boolean passed, String annotatorKind, String source, @JsonRawValue String metadata, String runId, String error,
      Instant createdAt, Instant updatedAt) {
    static EvaluationResult of(Evaluation e) {
      return new EvaluationResult(ApiIds.encode(TYPE, e.id()), ApiIds.encode(ProjectController.TYPE, e.projectId()),
          e.targetKind().name(), e.targetId(), e.name(), e.identifier(),
          e.evaluatorId() == null ? null : ApiIds.encode(EvaluatorJson.TYPE, e.evaluatorId()), e.evaluatorVersion(),
          e.label(), e.score(), e.explanation(), e.passed(), e.annotatorKind().name(), e.source().name(), e.metadataJson(),
          runId(e), e.error(), e.createdAt(), e.updatedAt());
    }

    /** A task's results name their run as {@code /v2/task-runs} shows it. */
    private static String runId(Evaluation e) {
      return e.runId() != null && e.source() == Evaluation.Source.TASK ? ApiIds.encode(TaskJson.RUN_TYPE, e.runId()) : e.runId();
    }
  }

  /** {@code GET /v2/evaluations} and the answer of an upsert (without pagination). */
  public record EvaluationList(List<EvaluationResult> evaluations, Pagination pagination) {}

  public record UpsertResponse(List<EvaluationResult> evaluations) {}

  public record ImportResponse(int imported) {}

  private final EvaluationService evaluations;

  public EvaluationController(EvaluationService evaluations) {
    if (evaluations == null) {
      throw new NullPointerException("evaluations is required");
    }
    this.evaluations = evaluations;
  }

  /** {@code GET /v2/evaluations?project_id=&target_kind=&target_id=&name=&evaluator_id=&run_id=&limit=&cursor=}. */
  public void list(Context ctx) {
    Page<Evaluation> page = evaluations.list(scope(ctx), project(query(ctx, "project_id")), targetKind(query(ctx, "target_kind")),
        query(ctx, "target_id"), query(ctx, "name"), ApiIds.decode(EvaluatorJson.TYPE, query(ctx, "evaluator_id")),
        ApiIds.decode(TaskJson.RUN_TYPE, query(ctx, "run_id")), V2Requests.page(ctx)); // a task run's API id or raw id
    ctx.json(new EvaluationList(page.items().stream().map(EvaluationResult::of).toList(), Pagination.of(page)));
  }

  /** {@code POST /v2/evaluations} {@code {project_id, evaluations: [...]}}: upserts, annotator kind HUMAN by default. */
  public void upsert(Context ctx) {
    JsonNode body = ctx.bodyAsClass(JsonNode.class);
    if (body == null || !body.isObject()) {
      throw new InvalidInputException("the request body must be a JSON object");
    }
    String project = project(body.path("project_id").asText(null));
    JsonNode items = body.get("evaluations");
    if (items == null || !items.isArray() || items.isEmpty()) {
      throw new InvalidInputException("evaluations is required: a non-empty array");
    }
    List<EvaluationInput> inputs = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      inputs.add(EvaluationInput.parse(items.get(i), "evaluations[" + i + "]", Evaluation.AnnotatorKind.HUMAN));
    }
    List<Evaluation> stored = evaluations.upsert(scope(ctx), project, inputs);
    ctx.json(new UpsertResponse(stored.stream().map(EvaluationResult::of).toList()));
  }

  /**
   * {@code POST /v2/evaluations/import?project_id=&format=jsonl|csv}: the raw body holds the records. Without
   * {@code format}, the content type decides ({@code text/csv} is CSV, anything else JSON Lines).
   */
  public void importResults(Context ctx) {
    String format = query(ctx, "format");
    if (format == null) {
      String contentType = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
      format = contentType.startsWith("text/csv") ? "csv" : "jsonl";
    }
    int imported = evaluations.importResults(scope(ctx), project(query(ctx, "project_id")), EvaluationService.Format.of(format),
        new StringReader(ctx.body()));
    ctx.json(new ImportResponse(imported));
  }

  private static String project(String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException("project_id is required (a project id or name)");
    }
    return ApiIds.decode(ProjectController.TYPE, value);
  }

  private static Evaluation.TargetKind targetKind(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Evaluation.TargetKind.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("target_kind '" + value + "' is invalid: use one of "
          + Arrays.stream(Evaluation.TargetKind.values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
  }
}
