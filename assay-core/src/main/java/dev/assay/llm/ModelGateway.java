package dev.assay.llm;

import dev.assay.secrets.SecretBox;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.auth.AccessScope;
import dev.assay.shared.InvalidInputException;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.internal.JsonSchemaElementJsonUtils;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Provider clients for stored model configs, through LangChain4j: OpenAI (and Azure OpenAI and any OpenAI-compatible
 * server by base URL: vLLM, Ollama's {@code /v1}, LM Studio, Groq …), Anthropic and Ollama's native API. The clients
 * never retry ({@code maxRetries(0)}): the executor owns retries, budgets and timeouts. Failures surface as
 * {@link ProviderException} with the kind, status and {@code Retry-After} kept. LangChain4j's own HTTP client is never
 * used: every model is built over {@link ProviderHttpClient}, which follows no redirect by itself and checks each
 * request and each redirect hop against the {@link dev.assay.outbound.OutboundPolicy}.
 */
public final class ModelGateway {
  static final String OPENAI_URL = "https://api.openai.com/v1";
  static final String ANTHROPIC_URL = "https://api.anthropic.com/v1/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ModelConfigService configs;
  private final Duration requestTimeout;
  // Built clients by (config id, model), rebuilt when the config's updated_at changes (an edit).
  private final Map<String, Client> clients = new ConcurrentHashMap<>();

  private record Client(java.time.Instant version, dev.langchain4j.model.chat.ChatModel model) {}

  /**
   * The contract's constructor. The secrets are opened through {@link ModelConfigService#secrets}, which holds the
   * same box, so {@code secrets} is not needed here beyond that.
   */
  public ModelGateway(ModelConfigService configs, SecretBox secrets) {
    this(configs, Duration.ofSeconds(120));
  }

  /** @param requestTimeout the HTTP read timeout of one call (the executor's own call timeout is usually shorter) */
  public ModelGateway(ModelConfigService configs, Duration requestTimeout) {
    this.configs = Objects.requireNonNull(configs, "configs");
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
  }

  public ModelConfigService configs() {
    return configs;
  }

  /** The raw provider client for a config (no retries, no budgets). */
  public ChatModel chatModel(ModelConfig config) {
    Objects.requireNonNull(config, "config");
    return request -> call(config, request);
  }

  /** An OpenAI-compatible {@code /embeddings} endpoint of the config. */
  public Embedder embedder(ModelConfig config, String modelName) {
    if (config.provider() == Provider.ANTHROPIC) {
      throw new InvalidInputException("Anthropic has no embeddings endpoint; use an OpenAI-compatible config or the "
          + "in-process model");
    }
    return new ProviderEmbedder(config, modelName, configs.secrets(AccessScope.unrestricted(), config), requestTimeout,
        configs.outbound());
  }

  /**
   * One real call ("Reply with OK") to check the config.
   *
   * @throws ProviderException with the provider's reason
   * @throws dev.assay.shared.UnprocessableException when the outbound policy refuses the base URL
   */
  public ModelTestResult test(AccessScope scope, String configIdOrName, String modelName) {
    ModelConfig config = configs.get(scope, configIdOrName, null);
    if (config.baseUrl() != null) {
      configs.outbound().checkSaved(java.net.URI.create(config.baseUrl())); // a 422 here, not a provider error
    }
    String model = modelName != null && !modelName.isBlank() ? modelName.strip()
        : config.modelNames().stream().findFirst().orElseThrow(() -> new InvalidInputException(
            "model config '" + config.name() + "' lists no model names; give a model name to test"));
    long start = System.nanoTime();
    ChatResponse response = call(config, new ChatRequest(model, List.of(new ChatRequest.Message("user", "Reply with OK")),
        Map.of("max_tokens", 16), null, null));
    long latencyMs = (System.nanoTime() - start) / 1_000_000;
    return new ModelTestResult(model, response.text(), latencyMs, response.inputTokens(), response.outputTokens());
  }

  private ChatResponse call(ModelConfig config, ChatRequest request) {
    dev.langchain4j.model.chat.ChatModel client = clients.compute(config.id() + "|" + request.model(),
        (k, c) -> c != null && java.util.Objects.equals(c.version(), config.updatedAt()) ? c
            : new Client(config.updatedAt(), build(config, request.model()))).model();
    dev.langchain4j.model.chat.request.ChatRequest lcRequest = dev.langchain4j.model.chat.request.ChatRequest.builder()
        .messages(messages(request)).parameters(parameters(config, request)).build();
    ProviderHttpClient.takeLastBody();
    dev.langchain4j.model.chat.response.ChatResponse response;
    try {
      response = client.chat(lcRequest);
    } catch (RuntimeException e) {
      throw ProviderErrors.unwrap(e);
    }
    String raw = ProviderHttpClient.takeLastBody();
    AiMessage ai = response.aiMessage();
    String toolArgs = null;
    if (ai.hasToolExecutionRequests()) {
      ToolExecutionRequest call = ai.toolExecutionRequests().get(0);
      toolArgs = call.arguments();
    }
    TokenUsage usage = response.tokenUsage();
    long in = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
    long out = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
    return new ChatResponse(ai.text(), toolArgs, in, out, raw, 1, false);
  }

  private dev.langchain4j.model.chat.ChatModel build(ModelConfig config, String model) {
    ModelSecrets secrets = configs.secrets(AccessScope.unrestricted(), config);
    ProviderHttpClient.Builder http = ProviderHttpClient.builder(configs.outbound());
    String key = secrets.apiKey() == null ? "none" : secrets.apiKey();
    return switch (config.provider()) {
      case OPEN_AI, CUSTOM -> OpenAiChatModel.builder().httpClientBuilder(http)
          .baseUrl(config.baseUrl() == null ? OPENAI_URL : config.baseUrl()).apiKey(key).modelName(model)
          .customHeaders(secrets.headers()).maxRetries(0).timeout(requestTimeout).build();
      case AZURE_OPEN_AI -> azure(config, model, secrets, http);
      case ANTHROPIC -> AnthropicChatModel.builder().httpClientBuilder(http)
          .baseUrl(withSlash(config.baseUrl() == null ? ANTHROPIC_URL : config.baseUrl())).apiKey(key).modelName(model)
          .customHeaders(secrets.headers()).maxTokens(1024).maxRetries(0).timeout(requestTimeout).build();
      case OLLAMA -> OllamaChatModel.builder().httpClientBuilder(http).baseUrl(config.baseUrl()).modelName(model)
          .customHeaders(ollamaHeaders(secrets)).maxRetries(0).timeout(requestTimeout).build();
    };
  }

  /** Azure OpenAI: the deployment URL as base URL, the key in {@code api-key}, {@code api-version} as a query param. */
  private dev.langchain4j.model.chat.ChatModel azure(ModelConfig config, String model, ModelSecrets secrets,
      ProviderHttpClient.Builder http) {
    String base = config.baseUrl();
    Map<String, String> query = new HashMap<>();
    int q = base.indexOf('?');
    if (q >= 0) {
      for (String pair : base.substring(q + 1).split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
      base = base.substring(0, q);
    }
    query.putIfAbsent("api-version", "2024-10-21");
    Map<String, String> headers = new HashMap<>(secrets.headers());
    if (secrets.apiKey() != null) {
      headers.put("api-key", secrets.apiKey());
    }
    return OpenAiChatModel.builder().httpClientBuilder(http).baseUrl(base)
        .apiKey(secrets.apiKey() == null ? "none" : secrets.apiKey()).modelName(model).customHeaders(headers)
        .customQueryParams(query).maxRetries(0).timeout(requestTimeout).build();
  }

  private static Map<String, String> ollamaHeaders(ModelSecrets secrets) {
    Map<String, String> headers = new HashMap<>(secrets.headers());
    if (secrets.apiKey() != null) {
      headers.put("Authorization", "Bearer " + secrets.apiKey());
    }
    return headers;
  }

  private static List<dev.langchain4j.data.message.ChatMessage> messages(ChatRequest request) {
    List<dev.langchain4j.data.message.ChatMessage> out = new ArrayList<>();
    for (ChatRequest.Message m : request.messages()) {
      String text = m.content() == null ? "" : m.content();
      out.add(switch (m.role() == null ? "user" : m.role()) {
        case "system" -> SystemMessage.from(text);
        case "assistant" -> AiMessage.from(text);
        default -> UserMessage.from(text);
      });
    }
    return out;
  }

  private static ChatRequestParameters parameters(ModelConfig config, ChatRequest request) {
    Map<String, Object> p = request.parameters();
    DefaultChatRequestParameters.Builder<?> b = DefaultChatRequestParameters.builder().modelName(request.model())
        .temperature(number(p.get("temperature"), 0.0));
    Double topP = number(p.get("top_p"), null);
    if (topP != null) {
      b.topP(topP);
    }
    Object max = p.getOrDefault("max_tokens", p.get("max_output_tokens"));
    if (max instanceof Number n) {
      b.maxOutputTokens(n.intValue());
    } else if (config.provider() == Provider.ANTHROPIC) {
      b.maxOutputTokens(1024);
    }
    if (p.get("stop") instanceof List<?> stops) {
      b.stopSequences(stops.stream().map(String::valueOf).toList());
    } else if (p.get("stop") instanceof String stop) {
      b.stopSequences(stop);
    }
    if (request.tool() != null) {
      b.toolSpecifications(ToolSpecification.builder().name(request.tool().name())
          .description(request.tool().description())
          .parameters((JsonObjectSchema) schema(request.tool().parametersSchemaJson())).build());
      b.toolChoice(ToolChoice.REQUIRED);
    } else if (request.responseSchemaJson() != null && config.provider() != Provider.ANTHROPIC) {
      // Anthropic has no JSON-schema response format: the judge parses JSON from its text instead.
      b.responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON)
          .jsonSchema(JsonSchema.builder().name("judgement").rootElement(schema(request.responseSchemaJson())).build())
          .build());
    }
    return b.build();
  }

  private static dev.langchain4j.model.chat.request.json.JsonSchemaElement schema(String json) {
    try {
      Map<String, Object> map = JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
      return JsonSchemaElementJsonUtils.fromMap(map);
    } catch (IOException | RuntimeException e) {
      throw new ProviderException(ProviderException.Kind.BAD_REQUEST, "the response schema is not a JSON schema object: "
          + e.getMessage());
    }
  }

  private static Double number(Object value, Double fallback) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof String s) {
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException ignored) {
        return fallback;
      }
    }
    return fallback;
  }

  private static String withSlash(String url) {
    return url.endsWith("/") ? url : url + "/";
  }
}
