package dev.assay.store;

import dev.assay.auth.AccessScope;
import dev.assay.eval.SubjectKind;
import dev.assay.jobs.NewJob;
import dev.assay.query.Filter;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.tasks.PendingTarget;
import dev.assay.tasks.RunChunk;
import dev.assay.tasks.TargetQuery;
import dev.assay.tasks.Task;
import dev.assay.tasks.TaskQuery;
import dev.assay.tasks.TaskRun;
import dev.assay.tasks.TaskRunQuery;
import dev.assay.tasks.TaskRunStatus;
import dev.assay.tasks.TaskStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/** CONTRACT PLACEHOLDER — replaced by the store work of issue 6. */
final class JdbcTaskStore implements TaskStore {
  private final Jdbi jdbi;
  private final Dialect dialect;
  private final Clock clock;
  private final JdbcJobQueue jobs;

  JdbcTaskStore(Jdbi jdbi, Dialect dialect, Clock clock, JdbcJobQueue jobs) {
    this.jdbi = jdbi;
    this.dialect = dialect;
    this.clock = clock;
    this.jobs = jobs;
  }

  private static UnsupportedOperationException todo() {
    return new UnsupportedOperationException("issue 6: JdbcTaskStore");
  }

  @Override public Task insert(AccessScope scope, Task task) { throw todo(); }
  @Override public Optional<Task> find(AccessScope scope, String id) { throw todo(); }
  @Override public Page<Task> list(AccessScope scope, TaskQuery query, PageRequest page) { throw todo(); }
  @Override public Task update(AccessScope scope, Task task) { throw todo(); }
  @Override public boolean delete(AccessScope scope, String id) { throw todo(); }
  @Override public Optional<Task> findForWork(String id) { throw todo(); }
  @Override public List<Task> continuousTasks(String projectId) { throw todo(); }
  @Override public Set<String> projectsWithContinuousTasks() { return Set.of(); }
  @Override public void pause(String taskId, String reason, String configId, Instant at) { throw todo(); }
  @Override public int resume(Collection<String> taskIds) { throw todo(); }
  @Override public List<String> pausedBy(String configId) { throw todo(); }
  @Override public TaskRun insertRun(TaskRun run, NewJob planJob) { throw todo(); }
  @Override public Optional<TaskRun> findRun(AccessScope scope, String runId) { throw todo(); }
  @Override public Optional<TaskRun> findRunForWork(String runId) { throw todo(); }
  @Override public Page<TaskRun> listRuns(AccessScope scope, TaskRunQuery query, PageRequest page) { throw todo(); }
  @Override public Optional<TaskRun> latestRun(String taskId) { throw todo(); }
  @Override public TaskRun planRun(String runId, List<List<String>> chunks, long numTargets,
      Function<RunChunk, NewJob> jobFor, String emptyReason, Instant now) { throw todo(); }
  @Override public Optional<RunChunk> findChunk(String runId, int chunkNo) { throw todo(); }
  @Override public TaskRun finishChunk(String runId, int chunkNo, long successes, long errors, long skipped,
      Instant now) { throw todo(); }
  @Override public TaskRun endRun(String runId, TaskRunStatus status, String reason, Instant now) { throw todo(); }
  @Override public void upsertPending(List<PendingTarget> targets) { throw todo(); }
  @Override public List<PendingTarget> takeDuePending(Instant now, int max,
      Function<List<PendingTarget>, List<NewJob>> toJobs) { return List.of(); }
  @Override public Page<String> targetIds(TargetQuery query, PageRequest page) { throw todo(); }
  @Override public long countTargets(TargetQuery query) { throw todo(); }
  @Override public Set<String> matching(String projectId, SubjectKind scope, Filter filter,
      Collection<String> targetIds) { throw todo(); }
}
