package dev.assay.experiments;

import dev.assay.auth.AccessScope;
import dev.assay.datasets.Dataset;
import dev.assay.datasets.DatasetService;
import dev.assay.datasets.DatasetVersion;
import dev.assay.eval.EvaluationException;
import dev.assay.eval.EvaluatorDefinition;
import dev.assay.eval.EvaluatorService;
import dev.assay.eval.EvaluatorSpec;
import dev.assay.eval.EvaluatorVersion;
import dev.assay.eval.Evaluators;
import dev.assay.eval.exec.EvalExecutor;
import dev.assay.prompts.PromptService;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an {@link ExperimentSpec} before anything is written and resolves what it names: the dataset and version,
 * the prompt version and model config of a prompt task, the evaluators (each pinned to a version number, so a resumed
 * experiment judges with the same versions). Unknown references are {@link NotFoundException}s and bad values
 * {@link InvalidInputException}s; both messages start with the request field.
 */
final class ExperimentValidator {
  static final int MAX_REPETITIONS = 100;
  static final int MAX_CONCURRENCY = 256;
  static final int MAX_NAME = 200;
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

  private final DatasetService datasets;
  private final PromptService prompts;
  private final EvaluatorService evaluators;
  private final EvalExecutor executor;

  ExperimentValidator(DatasetService datasets, PromptService prompts, EvaluatorService evaluators,
      EvalExecutor executor) {
    this.datasets = datasets;
    this.prompts = prompts;
    this.evaluators = evaluators;
    this.executor = executor;
  }

  /** What a valid spec resolved to. */
  record Valid(Dataset dataset, DatasetVersion version, long exampleCount, List<ExperimentEvaluator> evaluators) {}

  /** One evaluator of an experiment, resolved: its id, version number and spec with the experiment's mappings. */
  record Resolved(String evaluatorId, long version, EvaluatorSpec spec) {}

  Valid validate(AccessScope scope, ExperimentSpec spec) {
    requireName(spec.name());
    if (spec.repetitions() < 1 || spec.repetitions() > MAX_REPETITIONS) {
      throw new InvalidInputException("repetitions must be between 1 and " + MAX_REPETITIONS + ", got "
          + spec.repetitions());
    }
    if (spec.concurrency() < 1 || spec.concurrency() > MAX_CONCURRENCY) {
      throw new InvalidInputException("concurrency must be between 1 and " + MAX_CONCURRENCY + ", got "
          + spec.concurrency());
    }
    ExperimentManager.labels(spec.labels());
    Dataset dataset = dataset(scope, spec.spaceRef(), spec.datasetRef());
    DatasetVersion version;
    try {
      version = datasets.version(scope, spec.spaceRef(), dataset.id(), spec.datasetVersionRef());
    } catch (NotFoundException e) {
      throw new NotFoundException("dataset_version_id: " + e.getMessage());
    }
    long count = datasets.examples(scope, dataset.id(), version.id(), spec.splits()).size();
    if (count == 0) {
      throw new InvalidInputException("dataset_id: version " + version.name() + " of dataset '" + dataset.name()
          + "' has no examples" + (spec.splits().isEmpty() ? "" : " in splits " + spec.splits()));
    }
    task(scope, spec.task());
    List<ExperimentEvaluator> resolved = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < spec.evaluatorRefs().size(); i++) {
      ExperimentEvaluator ref = spec.evaluatorRefs().get(i);
      String where = "evaluators[" + i + "]";
      Resolved r = resolve(scope, dataset.spaceId(), ref, where);
      if (!names.add(r.spec().name())) {
        throw new InvalidInputException(where + ": another evaluator of this experiment writes results named '"
            + r.spec().name() + "'");
      }
      resolved.add(new ExperimentEvaluator(r.evaluatorId(), r.version(), ref.columnMappings()));
    }
    return new Valid(dataset, version, count, resolved);
  }

  Dataset dataset(AccessScope scope, String spaceRef, String datasetRef) {
    try {
      return datasets.get(scope, spaceRef, datasetRef);
    } catch (NotFoundException e) {
      throw new NotFoundException("dataset_id: " + e.getMessage());
    }
  }

  static void requireName(String name) {
    if (name == null || name.isBlank() || name.strip().length() > MAX_NAME) {
      throw new InvalidInputException("name is required (1 to " + MAX_NAME + " characters)");
    }
  }

  private void task(AccessScope scope, ExperimentTask task) {
    switch (task) {
      case ExperimentTask.PromptTask p -> {
        try {
          prompts.version(scope, p.promptVersionId());
        } catch (NotFoundException e) {
          throw new NotFoundException("task.prompt_version_id: " + e.getMessage());
        }
        try {
          executor.environment(scope).chatModel(p.model());
        } catch (EvaluationException e) {
          throw new NotFoundException("task.ai_integration_id: " + e.getMessage());
        }
      }
      case ExperimentTask.HttpTask h -> {
        URI uri;
        try {
          uri = URI.create(h.url().strip());
        } catch (IllegalArgumentException e) {
          throw new InvalidInputException("task.url is not a URL: " + e.getMessage());
        }
        if (uri.getScheme() == null || !Set.of("http", "https").contains(uri.getScheme().toLowerCase())
            || uri.getHost() == null) {
          throw new InvalidInputException("task.url must be an absolute http(s) URL, got '" + h.url() + "'");
        }
        // 422 when the URL leads into the server's own network; the runner checks again before each request
        executor.configs().outbound().checkSaved(uri);
        timeout(h.timeout());
        outputPath(h.outputPath());
      }
      case ExperimentTask.CommandTask c -> {
        if (c.argv().getFirst() == null || c.argv().getFirst().isBlank()) {
          throw new InvalidInputException("task.argv[0] must name the program to run");
        }
        timeout(c.timeout());
        outputPath(c.outputPath());
      }
    }
  }

  private static void timeout(Duration t) {
    if (t.isNegative() || t.isZero() || t.compareTo(MAX_TIMEOUT) > 0) {
      throw new InvalidInputException("task.timeout_ms must be between 1 and " + MAX_TIMEOUT.toMillis() + ", got "
          + t.toMillis());
    }
  }

  private static void outputPath(String path) {
    if (path == null || path.isBlank()) {
      return;
    }
    try {
      com.jayway.jsonpath.JsonPath.compile(path);
    } catch (RuntimeException e) {
      throw new InvalidInputException("task.output_path is not a JSONPath: " + e.getMessage());
    }
  }

  /** Resolves one evaluator reference (id or name, version number or the latest) and lays its mappings over. */
  Resolved resolve(AccessScope scope, String spaceId, ExperimentEvaluator ref, String where) {
    EvaluatorDefinition def;
    try {
      def = evaluators.definition(scope, ref.evaluatorId(), spaceId);
    } catch (NotFoundException e) {
      throw new NotFoundException(where + ".evaluator_id: " + e.getMessage());
    }
    long number = ref.evaluatorVersion() == null ? def.latestVersion() : ref.evaluatorVersion();
    if (number < 1 || number > def.latestVersion()) {
      throw new NotFoundException(where + ".evaluator_version: evaluator '" + def.name() + "' has versions 1 to "
          + def.latestVersion() + ", not " + number);
    }
    EvaluatorVersion version = version(scope, def, number);
    Evaluators.checkMappings(ref.columnMappings(), where + ".column_mappings");
    return new Resolved(def.id(), number, Evaluators.withMappings(version.spec(), ref.columnMappings()));
  }

  /** The version with this number (the service looks versions up by id; they list newest first). */
  private EvaluatorVersion version(AccessScope scope, EvaluatorDefinition def, long number) {
    String cursor = null;
    do {
      Page<EvaluatorVersion> page = evaluators.listVersions(scope, def.id(), null, new PageRequest(cursor, 100));
      for (EvaluatorVersion v : page.items()) {
        if (v.version() == number) {
          return v;
        }
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    throw new NotFoundException("evaluator '" + def.name() + "' version " + number + " not found");
  }

  /** The experiment's evaluators resolved again (as stored: pinned versions) for the runner. */
  List<Resolved> resolveStored(AccessScope scope, Experiment e) {
    List<Resolved> out = new ArrayList<>();
    for (int i = 0; i < e.evaluators().size(); i++) {
      out.add(resolve(scope, e.spaceId(), e.evaluators().get(i), "evaluators[" + i + "]"));
    }
    return out;
  }

  /** The result names the experiment's evaluators write (best effort: a deleted evaluator is left out). */
  List<String> resultNames(Experiment e) {
    List<String> names = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (ExperimentEvaluator ref : e.evaluators()) {
      try {
        Resolved r = resolve(AccessScope.unrestricted(), e.spaceId(), ref, "evaluator");
        if (seen.putIfAbsent(r.spec().name(), r.evaluatorId()) == null) {
          names.add(r.spec().name());
        }
      } catch (RuntimeException gone) {
        // deleted since: its results (if any) still name it
      }
    }
    return names;
  }
}
