package dev.assay.llm;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A partial change of a model config: null fields stay unchanged. For the optional fields, null = keep, an
 * empty Optional = remove, a value = replace. {@link #toString()} hides the key and header values.
 */
public record ModelConfigUpdate(String name, Provider provider, Optional<String> apiKey, Optional<String> baseUrl,
    List<String> modelNames, Optional<Map<String, String>> headers, Boolean functionCallingEnabled, ModelLimits limits) {

  /** True when nothing would change. */
  public boolean isEmpty() {
    return name == null && provider == null && apiKey == null && baseUrl == null && modelNames == null && headers == null
        && functionCallingEnabled == null && limits == null;
  }

  @Override
  public String toString() {
    return "ModelConfigUpdate[name=" + name + ", provider=" + provider + ", apiKey="
        + (apiKey == null ? "keep" : apiKey.isEmpty() ? "remove" : "********") + ", baseUrl=" + baseUrl + ", modelNames="
        + modelNames + ", headers=" + (headers == null ? "keep" : headers.map(Map::keySet)) + ", functionCallingEnabled="
        + functionCallingEnabled + ", limits=" + limits + "]";
  }
}
