package dev.assay.server.v2;

import static dev.assay.server.auth.Access.MEMBER;
import static dev.assay.server.auth.Access.VIEWER;

import static dev.assay.server.v2.V2Requests.query;
import static dev.assay.server.v2.V2Requests.scope;
import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.eval.EvaluationException;
import dev.assay.eval.ModelRef;
import dev.assay.llm.ModelConfig;
import dev.assay.llm.ModelConfigService;
import dev.assay.llm.ModelGateway;
import dev.assay.llm.ProviderException;
import dev.assay.prompts.Prompt;
import dev.assay.prompts.PromptCall;
import dev.assay.prompts.PromptService;
import dev.assay.prompts.PromptVersion;
import dev.assay.prompts.RenderedPrompt;
import dev.assay.server.auth.Audited;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Page;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * {@code /v2/prompts…} and {@code /v2/prompt-versions…} as AX defines them (operations {@code list_prompts},
 * {@code create_prompt}, {@code get_prompt}, {@code update_prompt}, {@code delete_prompt}, {@code get_prompt_label},
 * {@code list_prompt_versions}, {@code create_prompt_version}, {@code get_prompt_version},
 * {@code set_prompt_version_label}, {@code delete_prompt_version_label}), plus Assay's render and run (the
 * playground). The {@code prompt_id} path parameter takes an id or a name, looked up in the space of
 * {@code space_id}, else {@code space_name}, else the {@code default} space.
 */
public final class PromptController {
  /** AX's {@code ListPromptsResponse}. */
  public record PromptList(List<PromptJson.PromptView> prompts, Pagination pagination) {}

  /** AX's {@code ListPromptVersionsResponse}. */
  public record VersionList(List<PromptJson.Version> promptVersions, Pagination pagination) {}

  private final PromptService prompts;
  private final ModelConfigService modelConfigs;
  private final ModelGateway gateway;
  private final ObjectMapper json;

  public PromptController(PromptService prompts, ModelConfigService modelConfigs, ModelGateway gateway,
      ObjectMapper json) {
    if (prompts == null || modelConfigs == null || gateway == null || json == null) {
      throw new NullPointerException("prompts, modelConfigs, gateway and json are required");
    }
    this.prompts = prompts;
    this.modelConfigs = modelConfigs;
    this.gateway = gateway;
    this.json = json;
  }

  /** Adds this controller's routes (ApiBuilder, inside {@code path("/v2")}). */
  public void routes() {
    path("/prompts", () -> {
      get(this::listPrompts, VIEWER);
      post(this::createPrompt, MEMBER);
      path("/{prompt_id}", () -> {
        get(this::getPrompt, VIEWER);
        patch(this::updatePrompt, MEMBER);
        delete(this::deletePrompt, MEMBER, Audited.YES);
        get("/versions", this::listVersions, VIEWER);
        post("/versions", this::createVersion, MEMBER);
        get("/labels/{label_name}", this::getByLabel, VIEWER);
      });
    });
    path("/prompt-versions/{version_id}", () -> {
      get(this::getVersion, VIEWER);
      put("/labels", this::setLabels, MEMBER);
      delete("/labels/{label_name}", this::deleteLabel, MEMBER, Audited.YES);
      post("/render", this::render, VIEWER); // renders, stores nothing
      post("/run", this::run, MEMBER); // spends model calls
    });
  }

  /** {@code GET /v2/prompts?space_id=&space_name=&name=&limit=&cursor=}. */
  void listPrompts(Context ctx) {
    Page<Prompt> page = prompts.list(scope(ctx), ApiIds.decode(SpaceController.TYPE, query(ctx, "space_id")),
        query(ctx, "space_name"), query(ctx, "name"), V2Requests.page(ctx));
    ctx.json(new PromptList(page.items().stream().map(PromptJson::of).toList(), Pagination.of(page)));
  }

  /** {@code POST /v2/prompts}: AX's {@code CreatePromptRequest} → 201 {@code PromptWithVersion}. */
  void createPrompt(Context ctx) {
    PromptRequests.Create create = PromptRequests.create(body(ctx), json);
    ctx.status(201).json(PromptJson.of(prompts.create(scope(ctx), create.spaceId(), create.name(),
        create.description(), create.version())));
  }

  /** {@code GET /v2/prompts/{prompt_id}?version_id=&label=}: the latest version unless one is asked for. */
  void getPrompt(Context ctx) {
    String versionId = ApiIds.decode(PromptJson.VERSION_TYPE, query(ctx, "version_id"));
    ctx.json(PromptJson.of(prompts.get(scope(ctx), ref(ctx), spaceRef(ctx), versionId, query(ctx, "label"))));
  }

  /** {@code PATCH /v2/prompts/{prompt_id}} {@code {description}}; null clears it. The name is immutable (AX). */
  void updatePrompt(Context ctx) {
    String description = PromptRequests.updateDescription(body(ctx));
    ctx.json(PromptJson.of(prompts.update(scope(ctx), ref(ctx), spaceRef(ctx), description)));
  }

  void deletePrompt(Context ctx) {
    prompts.delete(scope(ctx), ref(ctx), spaceRef(ctx));
    ctx.status(204);
  }

  /** {@code GET /v2/prompts/{prompt_id}/versions?limit=&cursor=}, newest first. */
  void listVersions(Context ctx) {
    Page<PromptVersion> page = prompts.listVersions(scope(ctx), ref(ctx), spaceRef(ctx), V2Requests.page(ctx));
    ctx.json(new VersionList(page.items().stream().map(PromptJson::of).toList(), Pagination.of(page)));
  }

  /** {@code POST /v2/prompts/{prompt_id}/versions}: AX's {@code CreatePromptVersionRequest} → 201. */
  void createVersion(Context ctx) {
    var draft = PromptRequests.version(body(ctx), "", json);
    ctx.status(201).json(PromptJson.of(prompts.createVersion(scope(ctx), ref(ctx), spaceRef(ctx), draft)));
  }

  /** {@code GET /v2/prompts/{prompt_id}/labels/{label_name}}: the version the label points at. */
  void getByLabel(Context ctx) {
    ctx.json(PromptJson.of(prompts.versionByLabel(scope(ctx), ref(ctx), spaceRef(ctx), ctx.pathParam("label_name"))));
  }

  /** {@code GET /v2/prompt-versions/{version_id}}. */
  void getVersion(Context ctx) {
    ctx.json(PromptJson.of(prompts.version(scope(ctx), versionId(ctx))));
  }

  /** {@code PUT /v2/prompt-versions/{version_id}/labels} {@code {labels}}: replaces the version's labels. */
  void setLabels(Context ctx) {
    List<String> labels = PromptRequests.labels(body(ctx));
    ctx.json(PromptJson.of(prompts.setLabels(scope(ctx), versionId(ctx), labels)));
  }

  /** {@code DELETE /v2/prompt-versions/{version_id}/labels/{label_name}} → 204. */
  void deleteLabel(Context ctx) {
    prompts.deleteLabel(scope(ctx), versionId(ctx), ctx.pathParam("label_name"));
    ctx.status(204);
  }

  /** Assay: {@code POST /v2/prompt-versions/{version_id}/render} {@code {variables}} → messages, variables, missing. */
  void render(Context ctx) {
    Map<String, Object> variables = PromptRequests.renderVariables(body(ctx), json);
    PromptVersion version = prompts.version(scope(ctx), versionId(ctx));
    RenderedPrompt rendered = PromptService.render(version, variables);
    List<String> used = PromptService.variables(version);
    ctx.json(new PromptJson.Rendered(PromptJson.messages(rendered.messages()), used,
        used.stream().filter(rendered.missing()::contains).toList()));
  }

  /**
   * Assay: {@code POST /v2/prompt-versions/{version_id}/run} {@code {variables, ai_integration_id, model?,
   * invocation_params?}}: renders and calls the model once (no retries: a playground call). A missing variable is a
   * 400 naming it and nothing is sent.
   */
  void run(Context ctx) {
    PromptRequests.Run run = PromptRequests.run(body(ctx), json);
    PromptVersion version = prompts.version(scope(ctx), versionId(ctx));
    RenderedPrompt rendered = PromptService.render(version, run.variables());
    if (!rendered.complete()) {
      List<String> missing = PromptService.variables(version).stream().filter(rendered.missing()::contains).toList();
      throw new InvalidInputException("missing variables: " + String.join(", ", missing)
          + "; give them in variables");
    }
    ModelConfig config = modelConfigs.get(scope(ctx), run.aiIntegrationId(), null);
    String model = run.model() != null && !run.model().isBlank() ? run.model()
        : version.model() != null ? version.model() : config.modelNames().stream().findFirst().orElse(null);
    if (model == null) {
      throw new InvalidInputException("no model to run: the version sets none, model was not given and AI integration '"
          + config.name() + "' lists no model names");
    }
    PromptCall call;
    try {
      call = PromptService.call(gateway.chatModel(config), new ModelRef(config.id(), model, run.invocationParams()),
          version, run.variables());
    } catch (EvaluationException e) {
      if (e.getCause() instanceof ProviderException provider) {
        throw provider;
      }
      throw new InvalidInputException(e.getMessage());
    }
    ctx.json(PromptJson.of(call));
  }

  private static JsonNode body(Context ctx) {
    JsonNode body = ctx.bodyAsClass(JsonNode.class);
    if (body == null || !body.isObject()) {
      throw new InvalidInputException("the request body must be a JSON object");
    }
    return body;
  }

  static String ref(Context ctx) {
    return ApiIds.decode(PromptJson.TYPE, ctx.pathParam("prompt_id"));
  }

  static String versionId(Context ctx) {
    return ApiIds.decode(PromptJson.VERSION_TYPE, ctx.pathParam("version_id"));
  }

  /** The space a prompt name in the path is looked up in: {@code space_id}, else {@code space_name}, else null. */
  static String spaceRef(Context ctx) {
    String spaceId = ApiIds.decode(SpaceController.TYPE, query(ctx, "space_id"));
    return spaceId != null ? spaceId : query(ctx, "space_name");
  }
}
