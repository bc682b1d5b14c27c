package dev.assay.llm;

import java.util.Map;

/**
 * The decrypted secrets of a model config, held only while a client is built. {@link #toString()} hides them.
 *
 * @param apiKey null when the config has none
 * @param headers extra request headers (names and values), e.g. an API gateway's auth header
 */
public record ModelSecrets(String apiKey, Map<String, String> headers) {
  public static final ModelSecrets NONE = new ModelSecrets(null, Map.of());

  public ModelSecrets {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  @Override
  public String toString() {
    return "ModelSecrets[apiKey=" + (apiKey == null ? "none" : "********") + ", headers=" + headers.keySet() + "]";
  }
}
