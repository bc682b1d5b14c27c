package dev.assay.cli.ci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.ci.EvalConfig.DatasetSource;
import dev.assay.cli.ci.EvalConfig.StoredBaseline;
import dev.assay.cli.ci.EvalConfig.Variant;
import dev.assay.datasets.DatasetUploads;
import dev.assay.datasets.ExampleDraft;
import dev.assay.experiments.EvaluatorSummary;
import dev.assay.experiments.ExperimentEvaluator;
import dev.assay.experiments.ExperimentRunner;
import dev.assay.experiments.ExperimentSpec;
import dev.assay.experiments.ExperimentTask;
import dev.assay.experiments.GateCheck;
import dev.assay.experiments.GateResult;
import dev.assay.experiments.GateRules;
import dev.assay.shared.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs what an {@link EvalConfig} describes on a backend: creates the dataset and evaluators, runs the baseline
 * variant (when there is one) and then each candidate, and gates each candidate against the baseline. Progress
 * goes to stderr; the results come back as {@link Outcome}s for the command to print and write.
 */
final class EvalRun {
  /** One experiment's result; {@code baseline} ones are shown but do not decide the verdict. */
  record Outcome(String name, String experimentId, boolean baseline, GateResult result, Duration time) {}

  private final EvalConfig config;
  private final EvalBackend backend;
  private final PrintWriter err;
  private final String nameSuffix;

  /**
   * @param nameSuffix appended to experiment names (with {@code --url}, so repeated CI runs do not collide)
   */
  EvalRun(EvalConfig config, EvalBackend backend, PrintWriter err, String nameSuffix) {
    this.config = config;
    this.backend = backend;
    this.err = err;
    this.nameSuffix = nameSuffix == null ? "" : nameSuffix;
  }

  List<Outcome> run() {
    String datasetId = dataset();
    List<ExperimentEvaluator> evaluators = backend.evaluators(config);
    List<String> splits = switch (config.dataset()) {
      case DatasetSource.Stored s -> s.splits();
      case DatasetSource.File f -> f.splits();
      case DatasetSource.Inline i -> List.of();
    };
    String version = config.dataset() instanceof DatasetSource.Stored s ? s.version() : null;
    List<Outcome> outcomes = new ArrayList<>();
    String baselineRef = config.storedBaseline() instanceof StoredBaseline.Ref ref ? ref.ref() : null;
    for (int i = 0; i < config.variants().size(); i++) {
      Variant variant = config.variants().get(i);
      boolean isBaseline = i == 0 && config.baselineVariant();
      String name = experimentName(variant);
      ExperimentTask task = backend.task(config, variant);
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("source", "assay eval");
      metadata.put("config", config.file().getFileName().toString());
      metadata.put("variant", variant.label());
      var spec = new ExperimentSpec(null, name, config.description(), datasetId, version, splits, task, evaluators,
          config.repetitions(), config.concurrency(), metadata, List.of());
      long start = System.nanoTime();
      String id = backend.run(spec, progress(name));
      Duration time = Duration.ofNanos(System.nanoTime() - start);
      GateResult result;
      if (isBaseline) {
        result = backend.gate(id, null, new GateRules(config.gate().failUnder(), null, config.gate().minPassRate()));
        baselineRef = id;
      } else if (config.storedBaseline() instanceof StoredBaseline.File file) {
        GateRules rules = new GateRules(config.gate().failUnder(), null, config.gate().minPassRate());
        result = againstFile(backend.gate(id, null, rules), file.path());
      } else {
        result = backend.gate(id, baselineRef, config.gate());
      }
      outcomes.add(new Outcome(name, id, isBaseline, result, time));
    }
    return outcomes;
  }

  private String dataset() {
    return switch (config.dataset()) {
      case DatasetSource.Stored s -> backend.storedDataset(s.name());
      case DatasetSource.Inline i -> backend.createDataset(config.name() + nameSuffix, config.description(),
          i.examples());
      case DatasetSource.File f -> backend.createDataset(config.name() + nameSuffix, config.description(),
          read(f));
    };
  }

  /** The file's examples; a malformed file is a config error (exit 2) naming the file and line. */
  static List<ExampleDraft> read(DatasetSource.File f) {
    try (InputStream in = Files.newInputStream(f.path())) {
      List<ExampleDraft> drafts = DatasetUploads.parse(f.format(), in, f.keys());
      if (drafts.isEmpty()) {
        throw new EvalConfigException(List.of(f.path() + ": the dataset file holds no examples"));
      }
      return drafts;
    } catch (InvalidInputException e) {
      throw new EvalConfigException(List.of(f.path() + ": " + e.getMessage()));
    } catch (IOException e) {
      throw new EvalConfigException(List.of(f.path() + ": cannot read: " + e.getMessage()));
    }
  }

  private String experimentName(Variant variant) {
    String base = config.variants().size() == 1 ? config.name() : config.name() + " [" + variant.label() + "]";
    return base + nameSuffix;
  }

  private ExperimentRunner.Listener progress(String name) {
    long[] last = {0};
    err.println("assay eval: running " + name);
    err.flush();
    return (runsDone, runsTotal, evalsDone, evalsTotal) -> {
      long now = System.nanoTime();
      boolean done = runsDone == runsTotal && evalsDone == evalsTotal;
      synchronized (last) {
        if (!done && now - last[0] < 1_000_000_000L) {
          return; // at most one line a second: CI logs are read by people
        }
        last[0] = now;
        err.printf(Locale.ROOT, "  %s: runs %d/%d%s%n", name, runsDone, runsTotal, evalsTotal == 0 ? ""
            : String.format(Locale.ROOT, ", evaluations %d/%d", evalsDone, evalsTotal));
        err.flush();
      }
    };
  }

  /**
   * max-regression against a previous {@code -o json} result: the drop of each evaluator's mean below the file's
   * (the file has no per-example scores to pair, so there is no per-example comparison).
   */
  private GateResult againstFile(GateResult result, Path file) {
    GateResult previous = previous(file);
    Map<String, Double> baseMeans = new LinkedHashMap<>();
    if (previous.summary() != null) {
      previous.summary().evaluators().forEach(e -> baseMeans.put(e.name(), e.meanScore()));
    }
    Map<String, Double> means = new LinkedHashMap<>();
    if (result.summary() != null) {
      for (EvaluatorSummary e : result.summary().evaluators()) {
        means.put(e.name(), e.meanScore());
      }
    }
    List<GateCheck> checks = new ArrayList<>(result.checks());
    config.gate().maxRegression().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(rule -> {
      Double base = baseMeans.get(rule.getKey());
      Double mean = means.get(rule.getKey());
      if (base == null || mean == null) {
        checks.add(new GateCheck("max-regression", rule.getKey(), rule.getValue(), null, false,
            rule.getKey() + ": no mean score " + (base == null ? "in the baseline file" : "in this run")));
        return;
      }
      double drop = base - mean;
      boolean ok = drop <= rule.getValue() + 1e-12;
      checks.add(new GateCheck("max-regression", rule.getKey(), rule.getValue(), drop, ok, String.format(Locale.ROOT,
          "%s: mean %.3f vs baseline %.3f, drop %.3f %s %.3f", rule.getKey(), mean, base, drop, ok ? "≤" : ">",
          rule.getValue())));
    });
    boolean passed = checks.stream().allMatch(GateCheck::passed);
    return new GateResult(result.experimentId(), previous.experimentId(), passed, checks, result.cases(),
        result.summary(), null);
  }

  private static GateResult previous(Path file) {
    try {
      JsonNode node = GateJson.MAPPER.readTree(file.toFile());
      return GateJson.read(node.isArray() && !node.isEmpty() ? node.get(node.size() - 1) : node);
    } catch (IOException | IllegalArgumentException e) {
      throw new EvalConfigException(List.of(file + ": the baseline file is not an `assay eval -o json` result: "
          + e.getMessage()));
    }
  }
}
