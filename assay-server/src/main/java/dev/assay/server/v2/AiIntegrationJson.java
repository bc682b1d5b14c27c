package dev.assay.server.v2;

import static dev.assay.server.v2.JsonFields.headers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.llm.ModelConfig;
import dev.assay.llm.ModelConfigUpdate;
import dev.assay.llm.ModelLimits;
import dev.assay.llm.ModelTestResult;
import dev.assay.llm.NewModelConfig;
import dev.assay.llm.Provider;
import dev.assay.shared.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AI integration (model config) shapes of the API: AX's {@code AiIntegration} plus Assay's budgets
 * ({@code requests_per_minute}, {@code tokens_per_minute}, {@code max_concurrency}). The API key is never
 * returned ({@code has_api_key} says whether one is set) and every header value reads {@code "********"}.
 */
final class AiIntegrationJson {
  static final String TYPE = "AiIntegration";
  static final String MASK = "********";

  private AiIntegrationJson() {}

  /** AX's {@code AiIntegrationScoping}. */
  record Scoping(String organizationId, String spaceId) {}

  /** AX's {@code AiIntegration} with Assay's budgets. */
  record AiIntegration(String id, String name, String provider, boolean hasApiKey, String baseUrl, List<String> modelNames,
      Map<String, String> headers, boolean enableDefaultModels, boolean functionCallingEnabled, String authType,
      Object providerMetadata, List<Scoping> scopings, Integer requestsPerMinute, Long tokensPerMinute,
      Integer maxConcurrency, Instant createdAt, Instant updatedAt, String createdByUserId) {}

  /** {@code POST /v2/ai-integrations/{integration_id}/test}. */
  record TestResult(String modelName, String responseText, long latencyMs, long inputTokens, long outputTokens) {
    static TestResult of(ModelTestResult r) {
      return new TestResult(r.modelName(), r.responseText(), r.latencyMs(), r.inputTokens(), r.outputTokens());
    }
  }

  static AiIntegration of(ModelConfig c) {
    Map<String, String> headers = new LinkedHashMap<>();
    c.headerNames().forEach(h -> headers.put(h, MASK));
    ModelLimits l = c.limits();
    return new AiIntegration(ApiIds.encode(TYPE, c.id()), c.name(), c.provider().name(), c.hasApiKey(), c.baseUrl(),
        c.modelNames(), headers, false, c.functionCallingEnabled(), headers.isEmpty() ? "DEFAULT" : "PROXY_WITH_HEADERS", null,
        List.of(new Scoping(null, ApiIds.encode(SpaceController.TYPE, c.spaceId()))), l.requestsPerMinute(),
        l.tokensPerMinute(), l.maxConcurrency(), c.createdAt(), c.updatedAt(), null);
  }

  /** AX's {@code CreateAiIntegrationRequest}; the space is {@code space_id}, else the first scoping's, else default. */
  static NewModelConfig create(JsonNode body) {
    String space = text(body, "space_id");
    if (space == null && body.path("scopings").isArray() && !body.get("scopings").isEmpty()) {
      space = text(body.get("scopings").get(0), "space_id");
    }
    Provider provider = provider(text(body, "provider"));
    if (provider == null) {
      throw new InvalidInputException("provider is required: one of OPEN_AI, AZURE_OPEN_AI, ANTHROPIC, OLLAMA, CUSTOM");
    }
    return new NewModelConfig(ApiIds.decode(SpaceController.TYPE, space), text(body, "name"), provider,
        text(body, "base_url"), strings(body, "model_names"), text(body, "api_key"), headers(body.get("headers")),
        !body.has("function_calling_enabled") || body.get("function_calling_enabled").asBoolean(true), limits(body));
  }

  /** AX's {@code UpdateAiIntegrationRequest}: absent = keep; for api_key, base_url and headers null = remove. */
  static ModelConfigUpdate update(JsonNode body) {
    ModelLimits limits = body.has("requests_per_minute") || body.has("tokens_per_minute") || body.has("max_concurrency")
        ? limits(body) : null;
    return new ModelConfigUpdate(text(body, "name"), provider(text(body, "provider")), optional(body, "api_key"),
        optional(body, "base_url"), body.has("model_names") ? strings(body, "model_names") : null,
        body.has("headers") ? (body.get("headers").isNull() ? Optional.empty() : Optional.of(headers(body.get("headers"))))
            : null,
        body.has("function_calling_enabled") ? body.get("function_calling_enabled").asBoolean() : null, limits);
  }

  private static Provider provider(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Provider.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("provider " + value + " is not supported: use OPEN_AI, AZURE_OPEN_AI, ANTHROPIC,"
          + " OLLAMA or CUSTOM (any OpenAI-compatible endpoint by base_url)");
    }
  }

  private static ModelLimits limits(JsonNode body) {
    return new ModelLimits(positiveInt(body, "requests_per_minute"),
        positiveInt(body, "tokens_per_minute") == null ? null : body.get("tokens_per_minute").asLong(),
        positiveInt(body, "max_concurrency"));
  }

  private static Integer positiveInt(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || v.asLong() < 1) {
      throw new InvalidInputException(field + " must be a positive integer or null");
    }
    return (int) Math.min(v.asLong(), Integer.MAX_VALUE);
  }

  private static Optional<String> optional(JsonNode body, String field) {
    if (!body.has(field)) {
      return null;
    }
    return body.get(field).isNull() ? Optional.empty() : Optional.of(body.get(field).asText());
  }

  private static List<String> strings(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isArray()) {
      throw new InvalidInputException(field + " must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    v.forEach(x -> out.add(x.asText()));
    return out;
  }

  static String text(JsonNode body, String field) {
    JsonNode v = body == null ? null : body.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
