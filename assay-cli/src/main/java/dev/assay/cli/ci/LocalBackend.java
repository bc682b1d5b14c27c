package dev.assay.cli.ci;

import dev.assay.auth.AccessScope;
import dev.assay.cli.ci.EvalConfig.EvaluatorDef;
import dev.assay.cli.ci.EvalConfig.PromptDef;
import dev.assay.cli.ci.EvalConfig.ProviderDef;
import dev.assay.datasets.ExampleDraft;
import dev.assay.eval.EvaluatorSpec;
import dev.assay.eval.JudgeSpec;
import dev.assay.eval.ModelRef;
import dev.assay.experiments.Experiment;
import dev.assay.experiments.ExperimentEvaluator;
import dev.assay.experiments.ExperimentRunner;
import dev.assay.experiments.ExperimentSpec;
import dev.assay.experiments.ExperimentTask;
import dev.assay.experiments.GateResult;
import dev.assay.experiments.GateRules;
import dev.assay.llm.ModelLimits;
import dev.assay.llm.NewModelConfig;
import dev.assay.llm.Provider;
import dev.assay.prompts.PromptVersionDraft;
import dev.assay.prompts.PromptWithVersion;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs everything in this process over a {@link StandaloneHarness}; nothing outlives the command. */
final class LocalBackend implements EvalBackend {
  private static final AccessScope SCOPE = AccessScope.unrestricted();

  private final StandaloneHarness harness;
  private final Map<String, String> env;
  private final Map<String, String> modelConfigIds = new HashMap<>();
  private final Map<PromptDef, String> promptVersionIds = new HashMap<>();

  LocalBackend(Clock clock, Map<String, String> env) {
    this.harness = StandaloneHarness.open(clock);
    this.env = env;
  }

  @Override
  public String createDataset(String name, String description, List<ExampleDraft> examples) {
    return harness.datasets().create(SCOPE, null, name, description, examples).id();
  }

  @Override
  public String storedDataset(String ref) {
    throw new EvalConfigException(List.of("dataset '" + ref + "' is a stored dataset: run with --url SERVER, or use "
        + "dataset: {file: …} or tests: to run without a server"));
  }

  @Override
  public List<ExperimentEvaluator> evaluators(EvalConfig config) {
    List<ExperimentEvaluator> out = new ArrayList<>();
    for (EvaluatorDef def : config.evaluators()) {
      if (!(def instanceof EvaluatorDef.Inline inline)) {
        throw new EvalConfigException(List.of("evaluator '" + def.name() + "' is a stored evaluator: run with --url "
            + "SERVER, or define it in assay.yaml (type: …)"));
      }
      EvaluatorSpec spec = inline.spec();
      if (spec instanceof JudgeSpec j && inline.provider() != null) {
        ProviderDef provider = config.provider(inline.provider());
        spec = new JudgeSpec(j.name(), j.granularity(), j.mappings(), j.templateId(), j.messages(), j.rails(),
            j.direction(), j.includeExplanation(), j.useStructuredOutput(), j.useFunctionCalling(),
            new ModelRef(modelConfig(provider), provider.model(), provider.params()));
      }
      String id = harness.evaluators().create(SCOPE, null, def.name(), null, "assay eval", spec).evaluator().id();
      out.add(new ExperimentEvaluator(id, null, null));
    }
    return out;
  }

  @Override
  public ExperimentTask task(EvalConfig config, EvalConfig.Variant variant) {
    if (variant.task() != null) {
      return variant.task();
    }
    if (!(variant.prompt() instanceof PromptDef.Inline prompt)) {
      throw new EvalConfigException(List.of("prompt '" + variant.prompt().label() + "' is a stored prompt: run with "
          + "--url SERVER"));
    }
    String versionId = promptVersionIds.computeIfAbsent(prompt, p -> {
      PromptWithVersion created = harness.prompts().create(SCOPE, null, p.label(), null,
          new PromptVersionDraft("assay eval", prompt.type(), prompt.format(), prompt.messages(), "OPEN_AI", null,
              Map.of(), Map.of()));
      return created.version().id();
    });
    ProviderDef provider = variant.provider();
    return new ExperimentTask.PromptTask(versionId,
        new ModelRef(modelConfig(provider), provider.model(), provider.params()));
  }


  /** One model config per provider; the key is read from the environment variable the file names. */
  private String modelConfig(ProviderDef provider) {
    return modelConfigIds.computeIfAbsent(provider.label(), label -> {
      String key = null;
      if (provider.apiKeyEnv() != null) {
        key = env.get(provider.apiKeyEnv());
        if (key == null || key.isBlank()) {
          throw new EvalConfigException(List.of("provider '" + label + "' reads its API key from $"
              + provider.apiKeyEnv() + ", which is not set"));
        }
      }
      return harness.modelConfigs().create(SCOPE, new NewModelConfig(null, "provider-" + label, Provider.CUSTOM,
          provider.baseUrl(), List.of(provider.model()), key, Map.of(), false, ModelLimits.NONE)).id();
    });
  }

  @Override
  public String run(ExperimentSpec spec, ExperimentRunner.Listener listener) {
    Experiment experiment = harness.experiments().service().prepare(SCOPE, spec);
    harness.experiments().runner().run(experiment.id(), listener);
    return experiment.id();
  }

  @Override
  public GateResult gate(String experimentId, String baselineRef, GateRules rules) {
    return harness.experiments().service().gate(SCOPE, null, experimentId, baselineRef, rules);
  }

  @Override
  public void close() {
    harness.close();
  }
}
