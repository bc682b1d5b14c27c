package dev.assay.experiments;

import dev.assay.auth.AccessScope;
import dev.assay.jobs.NewJob;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The store port of experiments and their runs (adapter {@code JdbcExperimentStore}). Reads taking a scope see only
 * experiments in spaces it allows; the {@code …ForWork} methods and the runner's writes act for a stored experiment.
 */
public interface ExperimentStore {

  /**
   * Inserts the experiment (with its labels, taken from the dataset's other experiments) and, when {@code job} is not
   * null, enqueues it in the same transaction.
   *
   * @throws dev.assay.shared.ConflictException when the space has an experiment of that name
   */
  Experiment insert(Experiment experiment, NewJob job);

  Optional<Experiment> find(AccessScope scope, String id);

  Optional<Experiment> findByName(AccessScope scope, String spaceId, String name);

  /** The newest experiment of the dataset carrying {@code label} (one at most: labels are unique per dataset). */
  Optional<Experiment> findByLabel(AccessScope scope, String datasetId, String label);

  default Optional<Experiment> findForWork(String id) {
    return find(AccessScope.unrestricted(), id);
  }

  /** Only the status, for the runner's frequent cancel check (no labels, no JSON); empty when it does not exist. */
  default Optional<ExperimentStatus> status(String id) {
    return findForWork(id).map(Experiment::status);
  }

  /** Newest first; null filters are ignored. */
  Page<Experiment> list(AccessScope scope, String spaceId, String datasetId, String nameContains, PageRequest page);

  /** Deletes the experiment, its labels, runs and the runs' evaluations; false when not visible. */
  boolean delete(AccessScope scope, String id);

  /** Replaces the labels, taking each from the dataset's (or space's) other experiments. */
  Experiment setLabels(String id, List<String> labels, Instant now);

  /**
   * Moves the experiment to {@code to} when its status is one of {@code from}: RUNNING stamps {@code started_at} (the
   * first time), a terminal status stamps {@code finished_at}; PENDING clears the reason and {@code finished_at}.
   * When {@code job} is not null it is enqueued in the same transaction. Returns the experiment as it is now, empty
   * when it does not exist; {@code moved} tells whether the status changed.
   */
  Optional<Transition> transition(String id, Set<ExperimentStatus> from, ExperimentStatus to, String reason,
      NewJob job, Instant now);

  /** The outcome of {@link #transition}. */
  record Transition(Experiment experiment, boolean moved) {}

  /** Sets {@code example_count} (the run set is known once the runner read the dataset version). */
  void setExampleCount(String id, long count);

  /**
   * Stores a run, idempotent on (experiment, example, repetition): a second write of the same key replaces the values
   * and keeps the first id. Returns the stored run's id.
   */
  String upsertRun(ExperimentRun run, long exampleIndex, Map<String, Object> extra);

  /** Stores runs in one transaction, each as {@link #upsertRun} does (the runner writes finished runs in batches). */
  void upsertRuns(List<RunWrite> runs);

  /** One run to write with its place in the run set and its extra columns. */
  record RunWrite(ExperimentRun run, long exampleIndex, Map<String, Object> extra) {}

  /** Every run of the experiment in (example order, repetition). */
  List<ExperimentRun> runs(String experimentId);

  /** A page of the runs in (example order, repetition), with their extra columns. */
  Page<StoredRun> runs(String experimentId, PageRequest page);

  /** The runs with these ids (any order). */
  List<ExperimentRun> runsById(Collection<String> runIds);

  /** The next free example index of an experiment (recorded runs append after it). */
  long nextExampleIndex(String experimentId);

  /** A run as stored, with the columns an AX client recorded with it. */
  record StoredRun(ExperimentRun run, Map<String, Object> extra) {}
}
