package dev.assay.eval.exec;

import dev.assay.auth.AccessScope;
import dev.assay.testing.TestOutbound;
import dev.assay.eval.Evaluation;
import dev.assay.eval.ModelRef;
import dev.assay.eval.Subject;
import dev.assay.eval.SubjectKind;
import dev.assay.llm.ModelConfig;
import dev.assay.llm.ModelConfigService;
import dev.assay.llm.ModelGateway;
import dev.assay.llm.ModelLimits;
import dev.assay.llm.NewModelConfig;
import dev.assay.llm.Provider;
import dev.assay.secrets.SecretBox;
import dev.assay.spaces.SpaceService;
import dev.assay.store.Database;
import dev.assay.store.JdbcStore;
import dev.assay.testing.FakeModelServer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A real store for model configs, the gateway, and helpers to build subjects and collect results. */
final class ExecutorFixture {
  static final AccessScope ALL = AccessScope.unrestricted();
  static final String KEY = "sk-fixture-key-42";

  final ModelConfigService configs;
  final ModelGateway gateway;

  ExecutorFixture(Database database) {
    JdbcStore store = new JdbcStore(database, Clock.systemUTC());
    configs = new ModelConfigService(store.modelConfigs(), new SpaceService(store.spaces()),
        SecretBox.of(new byte[32], null), Clock.systemUTC(), TestOutbound.LOCAL);
    gateway = new ModelGateway(configs, Duration.ofSeconds(30));
  }

  ModelConfig config(String name, FakeModelServer fake, String apiKey, ModelLimits limits) {
    return configs.create(ALL, new NewModelConfig(null, name, Provider.CUSTOM, fake.openAiBaseUrl(), List.of("judge-1"),
        apiKey, null, false, limits));
  }

  static ModelRef ref(ModelConfig config) {
    return new ModelRef(config.id(), "judge-1", null);
  }

  static Subject subject(String id, String input, boolean fromEvaluator) {
    return new Subject(SubjectKind.SPAN, "project-1", Evaluation.TargetKind.SPAN, id, "trace-" + id, input, "output",
        null, null, null, null, null, null, null, Map.of(), Map.of(), "LLM", "OK", 10.0, 1L, 1L, 2L, null, fromEvaluator);
  }

  /** Collects sink calls from any thread. */
  static final class Collector implements ResultSink {
    final List<Evaluation> results = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void accept(WorkItem item, Evaluation result) {
      if (!item.subject().targetId().equals(result.targetId())) {
        throw new AssertionError("result for another item");
      }
      results.add(result);
    }
  }
}
