package dev.assay.server.v2;

import static dev.assay.server.v2.V2Requests.scope;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.eval.Evaluation;
import dev.assay.eval.EvaluatorSpec;
import dev.assay.eval.Subject;
import dev.assay.eval.TryEvaluatorService;
import dev.assay.shared.InvalidInputException;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Assay's {@code POST /v2/evaluators/test}: try a spec (or a stored evaluator) on a few real subjects and see the
 * results with their explanations; nothing is stored.
 */
public final class TryEvaluatorController {
  /** Inputs and outputs are shown cut to this many characters. */
  static final int PREVIEW_CHARS = 500;

  /** One subject's result; {@code input} and {@code output} are previews. */
  public record TryResult(String targetKind, String targetId, String input, String output, String label, Double score,
      String explanation, Boolean passed, @JsonRawValue String metadata, String error) {
    static TryResult of(TryEvaluatorService.Result r) {
      Subject s = r.subject();
      Evaluation e = r.evaluation();
      return new TryResult(s.targetKind().name(), s.targetId(), preview(s.input()), preview(s.output()), e.label(), e.score(),
          e.explanation(), e.passed(), e.metadataJson(), e.error());
    }
  }

  public record TryResponse(List<TryResult> results, String pausedReason) {}

  private final TryEvaluatorService tries;
  private final ObjectMapper json;

  public TryEvaluatorController(TryEvaluatorService tries, ObjectMapper json) {
    if (tries == null || json == null) {
      throw new NullPointerException("tries and json are required");
    }
    this.tries = tries;
    this.json = json;
  }

  /**
   * {@code {project_id, spec | template_config | code_config | evaluator_id (+version_id), filter?, start_time?,
   * end_time?, limit? (default 5, max 50), target_ids?}}.
   */
  public void test(Context ctx) {
    JsonNode body = ctx.bodyAsClass(JsonNode.class);
    if (body == null || !body.isObject()) {
      throw new InvalidInputException("the request body must be a JSON object");
    }
    String evaluator = ApiIds.decode(EvaluatorJson.TYPE, text(body, "evaluator_id"));
    EvaluatorSpec spec = evaluator == null ? EvaluatorRequests.spec(body, json) : null;
    if (evaluator != null && (body.hasNonNull("spec") || body.hasNonNull("template_config") || body.hasNonNull("code_config"))) {
      throw new InvalidInputException("give either evaluator_id or a spec, not both");
    }
    JsonNode limit = body.get("limit");
    if (limit != null && !limit.isNull() && !limit.isIntegralNumber()) {
      throw new InvalidInputException("limit must be an integer between 1 and " + TryEvaluatorService.MAX_LIMIT);
    }
    List<String> targetIds = null;
    if (body.hasNonNull("target_ids")) {
      if (!body.get("target_ids").isArray()) {
        throw new InvalidInputException("target_ids must be an array of ids");
      }
      targetIds = new ArrayList<>();
      for (JsonNode id : body.get("target_ids")) {
        targetIds.add(id.asText());
      }
    }
    TryEvaluatorService.Report report = tries.run(scope(ctx), new TryEvaluatorService.Request(
        ApiIds.decode(ProjectController.TYPE, text(body, "project_id")), spec, evaluator,
        ApiIds.decode(EvaluatorJson.VERSION_TYPE, text(body, "version_id")), text(body, "filter"), time(body, "start_time"),
        time(body, "end_time"), limit == null || limit.isNull() ? null : limit.asInt(), targetIds));
    ctx.json(new TryResponse(report.results().stream().map(TryResult::of).toList(), report.pausedReason()));
  }

  private static Instant time(JsonNode body, String field) {
    String value = text(body, field);
    try {
      return value == null ? null : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(field + " '" + value + "' is not an ISO-8601 time such as 2026-01-01T00:00:00Z");
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
  }

  static String preview(String text) {
    return text == null || text.length() <= PREVIEW_CHARS ? text : text.substring(0, PREVIEW_CHARS);
  }
}
