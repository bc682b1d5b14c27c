package dev.assay.server.v2;

import static dev.assay.server.v2.V2Requests.query;
import static dev.assay.server.v2.V2Requests.scope;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.llm.ModelConfig;
import dev.assay.llm.ModelConfigService;
import dev.assay.llm.ModelGateway;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Page;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code /v2/ai-integrations}, as AX defines it, over Assay's model configs, and Assay's
 * {@code POST /v2/ai-integrations/{integration_id}/test} (one real call; a failure is a 502 whose detail says why).
 * The {@code integration_id} path parameter takes an id or a name (in {@code space_id}/{@code space_name}, else default).
 */
public final class AiIntegrationController {
  /** AX's {@code ListAiIntegrationsResponse}. */
  public record AiIntegrationList(List<AiIntegrationJson.AiIntegration> aiIntegrations, Pagination pagination) {}

  private final ModelConfigService configs;
  private final ModelGateway gateway;

  public AiIntegrationController(ModelConfigService configs, ModelGateway gateway) {
    if (configs == null || gateway == null) {
      throw new NullPointerException("configs and gateway are required");
    }
    this.configs = configs;
    this.gateway = gateway;
  }

  public void list(Context ctx) {
    Page<ModelConfig> page = configs.list(scope(ctx), spaceRef(ctx), query(ctx, "name"), V2Requests.page(ctx));
    ctx.json(new AiIntegrationList(page.items().stream().map(AiIntegrationJson::of).toList(), Pagination.of(page)));
  }

  public void create(Context ctx) {
    ctx.status(201).json(AiIntegrationJson.of(configs.create(scope(ctx), AiIntegrationJson.create(body(ctx)))));
  }

  public void get(Context ctx) {
    ctx.json(AiIntegrationJson.of(configs.get(scope(ctx), ref(ctx), spaceRef(ctx))));
  }

  public void update(Context ctx) {
    ctx.json(AiIntegrationJson.of(configs.update(scope(ctx), ref(ctx), spaceRef(ctx), AiIntegrationJson.update(body(ctx)))));
  }

  public void delete(Context ctx) {
    configs.delete(scope(ctx), ref(ctx), spaceRef(ctx));
    ctx.status(204);
  }

  /** {@code POST /v2/ai-integrations/{integration_id}/test} {@code {model_name?}}. */
  public void test(Context ctx) {
    String body = ctx.body();
    String modelName = null;
    if (!body.isBlank()) {
      modelName = AiIntegrationJson.text(body(ctx), "model_name");
    }
    ModelConfig config = configs.get(scope(ctx), ref(ctx), spaceRef(ctx));
    ctx.json(AiIntegrationJson.TestResult.of(gateway.test(scope(ctx), config.id(), modelName)));
  }

  private static JsonNode body(Context ctx) {
    JsonNode body = ctx.bodyAsClass(JsonNode.class);
    if (body == null || !body.isObject()) {
      throw new InvalidInputException("the request body must be a JSON object");
    }
    return body;
  }

  private static String ref(Context ctx) {
    return ApiIds.decode(AiIntegrationJson.TYPE, ctx.pathParam("integration_id"));
  }

  private static String spaceRef(Context ctx) {
    String spaceId = ApiIds.decode(SpaceController.TYPE, query(ctx, "space_id"));
    return spaceId != null ? spaceId : query(ctx, "space_name");
  }
}
