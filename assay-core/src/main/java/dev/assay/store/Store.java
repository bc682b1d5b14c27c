package dev.assay.store;

import dev.assay.audit.AuditStore;
import dev.assay.auth.AuthStore;
import dev.assay.datasets.DatasetStore;
import dev.assay.eval.EvaluationStore;
import dev.assay.eval.EvaluatorStore;
import dev.assay.experiments.ExperimentStore;
import dev.assay.jobs.JobQueue;
import dev.assay.llm.ModelConfigStore;
import dev.assay.projects.ProjectStore;
import dev.assay.prompts.PromptStore;
import dev.assay.spaces.SpaceStore;
import dev.assay.tasks.TaskStore;
import dev.assay.traces.SpanStore;
import dev.assay.traces.TraceStore;

/**
 * The root of the store: hands out one small role interface per feature (in the manner of Zipkin's
 * {@code StorageComponent}) over one database. Implementations are thread-safe; methods block and
 * are meant to run on virtual threads.
 */
public interface Store extends AutoCloseable {

  Dialect dialect();

  SpaceStore spaces();

  ProjectStore projects();

  SpanStore spans();

  /** Trace and session reads, and deletes of spans, traces and sessions. */
  TraceStore traces();

  EvaluationStore evaluations();

  /** Evaluators and their immutable versions. */
  EvaluatorStore evaluators();

  /** Model provider configs (judge models), with their sealed credentials. */
  ModelConfigStore modelConfigs();

  /** The durable work queue shared by every replica. */
  JobQueue jobs();

  /** Evaluation tasks, their runs and continuous tasks' pending targets. */
  TaskStore tasks();

  /** Datasets, their immutable versions and examples. */
  DatasetStore datasets();

  /** Prompts, their immutable versions and labels. */
  PromptStore prompts();

  /** Experiments and their runs. */
  ExperimentStore experiments();

  /** Users, space memberships, API keys, login sessions and login failures. */
  AuthStore auth();

  /** The audit log of administrative actions. */
  AuditStore audit();

  /**
   * Throws {@link dev.assay.shared.UnavailableException} unless the database answers a query now.
   * Used by readiness checks.
   */
  void check();

  /** Closes the database; idempotent. */
  @Override
  void close();
}
