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
import dev.assay.traces.SpanCommitJobs;
import dev.assay.traces.SpanStore;
import dev.assay.traces.TraceStore;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/** The {@link Store} over DuckDB or PostgreSQL through Jdbi. */
public final class JdbcStore implements Store {
  private final Database database;
  private final JdbcSpaceStore spaces;
  private final JdbcProjectStore projects;
  private final JdbcSpanStore spans;
  private final JdbcTraceStore traces;
  private final JdbcEvaluationStore evaluations;
  private final JdbcEvaluatorStore evaluators;
  private final JdbcJobQueue jobs;
  private final JdbcTaskStore tasks;
  private final JdbcDatasetStore datasets;
  private final JdbcPromptStore prompts;
  private final JdbcExperimentStore experiments;
  private final JdbcModelConfigStore modelConfigs;
  private final JdbcAuthStore auth;
  private final JdbcAuditStore audit;
  private final AtomicBoolean closed = new AtomicBoolean();

  public JdbcStore(Database database, Clock clock) {
    if (database == null || clock == null) {
      throw new NullPointerException("database and clock are required");
    }
    this.database = database;
    // Shared: deleting a space forgets the names of the projects it held.
    ProjectNameCache projectsByName = new ProjectNameCache();
    this.spaces = new JdbcSpaceStore(database.jdbi(), clock, projectsByName);
    this.projects = new JdbcProjectStore(database.jdbi(), clock, projectsByName);
    this.spans = new JdbcSpanStore(database.jdbi(), database.dialect());
    this.traces = new JdbcTraceStore(database.jdbi(), database.dialect(), clock);
    this.evaluations = new JdbcEvaluationStore(database.jdbi(), database.dialect(), clock);
    this.evaluators = new JdbcEvaluatorStore(database.jdbi(), database.dialect(), clock);
    this.jobs = new JdbcJobQueue(database.jdbi(), database.dialect(), clock);
    this.modelConfigs = new JdbcModelConfigStore(database.jdbi(), database.dialect(), clock);
    this.tasks = new JdbcTaskStore(database.jdbi(), database.dialect(), clock, jobs);
    this.datasets = new JdbcDatasetStore(database.jdbi(), database.dialect(), clock);
    this.prompts = new JdbcPromptStore(database.jdbi(), database.dialect(), clock);
    this.experiments = new JdbcExperimentStore(database.jdbi(), database.dialect(), clock, jobs);
    this.auth = new JdbcAuthStore(database.jdbi(), clock);
    this.audit = new JdbcAuditStore(database.jdbi());
  }

  /**
   * Opens the database, applies pending migrations and returns the store.
   *
   * @throws StoreOpenException when the database cannot be opened
   * @throws MigrationException when the schema cannot be brought to this version
   */
  public static JdbcStore open(DatabaseTarget target, int poolSize, Clock clock) {
    Database database = Database.open(target, poolSize);
    try {
      new Migrator(database.jdbi(), database.dialect(), clock).migrate();
      return new JdbcStore(database, clock);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /**
   * The span writer's sink over this store: {@code commitJobs} are enqueued in each span commit, and this process's
   * job workers are woken after it.
   */
  public JdbcSpanSink spanSink(SpanCommitJobs commitJobs, Clock clock) {
    return new JdbcSpanSink(database.dialect(), clock, commitJobs, jobs::notifyListeners);
  }

  public Database database() {
    return database;
  }

  @Override
  public Dialect dialect() {
    return database.dialect();
  }

  @Override
  public SpaceStore spaces() {
    return spaces;
  }

  @Override
  public ProjectStore projects() {
    return projects;
  }

  @Override
  public SpanStore spans() {
    return spans;
  }

  @Override
  public TraceStore traces() {
    return traces;
  }

  @Override
  public EvaluationStore evaluations() {
    return evaluations;
  }

  @Override
  public EvaluatorStore evaluators() {
    return evaluators;
  }

  @Override
  public ModelConfigStore modelConfigs() {
    return modelConfigs;
  }

  @Override
  public JobQueue jobs() {
    return jobs;
  }

  @Override
  public TaskStore tasks() {
    return tasks;
  }

  @Override
  public DatasetStore datasets() {
    return datasets;
  }

  @Override
  public PromptStore prompts() {
    return prompts;
  }

  @Override
  public ExperimentStore experiments() {
    return experiments;
  }

  @Override
  public AuthStore auth() {
    return auth;
  }

  @Override
  public AuditStore audit() {
    return audit;
  }

  @Override
  public void check() {
    database.check();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      database.close();
    }
  }
}
