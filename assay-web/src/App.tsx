import { Navigate, Route, Routes } from "react-router";
import { Layout } from "./components/Layout";
import { AREAS } from "./areas";
import { ComparePage } from "./pages/ComparePage";
import { DatasetPage } from "./pages/DatasetPage";
import { DatasetsPage } from "./pages/DatasetsPage";
import { ExperimentPage } from "./pages/ExperimentPage";
import { ExperimentsPage } from "./pages/ExperimentsPage";
import { PromptEditPage } from "./pages/PromptEditPage";
import { PromptPage } from "./pages/PromptPage";
import { PromptsPage } from "./pages/PromptsPage";
import { AreaPage } from "./pages/AreaPage";
import { EvaluatorEditPage } from "./pages/EvaluatorEditPage";
import { EvaluatorsPage } from "./pages/EvaluatorsPage";
import { ModelsPage } from "./pages/ModelsPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { ProjectsPage } from "./pages/ProjectsPage";
import { SessionPage } from "./pages/SessionPage";
import { SessionsPage } from "./pages/SessionsPage";
import { TaskEditPage } from "./pages/TaskEditPage";
import { TaskPage } from "./pages/TaskPage";
import { TasksPage } from "./pages/TasksPage";
import { TracePage } from "./pages/TracePage";
import { TracesPage } from "./pages/TracesPage";

/** The route table: every view has a URL, so every view can be linked to and reloaded. */
export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Navigate to="/projects" replace />} />
        <Route path="projects" element={<ProjectsPage />} />
        <Route path="projects/:projectId" element={<Navigate to="traces" replace />} />
        <Route path="projects/:projectId/traces" element={<TracesPage />} />
        <Route path="projects/:projectId/traces/:traceId" element={<TracePage />} />
        <Route path="projects/:projectId/sessions" element={<SessionsPage />} />
        <Route path="projects/:projectId/sessions/:sessionId" element={<SessionPage />} />
        <Route path="projects/:projectId/tasks" element={<TasksPage />} />
        <Route path="projects/:projectId/tasks/new" element={<TaskEditPage />} />
        <Route path="projects/:projectId/tasks/:taskId" element={<TaskPage />} />
        <Route path="projects/:projectId/tasks/:taskId/edit" element={<TaskEditPage />} />
        <Route path="evaluators" element={<EvaluatorsPage />} />
        <Route path="evaluators/new" element={<EvaluatorEditPage />} />
        <Route path="evaluators/:evaluatorId" element={<EvaluatorEditPage />} />
        <Route path="models" element={<ModelsPage />} />
        <Route path="datasets" element={<DatasetsPage />} />
        <Route path="datasets/:datasetId" element={<DatasetPage />} />
        <Route path="prompts" element={<PromptsPage />} />
        <Route path="prompts/new" element={<PromptEditPage />} />
        <Route path="prompts/:promptId" element={<PromptPage />} />
        <Route path="prompts/:promptId/new-version" element={<PromptEditPage />} />
        <Route path="experiments" element={<ExperimentsPage />} />
        <Route path="experiments/:experimentId" element={<ExperimentPage />} />
        <Route path="experiments/:experimentId/compare" element={<ComparePage />} />
        {AREAS.filter((area) => area.scope === "global" && area.planned.length > 0).map((area) => (
          <Route key={area.key} path={area.key} element={<AreaPage area={area} />} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
