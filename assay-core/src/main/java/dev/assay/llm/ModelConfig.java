package dev.assay.llm;

import java.time.Instant;
import java.util.List;

/**
 * A stored model provider config (AX's "AI integration"). The API key and header values are kept encrypted
 * and are not part of this record: only whether a key is set and the header names.
 */
public record ModelConfig(String id, String spaceId, String name, Provider provider, String baseUrl,
    List<String> modelNames, List<String> headerNames, boolean hasApiKey, boolean functionCallingEnabled,
    ModelLimits limits, Instant createdAt, Instant updatedAt) {

  public ModelConfig {
    modelNames = modelNames == null ? List.of() : List.copyOf(modelNames);
    headerNames = headerNames == null ? List.of() : List.copyOf(headerNames);
    limits = limits == null ? ModelLimits.NONE : limits;
  }
}
