package dev.assay.llm;

import dev.assay.outbound.OutboundPolicy;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A provider's OpenAI-compatible {@code /embeddings} endpoint; vectors are normalised to unit length. */
final class ProviderEmbedder implements Embedder {
  private final String id;
  private final OpenAiEmbeddingModel model;

  ProviderEmbedder(ModelConfig config, String modelName, ModelSecrets secrets, Duration timeout, OutboundPolicy policy) {
    this.id = "provider:" + config.id() + ":" + modelName;
    String base = config.baseUrl() == null ? ModelGateway.OPENAI_URL
        : config.provider() == Provider.OLLAMA && !config.baseUrl().endsWith("/v1") ? config.baseUrl() + "/v1"
        : config.baseUrl();
    this.model = OpenAiEmbeddingModel.builder().httpClientBuilder(ProviderHttpClient.builder(policy)).baseUrl(base)
        .apiKey(secrets.apiKey() == null ? "none" : secrets.apiKey()).modelName(modelName)
        .customHeaders(secrets.headers()).maxRetries(0).timeout(timeout).build();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    try {
      var response = model.embedAll(texts.stream().map(TextSegment::from).toList());
      List<float[]> out = new ArrayList<>(texts.size());
      response.content().forEach(e -> out.add(unit(e.vector())));
      return out;
    } catch (RuntimeException e) {
      throw ProviderErrors.unwrap(e);
    }
  }

  static float[] unit(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    double norm = Math.sqrt(sum);
    if (norm == 0) {
      return v;
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / norm);
    }
    return out;
  }
}
