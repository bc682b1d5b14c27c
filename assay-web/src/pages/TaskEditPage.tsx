import { Link, useParams } from "react-router";
import { getTask } from "../api/tasks";
import { useApi } from "../api/useApi";
import { AsyncContent } from "../components/AsyncContent";
import { ProjectFrame } from "../components/ProjectFrame";
import { loadCatalog } from "../tasks/catalog";
import { TaskForm } from "../tasks/TaskForm";
import { projectPath, taskPath } from "../urls";

/** Create (`/projects/:id/tasks/new`) or edit (`/projects/:id/tasks/:taskId/edit`) a task. */
export function TaskEditPage() {
  const { projectId, taskId } = useParams() as { projectId: string; taskId?: string };
  const catalog = useApi((signal) => loadCatalog(signal), []);
  const task = useApi((signal) => (taskId ? getTask(taskId, signal) : Promise.resolve(null)), [taskId]);
  return (
    <ProjectFrame
      projectId={projectId}
      title={taskId ? "Edit task" : "New task"}
      description={
        <>
          <Link to={taskId ? taskPath(projectId, taskId) : projectPath(projectId, "tasks")}>
            {taskId ? "Back to the task" : "Back to the tasks"}
          </Link>
          {" · "}Evaluators of one scope, their column mappings and filters, sampling and continuous evaluation.
        </>
      }
      tabs={false}
    >
      {() => (
        <AsyncContent what="evaluators" state={catalog.state} onRetry={catalog.retry}>
          {(entries) => (
            <AsyncContent what="the task" state={task.state} onRetry={task.retry}>
              {(existing) => <TaskForm key={existing?.updated_at ?? "new"} projectId={projectId} catalog={entries} task={existing ?? undefined} />}
            </AsyncContent>
          )}
        </AsyncContent>
      )}
    </ProjectFrame>
  );
}
