import { Link, useParams, useSearchParams } from "react-router";
import { listTasks, type Task } from "../api/tasks";
import { useApi } from "../api/useApi";
import { areaSummary } from "../areas";
import { AsyncContent } from "../components/AsyncContent";
import { CursorPager } from "../components/CursorPager";
import { DataTable, type Column } from "../components/DataTable";
import { EmptyState } from "../components/EmptyState";
import { ProjectFrame } from "../components/ProjectFrame";
import { formatTime } from "../format";
import { TaskBadges, formatRate } from "../tasks/TaskFacts";
import { newTaskPath, taskPath } from "../urls";
import { useCanWrite } from "../auth/AuthContext";

/** The tasks of a project (`?cursor=` pages them): what each evaluates, how, and when it last ran. */
export function TasksPage() {
  const projectId = useParams().projectId!;
  const [params] = useSearchParams();
  const cursor = params.get("cursor") ?? undefined;
  const { state, retry } = useApi((signal) => listTasks({ project_id: projectId, cursor, limit: 50 }, signal), [projectId, cursor]);
  const canWrite = useCanWrite("MEMBER");
  const columns: Column<Task>[] = [
    { header: "Name", wrap: true, cell: (t) => <Link to={taskPath(projectId, t.id)}>{t.name}</Link> },
    { header: "Type", cell: (t) => (t.type === "TEMPLATE_EVALUATION" ? "LLM judge" : "Code") },
    { header: "Scope", cell: (t) => <span className="badge">{t.scope}</span> },
    { header: "Evaluators", wrap: true, cell: (t) => t.evaluators.map((e) => e.evaluator_name).join(", ") },
    { header: "Sampling", numeric: true, cell: (t) => formatRate(t.sampling_rate) },
    { header: "Status", cell: (t) => <TaskBadges task={t} /> },
    { header: "Last run", cell: (t) => formatTime(t.last_run_at, "never") },
  ];
  return (
    <ProjectFrame
      projectId={projectId}
      title="Tasks"
      description={areaSummary("tasks")}
      actions={
        canWrite && <Link className="button primary" to={newTaskPath(projectId)}>
          New task
        </Link>
      }
    >
      {() => (
        <AsyncContent what="tasks" state={state} onRetry={retry}>
          {({ tasks, pagination }) =>
            tasks.length === 0 && !cursor ? (
              <EmptyState title="No tasks in this project yet">
                <p>
                  A task runs evaluators over this project's data: backfill a time window first, check the results on the
                  Traces page, then turn on continuous evaluation.
                </p>
              </EmptyState>
            ) : (
              <>
                <DataTable label="Tasks" columns={columns} rows={tasks} rowKey={(t) => t.id} />
                <CursorPager nextCursor={pagination.next_cursor} hasMore={pagination.has_more} />
              </>
            )
          }
        </AsyncContent>
      )}
    </ProjectFrame>
  );
}
