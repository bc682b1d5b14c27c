package dev.assay.cli.ci;

import dev.assay.datasets.ExampleDraft;
import dev.assay.datasets.UploadFormat;
import dev.assay.datasets.UploadKeys;
import dev.assay.eval.EvaluatorSpec;
import dev.assay.experiments.ExperimentTask;
import dev.assay.experiments.GateRules;
import dev.assay.prompts.PromptMessage;
import dev.assay.prompts.TemplateFormat;
import dev.assay.prompts.TemplateType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A validated {@code assay.yaml} (see docs/assay-yaml.md): what to test, on which examples, judged how, gated
 * how. Built only by {@link EvalConfigLoader}, so every instance is complete and consistent.
 *
 * @param name the base name of the experiments (the {@code name} key, else the file's directory name)
 * @param variants what is tested: one per prompt × provider, or the one {@code task}; the baseline first when
 *     there is one
 * @param baselineVariant true when {@code variants.get(0)} is the baseline the others are compared with
 */
public record EvalConfig(Path file, String name, String description, DatasetSource dataset, List<Variant> variants,
    boolean baselineVariant, List<ProviderDef> providers, List<EvaluatorDef> evaluators,
    StoredBaseline storedBaseline, GateRules gate, int repetitions, int concurrency) {

  public EvalConfig {
    variants = List.copyOf(variants);
    providers = List.copyOf(providers);
    evaluators = List.copyOf(evaluators);
  }

  /** The experiments compared with the baseline (all of them when there is no baseline variant). */
  public List<Variant> candidates() {
    return baselineVariant ? variants.subList(1, variants.size()) : variants;
  }

  /** The provider labelled {@code label} (judges name theirs). */
  public ProviderDef provider(String label) {
    return providers.stream().filter(p -> p.label().equals(label)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no provider labelled " + label));
  }

  /** Whether running this needs a server ({@code --url}): it names stored datasets, evaluators or experiments. */
  public boolean needsServer() {
    return dataset instanceof DatasetSource.Stored || storedBaseline instanceof StoredBaseline.Ref
        || evaluators.stream().anyMatch(e -> e instanceof EvaluatorDef.Stored)
        || variants.stream().anyMatch(v -> v.prompt() instanceof PromptDef.Stored);
  }

  /** Where the examples come from. */
  public sealed interface DatasetSource {
    /** An existing dataset on the server ({@code dataset: {name: …}}). */
    record Stored(String name, String version, List<String> splits) implements DatasetSource {}

    /** A file next to assay.yaml ({@code dataset: {file: …}}), parsed by DatasetUploads. */
    record File(Path path, UploadFormat format, UploadKeys keys, List<String> splits) implements DatasetSource {}

    /** Inline {@code tests:}. */
    record Inline(List<ExampleDraft> examples) implements DatasetSource {}
  }

  /** One experiment to run: a prompt on a provider, or the task. */
  public record Variant(String label, PromptDef prompt, ProviderDef provider, ExperimentTask task) {}

  /** A prompt to test. */
  public sealed interface PromptDef {
    String label();

    /** Messages (or one text) from assay.yaml or a file. */
    record Inline(String label, TemplateType type, TemplateFormat format, List<PromptMessage> messages)
        implements PromptDef {}

    /** A prompt stored on the server: by name, at a label or version ({@code --url} only). */
    record Stored(String label, String prompt, String promptLabel, String versionId) implements PromptDef {}
  }

  /**
   * An OpenAI-compatible endpoint.
   *
   * @param apiKeyEnv the environment variable holding the key (never the key itself in the file)
   */
  public record ProviderDef(String label, String baseUrl, String model, String apiKeyEnv,
      Map<String, Object> params) {}

  /** How an evaluator is judged and gated. */
  public sealed interface EvaluatorDef {
    String name();

    Gate gate();

    /** An evaluator defined in assay.yaml; {@code provider} names the judge's provider label, or null. */
    record Inline(String name, EvaluatorSpec spec, String provider, Gate gate) implements EvaluatorDef {}

    /** An evaluator stored on the server, by name or id ({@code --url} only). */
    record Stored(String name, Long version, Gate gate) implements EvaluatorDef {}
  }

  /** Per-evaluator gate thresholds written next to the evaluator; null = no rule. */
  public record Gate(Double failUnder, Double minPassRate, Double maxRegression) {
    static final Gate NONE = new Gate(null, null, null);
  }

  /** A baseline that is not one of this file's variants. */
  public sealed interface StoredBaseline {
    /** An experiment id or name, or a label, on the server. */
    record Ref(String ref) implements StoredBaseline {}

    /** A previous {@code assay eval -o json} result: max-regression compares with its evaluator means. */
    record File(Path path) implements StoredBaseline {}
  }
}
