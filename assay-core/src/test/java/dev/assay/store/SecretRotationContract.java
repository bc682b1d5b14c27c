package dev.assay.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.auth.AccessScope;
import dev.assay.eval.EvaluatorService;
import dev.assay.eval.EvaluatorWithVersion;
import dev.assay.eval.HttpSpec;
import dev.assay.experiments.Experiment;
import dev.assay.experiments.ExperimentStatus;
import dev.assay.experiments.ExperimentTask;
import dev.assay.llm.ModelConfig;
import dev.assay.llm.ModelConfigService;
import dev.assay.llm.NewModelConfig;
import dev.assay.llm.Provider;
import dev.assay.secrets.SealedValues;
import dev.assay.secrets.SecretBox;
import dev.assay.secrets.SecretRotation;
import dev.assay.spaces.Space;
import dev.assay.spaces.SpaceService;
import dev.assay.testing.TestOutbound;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Key rotation over every sealed column: sealed with key 1, a start with key 2 and previous key 1 re-seals everything
 * with key 2 (stored bytes checked), and a later start with key 2 alone still opens everything. Also: header values
 * stored in plaintext by an older version are sealed by the same pass.
 */
public abstract class SecretRotationContract extends StoreContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AccessScope ALL = AccessScope.unrestricted();
  private static final byte[] KEY1 = key(1);
  private static final byte[] KEY2 = key(2);

  private static byte[] key(int seed) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) (seed * 37));
    return k;
  }

  private static byte id(byte[] key) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(key)[0];
  }

  /** The services a server start builds over this store with {@code box}, after the rotation pass. */
  private record Started(ModelConfigService configs, EvaluatorService evaluators, SealedValues sealed, int resealed) {}

  private Started start(SecretBox box) {
    int resealed = SecretRotation.run(box, StoredSecrets.resealers(store()));
    SpaceService spaces = new SpaceService(store().spaces());
    SealedValues sealed = new SealedValues(box);
    return new Started(new ModelConfigService(store().modelConfigs(), spaces, box, clock, TestOutbound.LOCAL),
        new EvaluatorService(store().evaluators(), spaces, TestOutbound.LOCAL, sealed), sealed, resealed);
  }

  @Test
  void restartingWithANewKeyAndThePreviousOne_resealsEverything_thenTheNewKeyAloneSuffices() throws Exception {
    assertNotEquals(id(KEY1), id(KEY2), "the test keys must have different key ids");
    Started first = start(SecretBox.of(KEY1, null));
    ModelConfig config = first.configs().create(ALL, new NewModelConfig(null, "rotating", Provider.OPEN_AI, null,
        List.of("m"), "sk-rotate-me", Map.of("X-Team", "t-secret"), false, null));
    EvaluatorWithVersion evaluator = first.evaluators().create(ALL, null, "remote-grader", null, null,
        new HttpSpec("remote grader", null, null, "https://93.184.216.34/grade", Map.of("Authorization", "Bearer h-1"), 5_000L));
    String experimentId = insertExperiment(first.sealed().sealAll(Map.of("X-Api-Key", "task-key-1")));
    assertEquals(List.of(id(KEY1)), keyIds(), "everything sealed with key 1");

    Started rotated = start(SecretBox.of(KEY2, KEY1));
    assertEquals(3, rotated.resealed());
    assertEquals(List.of(id(KEY2)), keyIds(), "everything sealed with key 2 now");
    assertOpens(rotated, config.id(), evaluator, experimentId);

    Started again = start(SecretBox.of(KEY2, KEY1));
    assertEquals(0, again.resealed(), "nothing left to re-seal");

    Started newKeyOnly = start(SecretBox.of(KEY2, null));
    assertOpens(newKeyOnly, config.id(), evaluator, experimentId);
    Started oldKeyOnly = start(SecretBox.of(KEY1, null));
    assertThrows(SecretBox.SecretException.class, () -> oldKeyOnly.configs().secrets(ALL,
        oldKeyOnly.configs().get(ALL, config.id(), null)), "key 1 no longer opens anything");
  }

  @Test
  void headerValuesStoredInPlaintextBeforeSealing_areSealedAtStart() throws Exception {
    var stored = store().evaluators().create(ALL, Space.DEFAULT_ID, "legacy-grader", null, null, new HttpSpec("legacy", null,
        null, "https://93.184.216.34/grade", Map.of("Authorization", "Bearer legacy-1"), 5_000L));
    String experimentId = insertExperiment(Map.of("X-Api-Key", "legacy-task-key"));
    assertTrue(allJson().contains("legacy-task-key"), "the older version's plaintext rows");

    Started started = start(SecretBox.of(KEY1, null));

    assertEquals(2, started.resealed());
    String json = allJson();
    assertFalse(json.contains("legacy-task-key") || json.contains("Bearer legacy-1"), json);
    HttpSpec spec = (HttpSpec) store().evaluators().findVersion(ALL, stored.version().id()).orElseThrow().spec();
    assertEquals("Bearer legacy-1", started.sealed().open(spec.headers().get("Authorization")));
    ExperimentTask.HttpTask task = (ExperimentTask.HttpTask) store().experiments().find(ALL, experimentId)
        .orElseThrow().task();
    assertEquals("legacy-task-key", started.sealed().open(task.headers().get("X-Api-Key")));
  }

  private void assertOpens(Started s, String configId, EvaluatorWithVersion evaluator, String experimentId) {
    ModelConfig config = s.configs().get(ALL, configId, null);
    assertEquals("sk-rotate-me", s.configs().secrets(ALL, config).apiKey());
    assertEquals("t-secret", s.configs().secrets(ALL, config).headers().get("X-Team"));
    HttpSpec spec = (HttpSpec) s.evaluators().getVersion(ALL, evaluator.version().id()).spec();
    assertEquals("Bearer h-1", s.sealed().open(spec.headers().get("Authorization")));
    ExperimentTask.HttpTask task = (ExperimentTask.HttpTask) store().experiments().find(ALL, experimentId)
        .orElseThrow().task();
    assertEquals("task-key-1", s.sealed().open(task.headers().get("X-Api-Key")));
  }

  private String insertExperiment(Map<String, String> headers) {
    String id = "exp-" + System.nanoTime();
    ExperimentTask task = new ExperimentTask.HttpTask("https://93.184.216.34/app", headers, null, Duration.ofSeconds(5));
    store().experiments().insert(new Experiment(id, Space.DEFAULT_ID, "rotation-" + id, null, null, null, null, task,
        List.of(), 1, 1, List.of(), Map.of(), List.of(), ExperimentStatus.PENDING, null, 0, clock.instant(),
        clock.instant(), null, null), null);
    return id;
  }

  /** The distinct key ids of every stored sealed value: model config bytes and sealed strings in the JSON. */
  private List<Byte> keyIds() throws Exception {
    List<byte[]> sealed = new java.util.ArrayList<>(database().jdbi().withHandle(h -> h.createQuery(
        "SELECT secrets FROM model_configs WHERE secrets IS NOT NULL").map((rs, ctx) -> rs.getBytes(1)).list()));
    for (String json : jsonRows()) {
      JsonNode headers = JSON.readTree(json).path("headers");
      headers.forEach(v -> {
        assertTrue(SealedValues.looksSealed(v.asText()), "sealed: " + v.asText().substring(0, 3) + "…");
        sealed.add(Base64.getDecoder().decode(v.asText().substring(SealedValues.PREFIX.length())));
      });
    }
    return sealed.stream().map(b -> b[1]).distinct().toList();
  }

  private List<String> jsonRows() {
    return database().jdbi().withHandle(h -> {
      List<String> rows = new java.util.ArrayList<>(h.createQuery("SELECT " + dialect().jsonText("spec")
          + " FROM evaluator_versions").mapTo(String.class).list());
      rows.addAll(h.createQuery("SELECT " + dialect().jsonText("task") + " FROM experiments WHERE task IS NOT NULL")
          .mapTo(String.class).list());
      return rows;
    });
  }

  private String allJson() {
    return String.join("\n", jsonRows());
  }
}
