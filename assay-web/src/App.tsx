import { Navigate, Route, Routes, useLocation, useSearchParams } from "react-router";
import { useAuth } from "./auth/AuthContext";
import { ErrorState } from "./components/ErrorState";
import { LoadingState } from "./components/LoadingState";
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
import { ApiKeysPage } from "./pages/ApiKeysPage";
import { AreaPage } from "./pages/AreaPage";
import { AuditLogPage } from "./pages/AuditLogPage";
import { ChangePasswordForm, ForcedPasswordPage } from "./pages/ChangePasswordPage";
import { LoginPage } from "./pages/LoginPage";
import { SetupPage } from "./pages/SetupPage";
import { SpaceMembersPage } from "./pages/SpaceMembersPage";
import { UsersPage } from "./pages/UsersPage";
import { SettingsFrame } from "./settings/SettingsFrame";
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

/**
 * What the server lets this browser see: in local mode (authentication off) every page, as before; with
 * authentication on, the setup page until the first admin exists, the login page until signed in, the
 * change-password page while the password is temporary, then every page plus the account settings.
 */
export function App() {
  const { auth, reload } = useAuth();
  switch (auth.phase) {
    case "loading":
      return (
        <div className="boot">
          <LoadingState what="Assay" />
        </div>
      );
    case "error":
      return (
        <div className="boot">
          <ErrorState what="Assay" error={auth.error} onRetry={() => void reload()} />
        </div>
      );
    case "setup":
      return (
        <Routes>
          <Route path="setup" element={<SetupPage />} />
          <Route path="*" element={<Navigate to="/setup" replace />} />
        </Routes>
      );
    case "signed-out":
      return (
        <Routes>
          <Route path="login" element={<LoginPage />} />
          <Route path="*" element={<ToLogin />} />
        </Routes>
      );
    case "signed-in":
      return auth.mustChangePassword ? (
        <Routes>
          <Route path="settings/password" element={<ForcedPasswordPage />} />
          <Route path="*" element={<Navigate to="/settings/password" replace />} />
        </Routes>
      ) : (
        <Pages authOn />
      );
    case "local":
      return <Pages authOn={false} />;
  }
}

/** Any page while signed out: the login page, which returns here afterwards (`?next=`). */
function ToLogin() {
  const { pathname, search } = useLocation();
  const next = pathname === "/" || pathname === "/setup" ? "" : `?next=${encodeURIComponent(pathname + search)}`;
  return <Navigate to={`/login${next}`} replace />;
}

/** After signing in: where the login page was asked to return, if that is a page of this UI. */
function AfterLogin() {
  const [params] = useSearchParams();
  const next = params.get("next");
  return <Navigate to={next && next.startsWith("/") && !next.startsWith("//") ? next : "/projects"} replace />;
}

/** The route table: every view has a URL, so every view can be linked to and reloaded. */
function Pages({ authOn }: { authOn: boolean }) {
  return (
    <Routes>
      {authOn && <Route path="login" element={<AfterLogin />} />}
      {authOn && <Route path="setup" element={<Navigate to="/projects" replace />} />}
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
        {authOn && (
          <Route path="settings" element={<SettingsFrame />}>
            <Route index element={<Navigate to="api-keys" replace />} />
            <Route path="users" element={<UsersPage />} />
            <Route path="api-keys" element={<ApiKeysPage />} />
            <Route path="members" element={<SpaceMembersPage />} />
            <Route path="audit-log" element={<AuditLogPage />} />
            <Route path="password" element={<ChangePasswordForm forced={false} />} />
          </Route>
        )}
        {AREAS.filter((area) => area.scope === "global" && area.planned.length > 0 && !(authOn && area.key === "settings")).map((area) => (
          <Route key={area.key} path={area.key} element={<AreaPage area={area} />} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
