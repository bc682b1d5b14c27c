package dev.assay.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import dev.assay.testing.TestOutbound;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.auth.AccessScope;
import dev.assay.eval.EvaluationException;
import dev.assay.eval.ModelRef;
import dev.assay.llm.ChatModel;
import dev.assay.llm.ModelConfig;
import dev.assay.llm.ModelConfigService;
import dev.assay.llm.ModelGateway;
import dev.assay.llm.NewModelConfig;
import dev.assay.llm.Provider;
import dev.assay.secrets.SecretBox;
import dev.assay.spaces.SpaceService;
import dev.assay.store.JdbcStore;
import dev.assay.testing.DuckDbExtension;
import dev.assay.testing.FakeModelServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link PromptService#call} through the real gateway against the fake provider: what is sent and what comes back. */
class PromptCallTest {
  @RegisterExtension static final DuckDbExtension duckDb = new DuckDbExtension();

  private FakeModelServer fake;
  private ChatModel chat;

  @BeforeEach
  void start() {
    fake = FakeModelServer.create().start();
    JdbcStore store = new JdbcStore(duckDb.database(), Clock.systemUTC());
    ModelConfigService configs = new ModelConfigService(store.modelConfigs(), new SpaceService(store.spaces()),
        SecretBox.of(new byte[32], null), Clock.systemUTC(), TestOutbound.LOCAL);
    ModelConfig config = configs.create(AccessScope.unrestricted(), new NewModelConfig(null, "fake-" + System.nanoTime(),
        Provider.CUSTOM, fake.openAiBaseUrl(), List.of("fake-model"), "k", Map.of(), true, null));
    chat = new ModelGateway(configs, Duration.ofSeconds(5)).chatModel(config);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private static PromptVersion version(Map<String, Object> params) {
    return new PromptVersion("v", "p", 1, "h", null, TemplateType.CHAT, TemplateFormat.MUSTACHE,
        List.of(PromptMessage.of("SYSTEM", "You classify."), PromptMessage.of("USER", "Is {{text}} spam? one of: spam, ham")),
        "OPEN_AI", "version-model", params, Map.of(), List.of(), Instant.EPOCH);
  }

  @Test
  void call_sendsRenderedMessages_lowerCaseRoles_andParameters() throws Exception {
    PromptCall call = PromptService.call(chat, new ModelRef(null, "fake-model", Map.of("max_tokens", 7)),
        version(Map.of("temperature", 0.5, "max_tokens", 100)), Map.of("text", "WIN MONEY"));

    assertEquals("spam", call.response().text());
    assertEquals("fake-model", call.model());
    assertTrue(call.latencyNanos() > 0);
    assertTrue(call.response().inputTokens() > 0);
    JsonNode body = fake.lastRequest();
    assertEquals("fake-model", body.path("model").asText());
    assertEquals("system", body.path("messages").get(0).path("role").asText());
    assertEquals("user", body.path("messages").get(1).path("role").asText());
    assertEquals("Is WIN MONEY spam? one of: spam, ham", body.path("messages").get(1).path("content").asText());
    assertEquals(0.5, body.path("temperature").asDouble());
    assertEquals(7, body.path("max_tokens").asInt(), "the ref's parameters override the version's");
  }

  @Test
  void call_usesTheVersionsModel_andSendsTheJsonSchema() throws Exception {
    Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("label", Map.of("type", "string")),
        "required", List.of("label"), "additionalProperties", false);
    PromptCall call = PromptService.call(chat, new ModelRef(null, null, null), version(Map.of("response_format",
        Map.of("type", "JSON_SCHEMA", "json_schema", Map.of("name", "out", "schema", schema)))), Map.of("text", "hi"));

    assertEquals("version-model", fake.lastRequest().path("model").asText());
    assertEquals("json_schema", fake.lastRequest().path("response_format").path("type").asText());
    assertTrue(call.response().text().contains("\"label\""), call.response().text());
  }

  @Test
  void call_offersTheTool() throws Exception {
    Map<String, Object> tool = Map.of("type", "function", "function", Map.of("name", "classify", "description", "d",
        "parameters", Map.of("type", "object", "properties", Map.of("label", Map.of("type", "string")))));
    PromptCall call = PromptService.call(chat, null, version(Map.of("tool_config", Map.of("tools", List.of(tool)))),
        Map.of("text", "hi"));
    assertEquals("classify", fake.lastRequest().path("tools").get(0).path("function").path("name").asText());
    assertTrue(call.response().toolArgumentsJson().contains("label"));
  }

  @Test
  void missingVariable_namesIt_andSendsNothing() {
    EvaluationException e = assertThrows(EvaluationException.class,
        () -> PromptService.call(chat, null, version(Map.of()), Map.of("other", "x")));
    assertTrue(e.getMessage().contains("missing variables: text"), e.getMessage());
    assertEquals(0, fake.calls());
  }

  @Test
  void providerFailure_isAnEvaluationException_withTheProviderError() {
    fake.fault(p -> true, FakeModelServer.Fault.SERVER_ERROR);
    EvaluationException e = assertThrows(EvaluationException.class,
        () -> PromptService.call(chat, null, version(Map.of()), Map.of("text", "x")));
    assertTrue(e.getCause() instanceof dev.assay.llm.ProviderException);
    assertFalse(e.getMessage().isBlank());
  }
}
