package dev.assay.server.v2;

/** The AI integration (model config) shapes of the API. */
final class AiIntegrationJson {
  static final String TYPE = "AiIntegration";

  private AiIntegrationJson() {}
}
