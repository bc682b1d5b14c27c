package dev.assay.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import dev.assay.testing.TestOutbound;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.auth.AccessScope;
import dev.assay.llm.ModelConfig;
import dev.assay.llm.ModelConfigService;
import dev.assay.llm.ModelConfigUpdate;
import dev.assay.llm.ModelLimits;
import dev.assay.llm.ModelSecrets;
import dev.assay.llm.NewModelConfig;
import dev.assay.llm.Provider;
import dev.assay.secrets.SecretBox;
import dev.assay.shared.ConflictException;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.PageRequest;
import dev.assay.spaces.Space;
import dev.assay.spaces.SpaceService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code model_configs} through {@link ModelConfigService}: sealed secrets, names per space, scopes, validation. */
public abstract class ModelConfigStoreContract extends StoreContract {
  private static final String KEY = "sk-test-0123456789abcdef";
  private final AccessScope all = AccessScope.unrestricted();
  private final SecretBox box = SecretBox.of(new byte[32], null);

  private ModelConfigService service() {
    return new ModelConfigService(store().modelConfigs(), new SpaceService(store().spaces()), box, clock,
        TestOutbound.LOCAL);
  }

  private static NewModelConfig openAi(String space, String name) {
    return new NewModelConfig(space, name, Provider.OPEN_AI, null, List.of("gpt-4o-mini", "gpt-4o"), KEY,
        Map.of("X-Team", "evals"), true, new ModelLimits(600, 100_000L, 8));
  }

  @Test
  void create_storesTheKeySealed_andReturnsOnlyThatOneIsSet() {
    ModelConfig created = service().create(all, openAi(null, "openai"));

    assertEquals(Space.DEFAULT_ID, created.spaceId());
    assertEquals("openai", created.name());
    assertEquals(List.of("gpt-4o-mini", "gpt-4o"), created.modelNames());
    assertEquals(List.of("X-Team"), created.headerNames());
    assertTrue(created.hasApiKey());
    assertTrue(created.functionCallingEnabled());
    assertEquals(new ModelLimits(600, 100_000L, 8), created.limits());
    assertEquals(clock.instant(), created.createdAt());
    assertFalse(created.toString().contains(KEY));

    byte[] sealed = store().modelConfigs().sealedSecrets(all, created.id()).orElseThrow();
    assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("sk-test"), "the key is stored encrypted");
    ModelSecrets secrets = service().secrets(all, created);
    assertEquals(KEY, secrets.apiKey());
    assertEquals(Map.of("X-Team", "evals"), secrets.headers());
    assertFalse(secrets.toString().contains(KEY));
    assertEquals(created, service().get(all, "openai", null));
    assertEquals(created, service().get(all, created.id(), "default"));
  }

  @Test
  void names_areUniquePerSpace() {
    service().create(all, openAi(null, "judge"));
    store().spaces().create(all, "team-b", null);

    assertThrows(ConflictException.class, () -> service().create(all, openAi(null, "judge")));
    ModelConfig other = service().create(all, openAi("team-b", "judge"));

    assertEquals("judge", service().get(all, "judge", "team-b").name());
    assertEquals(other.id(), service().get(all, "judge", "team-b").id());
    assertEquals(2, service().list(all, null, null, PageRequest.firstDefault()).items().size());
  }

  @Test
  void list_byNameThenPages() {
    for (String name : List.of("c", "a", "b")) {
      service().create(all, openAi(null, name));
    }
    var first = service().list(all, "default", null, PageRequest.first(2));
    assertEquals(List.of("a", "b"), first.items().stream().map(ModelConfig::name).toList());
    var second = service().list(all, "default", null, new PageRequest(first.nextCursor(), 2));
    assertEquals(List.of("c"), second.items().stream().map(ModelConfig::name).toList());
    assertNull(second.nextCursor());
    assertEquals(List.of("b"), service().list(all, null, "B", PageRequest.firstDefault()).items().stream()
        .map(ModelConfig::name).toList());
  }

  @Test
  void update_keepsOrRemovesTheKey_andReplacesFields() {
    ModelConfig created = service().create(all, openAi(null, "judge"));
    clock.advance(Duration.ofSeconds(5));

    ModelConfig renamed = service().update(all, "judge", null, new ModelConfigUpdate("judge-2", null, null, null,
        List.of("gpt-4.1"), null, false, new ModelLimits(60, null, null)));
    assertEquals("judge-2", renamed.name());
    assertEquals(List.of("gpt-4.1"), renamed.modelNames());
    assertFalse(renamed.functionCallingEnabled());
    assertEquals(new ModelLimits(60, null, null), renamed.limits());
    assertTrue(renamed.hasApiKey(), "a null api key keeps the stored one");
    assertEquals(KEY, service().secrets(all, renamed).apiKey());
    assertEquals(created.createdAt(), renamed.createdAt());
    assertTrue(renamed.updatedAt().isAfter(created.updatedAt()));

    ModelConfig keyless = service().update(all, created.id(), null, new ModelConfigUpdate(null, null, Optional.empty(),
        null, null, Optional.empty(), null, null));
    assertFalse(keyless.hasApiKey());
    assertEquals(List.of(), keyless.headerNames());
    assertEquals(ModelSecrets.NONE, service().secrets(all, keyless));

    ModelConfig rekeyed = service().update(all, created.id(), null, new ModelConfigUpdate(null, null,
        Optional.of("sk-new-key-000"), null, null, null, null, null));
    assertEquals("sk-new-key-000", service().secrets(all, rekeyed).apiKey());
  }

  @Test
  void update_toATakenName_conflicts_andChangesNothing() {
    service().create(all, openAi(null, "one"));
    ModelConfig two = service().create(all, openAi(null, "two"));

    assertThrows(ConflictException.class, () -> service().update(all, "two", null,
        new ModelConfigUpdate("one", null, null, null, null, null, null, null)));
    assertEquals(two, service().get(all, two.id(), null));
  }

  @Test
  void delete_removesIt() {
    ModelConfig created = service().create(all, openAi(null, "gone"));
    service().delete(all, "gone", null);

    assertThrows(NotFoundException.class, () -> service().get(all, created.id(), null));
    assertTrue(store().modelConfigs().sealedSecrets(all, created.id()).isEmpty());
    assertThrows(NotFoundException.class, () -> service().delete(all, "gone", null));
  }

  @Test
  void otherSpaces_areInvisible() {
    Space hidden = store().spaces().create(all, "hidden", null);
    ModelConfig config = service().create(all, openAi("hidden", "secret-judge"));
    AccessScope defaultOnly = AccessScope.spaces(Set.of(Space.DEFAULT_ID));

    assertThrows(NotFoundException.class, () -> service().get(defaultOnly, config.id(), null));
    assertTrue(service().list(defaultOnly, null, null, PageRequest.firstDefault()).items().isEmpty());
    assertTrue(store().modelConfigs().sealedSecrets(defaultOnly, config.id()).isEmpty());
    assertFalse(store().modelConfigs().delete(defaultOnly, config.id()));
    assertThrows(NotFoundException.class, () -> service().create(defaultOnly, openAi(hidden.id(), "sneaky")));
    assertEquals(config, service().get(AccessScope.spaces(Set.of(hidden.id())), config.id(), null));
  }

  @Test
  void invalidInput_isRefused_andStoresNothing() {
    ModelConfigService service = service();
    assertThrows(InvalidInputException.class, () -> service.create(all, new NewModelConfig(null, "x", Provider.CUSTOM,
        null, List.of("m"), null, null, false, null)), "CUSTOM needs a base URL");
    assertThrows(InvalidInputException.class, () -> service.create(all, new NewModelConfig(null, "x", Provider.OLLAMA,
        " ", List.of("m"), null, null, false, null)));
    assertThrows(InvalidInputException.class, () -> service.create(all, new NewModelConfig(null, "x",
        Provider.AZURE_OPEN_AI, null, List.of("m"), null, null, false, null)));
    assertThrows(InvalidInputException.class, () -> service.create(all, new NewModelConfig(null, "x", Provider.CUSTOM,
        "ftp://host/v1", List.of("m"), null, null, false, null)));
    assertThrows(InvalidInputException.class, () -> service.create(all, new NewModelConfig(null, "x", Provider.CUSTOM,
        "http://user:pw@host/v1", List.of("m"), null, null, false, null)));
    assertThrows(InvalidInputException.class, () -> service.create(all, new NewModelConfig(null, " ", Provider.OPEN_AI,
        null, List.of("m"), null, null, false, null)));
    assertThrows(InvalidInputException.class, () -> service.create(all, new NewModelConfig(null, "x", null, null,
        List.of("m"), null, null, false, null)));
    assertThrows(InvalidInputException.class, () -> service.create(all, new NewModelConfig(null, "x", Provider.OPEN_AI,
        null, List.of("m"), null, Map.of("Bad Header", "v"), false, null)));
    assertThrows(InvalidInputException.class, () -> service.create(all, new NewModelConfig(null, "x", Provider.OPEN_AI,
        null, List.of("m"), null, null, false, new ModelLimits(0, null, null))));
    assertThrows(NotFoundException.class, () -> service.create(all, openAi("no-such-space", "x")));
    assertTrue(service.list(all, null, null, PageRequest.firstDefault()).items().isEmpty());

    ModelConfig custom = service.create(all, new NewModelConfig(null, "vllm", Provider.CUSTOM, "http://gpu-box:8000/v1/",
        List.of("llama"), null, null, false, null));
    assertEquals("http://gpu-box:8000/v1", custom.baseUrl());
    assertFalse(custom.hasApiKey());
    assertThrows(InvalidInputException.class, () -> service.update(all, "vllm", null,
        new ModelConfigUpdate(null, null, null, Optional.empty(), null, null, null, null)), "removing a required base URL");
    assertThrows(InvalidInputException.class, () -> service.update(all, "vllm", null,
        new ModelConfigUpdate(null, null, null, null, null, null, null, null)), "an empty update");
  }

  @Test
  void secretsSealedWithAnotherKey_failClearly() {
    ModelConfig created = service().create(all, openAi(null, "judge"));
    byte[] other = new byte[32];
    other[0] = 7;
    ModelConfigService wrongKey = new ModelConfigService(store().modelConfigs(), new SpaceService(store().spaces()),
        SecretBox.of(other, null), clock, TestOutbound.LOCAL);
    SecretBox.SecretException e = assertThrows(SecretBox.SecretException.class, () -> wrongKey.secrets(all, created));
    assertTrue(e.getMessage().contains("ASSAY_SECRET_PREVIOUS"), e.getMessage());
    ModelConfigService rotated = new ModelConfigService(store().modelConfigs(), new SpaceService(store().spaces()),
        SecretBox.of(other, new byte[32]), clock, TestOutbound.LOCAL);
    assertEquals(KEY, rotated.secrets(all, created).apiKey());
  }
}
