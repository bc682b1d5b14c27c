package dev.assay.server.v2;

import static dev.assay.server.v2.V2Requests.query;
import static dev.assay.server.v2.V2Requests.scope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.eval.EvaluatorDefinition;
import dev.assay.eval.EvaluatorService;
import dev.assay.eval.EvaluatorSpec;
import dev.assay.eval.EvaluatorVersion;
import dev.assay.eval.EvaluatorWithVersion;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Page;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code /v2/evaluators} and {@code /v2/evaluator-versions}, as AX defines them (operations {@code list_evaluators},
 * {@code create_evaluator}, {@code get_evaluator}, {@code update_evaluator}, {@code delete_evaluator},
 * {@code list_evaluator_versions}, {@code create_evaluator_version}, {@code get_evaluator_version}).
 *
 * <p>The {@code evaluator_id} path parameter takes an id or a name, looked up like a project's: in the space of
 * {@code space_id}, else {@code space_name}, else the {@code default} space.
 */
public final class EvaluatorController {
  /** AX's {@code ListEvaluatorsResponse}. */
  public record EvaluatorList(List<EvaluatorJson.Evaluator> evaluators, Pagination pagination) {}

  /** AX's {@code ListEvaluatorVersionsResponse}. */
  public record VersionList(List<EvaluatorJson.Version> evaluatorVersions, Pagination pagination) {}

  private final EvaluatorService evaluators;
  private final ObjectMapper json;

  public EvaluatorController(EvaluatorService evaluators, ObjectMapper json) {
    if (evaluators == null || json == null) {
      throw new NullPointerException("evaluators and json are required");
    }
    this.evaluators = evaluators;
    this.json = json;
  }

  /** {@code GET /v2/evaluators?space_id=&space_name=&name=&limit=&cursor=}. */
  public void list(Context ctx) {
    Page<EvaluatorDefinition> page = evaluators.list(scope(ctx), ApiIds.decode(SpaceController.TYPE, query(ctx, "space_id")),
        query(ctx, "space_name"), query(ctx, "name"), V2Requests.page(ctx));
    ctx.json(new EvaluatorList(page.items().stream().map(EvaluatorJson::of).toList(), Pagination.of(page)));
  }

  /** {@code POST /v2/evaluators}: AX's {@code CreateEvaluatorRequest}; {@code version} may carry Assay's {@code spec}. */
  public void create(Context ctx) {
    JsonNode body = body(ctx);
    JsonNode version = body.has("version") ? body.get("version") : body;
    EvaluatorSpec spec = EvaluatorRequests.spec(version, json);
    String type = text(body, "type");
    if (type != null && !type.equals(EvaluatorJson.type(spec.kind()))) {
      throw new InvalidInputException("type " + type + " does not match the version's kind " + EvaluatorJson.type(spec.kind()));
    }
    EvaluatorWithVersion created = evaluators.create(scope(ctx), ApiIds.decode(SpaceController.TYPE, text(body, "space_id")),
        text(body, "name"), text(body, "description"), EvaluatorRequests.commitMessage(version), spec);
    ctx.status(201).json(EvaluatorJson.of(created));
  }

  /** {@code GET /v2/evaluators/{evaluator_id}?version_id=}: the latest version unless one is asked for. */
  public void get(Context ctx) {
    String versionId = ApiIds.decode(EvaluatorJson.VERSION_TYPE, query(ctx, "version_id"));
    ctx.json(EvaluatorJson.of(evaluators.get(scope(ctx), ref(ctx), spaceRef(ctx), versionId)));
  }

  /** {@code PATCH /v2/evaluators/{evaluator_id}} {@code {name?, description?}}; a null description clears it. */
  public void update(Context ctx) {
    JsonNode body = body(ctx);
    String name = text(body, "name");
    String description = body.has("description") ? (body.get("description").isNull() ? "" : body.get("description").asText()) : null;
    ctx.json(EvaluatorJson.of(evaluators.update(scope(ctx), ref(ctx), spaceRef(ctx), name, description)));
  }

  public void delete(Context ctx) {
    evaluators.delete(scope(ctx), ref(ctx), spaceRef(ctx));
    ctx.status(204);
  }

  /** {@code GET /v2/evaluators/{evaluator_id}/versions?limit=&cursor=}, newest first. */
  public void listVersions(Context ctx) {
    Page<EvaluatorVersion> page = evaluators.listVersions(scope(ctx), ref(ctx), spaceRef(ctx), V2Requests.page(ctx));
    ctx.json(new VersionList(page.items().stream().map(EvaluatorJson::of).toList(), Pagination.of(page)));
  }

  /** {@code POST /v2/evaluators/{evaluator_id}/versions}: AX's {@code CreateEvaluatorVersionRequest} or {@code spec}. */
  public void createVersion(Context ctx) {
    JsonNode body = body(ctx);
    EvaluatorSpec spec = EvaluatorRequests.spec(body, json);
    EvaluatorVersion version = evaluators.createVersion(scope(ctx), ref(ctx), spaceRef(ctx),
        EvaluatorRequests.commitMessage(body), spec);
    ctx.status(201).json(EvaluatorJson.of(version));
  }

  /** {@code GET /v2/evaluator-versions/{version_id}}. */
  public void getVersion(Context ctx) {
    ctx.json(EvaluatorJson.of(evaluators.getVersion(scope(ctx),
        ApiIds.decode(EvaluatorJson.VERSION_TYPE, ctx.pathParam("version_id")))));
  }

  private JsonNode body(Context ctx) {
    JsonNode body = ctx.bodyAsClass(JsonNode.class);
    if (body == null || !body.isObject()) {
      throw new InvalidInputException("the request body must be a JSON object");
    }
    return body;
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  static String ref(Context ctx) {
    return ApiIds.decode(EvaluatorJson.TYPE, ctx.pathParam("evaluator_id"));
  }

  /** The space an evaluator name in the path is looked up in: {@code space_id}, else {@code space_name}, else null. */
  static String spaceRef(Context ctx) {
    String spaceId = ApiIds.decode(SpaceController.TYPE, query(ctx, "space_id"));
    return spaceId != null ? spaceId : query(ctx, "space_name");
  }
}
