package dev.assay.llm;

import java.util.List;
import java.util.Map;

/**
 * What a caller gives to create a model config. {@code apiKey} and the header values are secrets: sealed before
 * they are stored and never returned; {@link #toString()} hides them.
 *
 * @param spaceId the space id or name; null = the default space
 * @param baseUrl the provider's base URL (required for CUSTOM, OLLAMA and AZURE_OPEN_AI), null = the provider default
 */
public record NewModelConfig(String spaceId, String name, Provider provider, String baseUrl, List<String> modelNames,
    String apiKey, Map<String, String> headers, boolean functionCallingEnabled, ModelLimits limits) {

  public NewModelConfig {
    modelNames = modelNames == null ? List.of() : List.copyOf(modelNames);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    limits = limits == null ? ModelLimits.NONE : limits;
  }

  @Override
  public String toString() {
    return "NewModelConfig[spaceId=" + spaceId + ", name=" + name + ", provider=" + provider + ", baseUrl=" + baseUrl
        + ", modelNames=" + modelNames + ", apiKey=" + (apiKey == null ? "none" : "********") + ", headers="
        + headers.keySet() + ", functionCallingEnabled=" + functionCallingEnabled + ", limits=" + limits + "]";
  }
}
