package dev.assay.server.v2;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.llm.ModelConfigService;
import dev.assay.llm.ModelGateway;
import dev.assay.prompts.PromptService;

/**
 * {@code /v2/prompts…} and {@code /v2/prompt-versions…} as AX defines them, plus Assay's render and run (the
 * playground) (branch wt/prompts). {@link #routes()} is called inside the {@code /v2} path of the route table.
 */
public final class PromptController {
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
  public void routes() {}
}
