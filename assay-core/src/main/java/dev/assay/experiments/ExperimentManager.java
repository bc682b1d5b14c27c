package dev.assay.experiments;

import dev.assay.auth.AccessScope;
import dev.assay.datasets.Dataset;
import dev.assay.datasets.DatasetService;
import dev.assay.datasets.DatasetVersion;
import dev.assay.datasets.Example;
import dev.assay.eval.Evaluation;
import dev.assay.eval.EvaluationStore;
import dev.assay.jobs.NewJob;
import dev.assay.projects.Project;
import dev.assay.projects.ProjectService;
import dev.assay.shared.ConflictException;
import dev.assay.shared.Ids;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.spaces.Space;
import dev.assay.secrets.SealedValues;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@link ExperimentService}: validation (in {@link ExperimentValidator}) before any write, the experiment's trace
 * project, labels, baselines, summaries, comparisons and gates. The work itself is the {@link ExperimentEngine}'s.
 */
final class ExperimentManager implements ExperimentService {
  static final String RUN_JOB = "experiments.run";
  private static final int MAX_LABEL = 100;
  private static final int ID_CHUNK = 500;

  private final ExperimentStore store;
  private final DatasetService datasets;
  private final EvaluationStore evaluations;
  private final ProjectService projects;
  private final ExperimentValidator validator;
  private final SealedValues sealed;
  private final Clock clock;

  /** @param sealed seals HTTP task header values before the experiment is stored */
  ExperimentManager(ExperimentStore store, DatasetService datasets, EvaluationStore evaluations,
      ProjectService projects, ExperimentValidator validator, SealedValues sealed, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.datasets = Objects.requireNonNull(datasets, "datasets");
    this.evaluations = Objects.requireNonNull(evaluations, "evaluations");
    this.projects = Objects.requireNonNull(projects, "projects");
    this.validator = Objects.requireNonNull(validator, "validator");
    this.sealed = Objects.requireNonNull(sealed, "sealed");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  static NewJob runJob(String experimentId) {
    return NewJob.of(RUN_JOB, "{\"experiment_id\":\"" + experimentId + "\"}");
  }

  @Override
  public Experiment start(AccessScope scope, ExperimentSpec spec) {
    return create(scope, spec, true);
  }

  @Override
  public Experiment prepare(AccessScope scope, ExperimentSpec spec) {
    return create(scope, spec, false);
  }

  private Experiment create(AccessScope scope, ExperimentSpec spec, boolean enqueue) {
    ExperimentValidator.Valid v = validator.validate(scope, spec);
    if (store.findByName(scope, v.dataset().spaceId(), spec.name().strip()).isPresent()) {
      throw new ConflictException("an experiment named '" + spec.name().strip() + "' already exists in this space");
    }
    Project project = project(scope, v.dataset().spaceId(), spec.name());
    Instant now = clock.instant();
    String id = Ids.newId(clock);
    Experiment e = new Experiment(id, v.dataset().spaceId(), spec.name().strip(), spec.description(), v.dataset().id(),
        v.version().id(), project.id(), sealed(spec.task()), v.evaluators(), spec.repetitions(), spec.concurrency(),
        spec.splits(), spec.metadata(), labels(spec.labels()), ExperimentStatus.PENDING, null, v.exampleCount(), now,
        now, null, null);
    return store.insert(e, enqueue ? runJob(id) : null);
  }

  /** The task as stored: an HTTP task's header values sealed (opened only by the runner, per request). */
  private ExperimentTask sealed(ExperimentTask task) {
    if (task instanceof ExperimentTask.HttpTask h && !h.headers().isEmpty()) {
      return new ExperimentTask.HttpTask(h.url(), sealed.sealAll(h.headers()), h.outputPath(), h.timeout());
    }
    return task;
  }

  /** The experiment's trace project {@code experiment-<name>}; an existing one (a deleted namesake's) is reused. */
  private Project project(AccessScope scope, String spaceId, String name) {
    String projectName = "experiment-" + name.strip();
    try {
      return projects.get(scope, projectName, spaceId);
    } catch (NotFoundException e) {
      try {
        return projects.create(scope, spaceId, projectName);
      } catch (ConflictException raced) {
        return projects.get(scope, projectName, spaceId);
      }
    }
  }

  @Override
  public Experiment get(AccessScope scope, String spaceRef, String experimentRef) {
    return resolve(scope, spaceRef, experimentRef);
  }

  Experiment resolve(AccessScope scope, String spaceRef, String ref) {
    if (ref == null || ref.isBlank()) {
      throw new NotFoundException("experiment '' not found");
    }
    var byId = store.find(scope, ref);
    if (byId.isPresent()) {
      return byId.get();
    }
    String spaceId = spaceRef == null ? Space.DEFAULT_ID : projects.space(scope, spaceRef).id();
    return store.findByName(scope, spaceId, ref)
        .orElseThrow(() -> new NotFoundException("experiment '" + ref + "' not found"));
  }

  @Override
  public ExperimentSummary summary(AccessScope scope, String spaceRef, String experimentRef) {
    Experiment e = resolve(scope, spaceRef, experimentRef);
    return ExperimentStats.summary(e.id(), expectedRuns(e), results(scope, e, store.runs(e.id())));
  }

  static long expectedRuns(Experiment e) {
    return e.task() == null ? 0 : e.exampleCount() * e.repetitions();
  }

  @Override
  public Comparison compare(AccessScope scope, String spaceRef, String experimentRef, String baselineRef) {
    Experiment e = resolve(scope, spaceRef, experimentRef);
    Experiment base = baseline(scope, e, baselineRef);
    return ExperimentStats.compare(e.id(), results(scope, e, store.runs(e.id())), base.id(),
        results(scope, base, store.runs(base.id())));
  }

  /** An experiment id or name (in the experiment's space), else a label on the experiment's dataset. */
  Experiment baseline(AccessScope scope, Experiment e, String ref) {
    if (ref == null || ref.isBlank()) {
      throw new InvalidInputException("baseline: give an experiment id, name or label");
    }
    Experiment base = store.find(scope, ref)
        .or(() -> store.findByName(scope, e.spaceId(), ref))
        .or(() -> e.datasetId() == null ? java.util.Optional.empty() : store.findByLabel(scope, e.datasetId(), ref))
        .orElseThrow(() -> new NotFoundException("baseline '" + ref + "': no experiment with that id or name, and no"
            + " experiment on the same dataset labelled so"));
    if (!Objects.equals(base.datasetId(), e.datasetId())) {
      throw new InvalidInputException("baseline '" + ref + "' runs on another dataset; compare experiments of the"
          + " same dataset");
    }
    return base;
  }

  @Override
  public GateResult gate(AccessScope scope, String spaceRef, String experimentRef, String baselineRef,
      GateRules rules) {
    Objects.requireNonNull(rules, "rules");
    if (!rules.maxRegression().isEmpty() && (baselineRef == null || baselineRef.isBlank())) {
      throw new InvalidInputException("max_regression needs a baseline (an experiment id, name or label)");
    }
    Experiment e = resolve(scope, spaceRef, experimentRef);
    List<RunResult> mine = results(scope, e, store.runs(e.id()));
    ExperimentSummary summary = ExperimentStats.summary(e.id(), expectedRuns(e), mine);
    Comparison comparison = null;
    if (baselineRef != null && !baselineRef.isBlank()) {
      Experiment base = baseline(scope, e, baselineRef);
      comparison = ExperimentStats.compare(e.id(), mine, base.id(), results(scope, base, store.runs(base.id())));
    }
    return Gates.evaluate(summary, comparison, Gates.cases(mine, validator.resultNames(e)), rules);
  }

  @Override
  public Page<Experiment> list(AccessScope scope, String spaceRef, String datasetRef, String nameContains,
      PageRequest page) {
    String spaceId = spaceRef == null ? null : projects.space(scope, spaceRef).id();
    String datasetId = datasetRef == null ? null : datasets.get(scope, spaceRef, datasetRef).id();
    return store.list(scope, spaceId, datasetId, nameContains == null || nameContains.isBlank() ? null : nameContains,
        page);
  }

  @Override
  public boolean delete(AccessScope scope, String spaceRef, String experimentRef) {
    Experiment e;
    try {
      e = resolve(scope, spaceRef, experimentRef);
    } catch (NotFoundException missing) {
      return false;
    }
    return store.delete(scope, e.id());
  }

  @Override
  public Page<RunResult> runs(AccessScope scope, String spaceRef, String experimentRef, PageRequest page) {
    Experiment e = resolve(scope, spaceRef, experimentRef);
    Page<ExperimentStore.StoredRun> stored = store.runs(e.id(), page);
    List<RunResult> withEvaluations = results(scope, e,
        stored.items().stream().map(ExperimentStore.StoredRun::run).toList());
    List<RunResult> out = new ArrayList<>(stored.items().size());
    for (int i = 0; i < stored.items().size(); i++) {
      RunResult r = withEvaluations.get(i);
      out.add(new RunResult(r.run(), r.evaluations(), stored.items().get(i).extra()));
    }
    return new Page<>(out, stored.nextCursor());
  }

  /** The runs with their evaluations (results on EXPERIMENT_RUN targets in the experiment's project). */
  List<RunResult> results(AccessScope scope, Experiment e, List<ExperimentRun> runs) {
    Map<String, List<Evaluation>> byRun = new HashMap<>();
    if (e.projectId() != null && !runs.isEmpty()) {
      List<String> ids = runs.stream().map(ExperimentRun::id).toList();
      for (int from = 0; from < ids.size(); from += ID_CHUNK) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + ID_CHUNK));
        for (Evaluation ev : evaluations.listForTargets(scope, e.projectId(),
            Map.of(Evaluation.TargetKind.EXPERIMENT_RUN, chunk))) {
          byRun.computeIfAbsent(ev.targetId(), k -> new ArrayList<>()).add(ev);
        }
      }
    }
    return runs.stream().map(r -> new RunResult(r, byRun.getOrDefault(r.id(), List.of()), Map.of())).toList();
  }

  @Override
  public Recorded record(AccessScope scope, String spaceRef, String datasetRef, String name, List<RecordedRun> runs) {
    ExperimentValidator.requireName(name);
    Dataset dataset = datasetRef == null ? null : validator.dataset(scope, spaceRef, datasetRef);
    String spaceId = dataset != null ? dataset.spaceId() : projects.space(scope, spaceRef == null ? Space.DEFAULT_ID
        : spaceRef).id();
    DatasetVersion version = dataset == null ? null : datasets.version(scope, spaceRef, dataset.id(), null);
    List<RecordedRun> valid = checkRuns(scope, dataset, version, runs);
    if (store.findByName(scope, spaceId, name.strip()).isPresent()) {
      throw new ConflictException("an experiment named '" + name.strip() + "' already exists in this space");
    }
    Project project = project(scope, spaceId, name);
    Instant now = clock.instant();
    long examples = valid.stream().map(RecordedRun::exampleId).distinct().count();
    int repetitions = valid.stream().mapToInt(r -> Math.max(1, r.repetition())).max().orElse(1);
    Experiment e = store.insert(new Experiment(Ids.newId(clock), spaceId, name.strip(), null,
        dataset == null ? null : dataset.id(), version == null ? null : version.id(), project.id(), null, List.of(),
        repetitions, 1, List.of(), Map.of(), List.of(), ExperimentStatus.COMPLETED, null, examples, now, now, now, now),
        null);
    List<String> ids = store(e, valid, 0);
    return new Recorded(store.findForWork(e.id()).orElse(e), ids);
  }

  @Override
  public List<String> appendRuns(AccessScope scope, String spaceRef, String experimentRef, List<RecordedRun> runs) {
    Experiment e = resolve(scope, spaceRef, experimentRef);
    DatasetVersion version = e.datasetId() == null ? null
        : datasets.version(scope, null, e.datasetId(), e.datasetVersionId());
    Dataset dataset = e.datasetId() == null ? null : datasets.get(scope, null, e.datasetId());
    List<RecordedRun> valid = checkRuns(scope, dataset, version, runs);
    return store(e, valid, store.nextExampleIndex(e.id()));
  }

  private List<String> store(Experiment e, List<RecordedRun> runs, long firstIndex) {
    List<String> ids = new ArrayList<>(runs.size());
    Map<String, Long> index = new HashMap<>();
    for (RecordedRun r : runs) {
      long i = index.computeIfAbsent(r.exampleId(), k -> firstIndex + index.size());
      ExperimentRun run = new ExperimentRun(Ids.newId(clock), e.id(), r.exampleId(), Math.max(1, r.repetition()),
          r.output(), r.error(), r.startTime(), r.endTime(), null, null, null, r.traceId());
      ids.add(store.upsertRun(run, i, r.extra()));
    }
    return ids;
  }

  /** Every run names an example; on a dataset, an example of that version. */
  private List<RecordedRun> checkRuns(AccessScope scope, Dataset dataset, DatasetVersion version,
      List<RecordedRun> runs) {
    if (runs == null) {
      return List.of();
    }
    for (int i = 0; i < runs.size(); i++) {
      if (runs.get(i) == null || runs.get(i).exampleId() == null || runs.get(i).exampleId().isBlank()) {
        throw new InvalidInputException("runs[" + i + "].example_id is required");
      }
    }
    if (dataset != null && version != null) {
      Set<String> known = new HashSet<>();
      for (Example x : datasets.examples(scope, dataset.id(), version.id(), List.of())) {
        known.add(x.id());
      }
      Set<String> unknown = new LinkedHashSet<>();
      runs.stream().map(RecordedRun::exampleId).filter(id -> !known.contains(id)).forEach(unknown::add);
      if (!unknown.isEmpty()) {
        throw new InvalidInputException("example_id: not in dataset '" + dataset.name() + "': "
            + String.join(", ", unknown.stream().limit(10).toList()));
      }
    }
    return runs;
  }

  @Override
  public Experiment resume(AccessScope scope, String spaceRef, String experimentRef) {
    Experiment e = resolve(scope, spaceRef, experimentRef);
    if (e.task() == null) {
      throw new ConflictException("experiment '" + e.name() + "' was recorded by a client; there is nothing to run");
    }
    var t = store.transition(e.id(), EnumSet.of(ExperimentStatus.PENDING, ExperimentStatus.RUNNING,
        ExperimentStatus.FAILED, ExperimentStatus.CANCELLED), ExperimentStatus.PENDING, null, runJob(e.id()),
        clock.instant()).orElseThrow(() -> new NotFoundException("experiment '" + experimentRef + "' not found"));
    if (!t.moved()) {
      throw new ConflictException("experiment '" + e.name() + "' is " + t.experiment().status()
          + "; only an unfinished experiment can be resumed");
    }
    return t.experiment();
  }

  @Override
  public Experiment cancel(AccessScope scope, String spaceRef, String experimentRef) {
    Experiment e = resolve(scope, spaceRef, experimentRef);
    if (e.status() == ExperimentStatus.CANCELLED) {
      return e;
    }
    var t = store.transition(e.id(), EnumSet.of(ExperimentStatus.PENDING, ExperimentStatus.RUNNING),
        ExperimentStatus.CANCELLED, "cancelled", null, clock.instant())
        .orElseThrow(() -> new NotFoundException("experiment '" + experimentRef + "' not found"));
    if (!t.moved() && t.experiment().status() != ExperimentStatus.CANCELLED) {
      throw new ConflictException("experiment '" + e.name() + "' is " + t.experiment().status()
          + "; only a pending or running experiment can be cancelled");
    }
    return t.experiment();
  }

  @Override
  public Experiment setLabels(AccessScope scope, String spaceRef, String experimentRef, List<String> labels) {
    Experiment e = resolve(scope, spaceRef, experimentRef);
    return store.setLabels(e.id(), labels(labels), clock.instant());
  }

  static List<String> labels(Collection<String> labels) {
    List<String> out = new ArrayList<>();
    for (String l : labels == null ? List.<String>of() : labels) {
      if (l == null || l.isBlank() || l.strip().length() > MAX_LABEL) {
        throw new InvalidInputException("labels: each label is 1 to " + MAX_LABEL + " characters, got '" + l + "'");
      }
      if (!out.contains(l.strip())) {
        out.add(l.strip());
      }
    }
    return out;
  }
}
