package dev.assay.llm;

import dev.assay.secrets.SecretBox;
import dev.assay.testing.TestOutbound;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.auth.AccessScope;
import dev.assay.spaces.SpaceService;
import dev.assay.store.JdbcStore;
import dev.assay.testing.DuckDbExtension;
import dev.assay.testing.FakeModelServer;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The gateway's LangChain4j clients against the fake provider: request shapes, answers, usage, and error kinds. */
class ModelGatewayTest {
  @RegisterExtension static final DuckDbExtension duckDb = new DuckDbExtension();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "sk-fake-key-123456";
  private static final String SCHEMA = """
      {"type":"object","properties":{"explanation":{"type":"string"},"label":{"type":"string","enum":["yes","no"]}},
       "required":["explanation","label"],"additionalProperties":false}""";
  private static final AccessScope ALL = AccessScope.unrestricted();

  private FakeModelServer fake;
  private ModelConfigService configs;
  private ModelGateway gateway;

  @BeforeEach
  void start() {
    fake = FakeModelServer.create().requireApiKey(KEY).start();
    JdbcStore store = new JdbcStore(duckDb.database(), Clock.systemUTC());
    configs = new ModelConfigService(store.modelConfigs(), new SpaceService(store.spaces()), SecretBox.of(new byte[32], null),
        Clock.systemUTC(), TestOutbound.LOCAL);
    gateway = new ModelGateway(configs, Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private ModelConfig config(String name, Provider provider, String baseUrl) {
    return configs.create(ALL, new NewModelConfig(null, name, provider, baseUrl, List.of("judge-1"), KEY,
        Map.of("X-Team", "evals"), true, null));
  }

  private static ChatRequest ask(String prompt, String schema, ChatRequest.Tool tool) {
    return new ChatRequest("judge-1", List.of(new ChatRequest.Message("system", "You are a judge."),
        new ChatRequest.Message("user", prompt)), Map.of("max_tokens", 50), schema, tool);
  }

  @Test
  void openAiCompatible_text_usage_headers() {
    ModelConfig config = config("vllm", Provider.CUSTOM, fake.openAiBaseUrl());
    ChatResponse response = gateway.chatModel(config).chat(ask("Is it? Answer with one of: yes, no", null, null));

    assertEquals("yes", response.text());
    assertTrue(response.inputTokens() > 5 && response.outputTokens() >= 1, response.toString());
    assertEquals(1, response.attempts());
    assertFalse(response.cached());
    assertTrue(response.raw().contains("chat.completion"));
    Map<String, List<String>> headers = fake.lastHeaders();
    assertEquals(List.of("Bearer " + KEY), headers.get("authorization"));
    assertEquals(List.of("evals"), headers.get("x-team"));
    assertNull(headers.get("upgrade"), "HTTP/1.1 forced: no h2c upgrade");
    JsonNode body = fake.lastRequest();
    assertEquals("judge-1", body.path("model").asText());
    assertEquals(0.0, body.path("temperature").asDouble(), "temperature 0 by default");
    assertEquals(50, body.path("max_tokens").asInt(body.path("max_completion_tokens").asInt()));
  }

  @Test
  void openAi_structuredOutput_andToolCall() throws Exception {
    ModelConfig config = config("openai", Provider.OPEN_AI, fake.openAiBaseUrl());
    ChatResponse structured = gateway.chatModel(config).chat(ask("Answer with one of: no, yes", SCHEMA, null));
    assertEquals("json_schema", fake.lastRequest().path("response_format").path("type").asText());
    assertEquals("no", JSON.readTree(structured.text()).path("label").asText());

    ChatResponse tool = gateway.chatModel(config).chat(ask("Answer with one of: yes, no", null,
        new ChatRequest.Tool("record_judgement", "Record it.", SCHEMA)));
    assertEquals("record_judgement", fake.lastRequest().path("tools").path(0).path("function").path("name").asText());
    assertNotNull(tool.toolArgumentsJson());
    assertEquals("yes", JSON.readTree(tool.toolArgumentsJson()).path("label").asText());
  }

  @Test
  void azure_keyInApiKeyHeader_andApiVersionQuery() {
    ModelConfig config = config("azure", Provider.AZURE_OPEN_AI, fake.openAiBaseUrl() + "?api-version=2024-06-01");
    ChatResponse response = gateway.chatModel(config).chat(ask("Answer with one of: yes, no", null, null));

    assertEquals("yes", response.text());
    assertEquals(List.of(KEY), fake.lastHeaders().get("api-key"));
    assertEquals("api-version=2024-06-01", fake.lastQuery());
  }

  @Test
  void anthropic_textAndToolUse() throws Exception {
    ModelConfig config = config("claude", Provider.ANTHROPIC, fake.baseUrl() + "/v1");
    ChatResponse text = gateway.chatModel(config).chat(ask("Answer with one of: good, bad", null, null));
    assertEquals("good", text.text());
    assertEquals(List.of(KEY), fake.lastHeaders().get("x-api-key"));
    assertEquals("You are a judge.", fake.lastRequest().path("system").path(0).path("text").asText(
        fake.lastRequest().path("system").asText()));
    assertTrue(text.inputTokens() > 0);

    ChatResponse tool = gateway.chatModel(config).chat(ask("Answer with one of: yes, no", null,
        new ChatRequest.Tool("record_judgement", "Record it.", SCHEMA)));
    assertEquals("yes", JSON.readTree(tool.toolArgumentsJson()).path("label").asText());
  }

  @Test
  void ollama_nativeApi_andOpenAiCompat() {
    ModelConfig nativeApi = config("ollama", Provider.OLLAMA, fake.baseUrl());
    ChatResponse response = gateway.chatModel(nativeApi).chat(ask("Answer with one of: pass, fail", null, null));
    assertEquals("pass", response.text());
    assertEquals(false, fake.lastRequest().path("stream").asBoolean(true));
    assertTrue(response.outputTokens() > 0);

    ModelConfig compat = config("ollama-v1", Provider.CUSTOM, fake.baseUrl() + "/v1");
    assertEquals("pass", gateway.chatModel(compat).chat(ask("Answer with one of: pass, fail", null, null)).text());
  }

  @Test
  void errors_areClassified_withRetryAfter_andNoKey() throws Exception {
    fake.fault(p -> p.contains("limit me"), FakeModelServer.Fault.RATE_LIMITED)
        .fault(p -> p.contains("break me"), FakeModelServer.Fault.SERVER_ERROR)
        .fault(p -> p.contains("hang me"), FakeModelServer.Fault.HANG)
        .retryAfter(Duration.ofSeconds(3));
    ModelConfig config = config("custom", Provider.CUSTOM, fake.openAiBaseUrl());
    ChatModel model = gateway.chatModel(config);

    ProviderException limited = assertThrows(ProviderException.class, () -> model.chat(ask("limit me", null, null)));
    assertEquals(ProviderException.Kind.RATE_LIMITED, limited.kind());
    assertEquals(429, limited.status());
    assertEquals(Duration.ofSeconds(3), limited.retryAfter());
    assertTrue(limited.retryable());
    assertTrue(limited.getMessage().contains("Rate limit reached"), limited.getMessage());

    ProviderException server = assertThrows(ProviderException.class, () -> model.chat(ask("break me", null, null)));
    assertEquals(ProviderException.Kind.SERVER_ERROR, server.kind());
    assertEquals(500, server.status());

    ProviderException timeout = assertThrows(ProviderException.class, () -> model.chat(ask("hang me", null, null)));
    assertEquals(ProviderException.Kind.TIMEOUT, timeout.kind());

    ModelConfig wrongKey = configs.create(ALL, new NewModelConfig(null, "wrong", Provider.CUSTOM, fake.openAiBaseUrl(),
        List.of("judge-1"), "sk-wrong-key-999", null, false, null));
    ProviderException auth = assertThrows(ProviderException.class,
        () -> gateway.chatModel(wrongKey).chat(ask("hello", null, null)));
    assertEquals(ProviderException.Kind.AUTH, auth.kind());
    assertTrue(auth.pausesWork());
    assertFalse(auth.getMessage().contains("sk-wrong-key-999"));

    ModelConfig badPath = config("bad-path", Provider.CUSTOM, fake.baseUrl() + "/nope");
    ProviderException notFound = assertThrows(ProviderException.class,
        () -> gateway.chatModel(badPath).chat(ask("hello", null, null)));
    assertEquals(ProviderException.Kind.CONFIG, notFound.kind());
    assertEquals(404, notFound.status());

    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ModelConfig refused = config("refused", Provider.CUSTOM, "http://127.0.0.1:" + closedPort + "/v1");
    ProviderException connect = assertThrows(ProviderException.class,
        () -> gateway.chatModel(refused).chat(ask("hello", null, null)));
    assertEquals(ProviderException.Kind.CONFIG, connect.kind());
    assertTrue(connect.getMessage().contains("base URL"), connect.getMessage());

    ModelConfig unknownHost = config("unknown-host", Provider.CUSTOM, "http://no-such-host.invalid/v1");
    ProviderException dns = assertThrows(ProviderException.class,
        () -> gateway.chatModel(unknownHost).chat(ask("hello", null, null)));
    assertEquals(ProviderException.Kind.CONFIG, dns.kind(), dns.getMessage() + " / " + dns.getCause());
    assertTrue(dns.getMessage().contains("base URL"), dns.getMessage());
  }

  @Test
  void aBaseUrlNoLongerAllowed_isRefusedBeforeEachCall_asAConfigProblem() {
    ModelConfig saved = config("was-allowed", Provider.CUSTOM, fake.openAiBaseUrl());
    JdbcStore store = new JdbcStore(duckDb.database(), Clock.systemUTC());
    ModelConfigService strict = new ModelConfigService(store.modelConfigs(), new SpaceService(store.spaces()),
        SecretBox.of(new byte[32], null), Clock.systemUTC(), dev.assay.outbound.OutboundPolicy.of(List.of()));
    ModelGateway strictGateway = new ModelGateway(strict, Duration.ofSeconds(2));

    ProviderException e = assertThrows(ProviderException.class,
        () -> strictGateway.chatModel(saved).chat(ask("hi", null, null)));
    assertEquals(ProviderException.Kind.CONFIG, e.kind(), "work on the config pauses until it is fixed");
    assertTrue(e.getMessage().contains("127.0.0.1 is a loopback address"), e.getMessage());
    assertThrows(dev.assay.shared.UnprocessableException.class, () -> strictGateway.test(ALL, "was-allowed", null));
    assertThrows(dev.assay.shared.UnprocessableException.class, () -> strict.create(ALL, new NewModelConfig(null,
        "metadata", Provider.CUSTOM, "http://169.254.169.254/v1", List.of("m"), null, null, false, null)));
    assertEquals(0, fake.calls(), "nothing reached the model server");
  }

  @Test
  void test_makesOneRealCall_orSaysWhy() {
    config("ok", Provider.CUSTOM, fake.openAiBaseUrl());
    ModelTestResult result = gateway.test(ALL, "ok", null);
    assertEquals("judge-1", result.modelName());
    assertEquals("OK", result.responseText());
    assertTrue(result.inputTokens() > 0);
    assertEquals(1, fake.calls());

    configs.create(ALL, new NewModelConfig(null, "bad-key", Provider.CUSTOM, fake.openAiBaseUrl(), List.of("m"), "sk-nope",
        null, false, null));
    ProviderException e = assertThrows(ProviderException.class, () -> gateway.test(ALL, "bad-key", "m"));
    assertTrue(e.getMessage().contains("401"), e.getMessage());
  }

  @Test
  void providerEmbeddings_areUnitVectors_similarForSharedWords() {
    ModelConfig config = config("embed", Provider.CUSTOM, fake.openAiBaseUrl());
    Embedder embedder = gateway.embedder(config, "embed-1");
    List<float[]> v = embedder.embed(List.of("the cat sat on the mat", "the cat sat on a mat", "stock prices fell"));

    assertEquals(3, v.size());
    assertEquals(1.0, dot(v.get(0), v.get(0)), 1e-5);
    assertTrue(dot(v.get(0), v.get(1)) > dot(v.get(0), v.get(2)));
    assertTrue(embedder.id().contains(config.id()));
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
