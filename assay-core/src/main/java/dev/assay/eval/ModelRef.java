package dev.assay.eval;

import java.util.Map;

/**
 * Which model a judge (or a provider embedding) calls: a stored model config ({@code ai_integration_id} in
 * AX's API) and a model name. Invocation parameters (temperature, max_tokens …) override the defaults;
 * temperature is 0 unless set.
 */
public record ModelRef(String modelConfigId, String modelName, Map<String, Object> invocationParameters) {
  public ModelRef {
    invocationParameters = invocationParameters == null ? Map.of() : Map.copyOf(invocationParameters);
  }
}
