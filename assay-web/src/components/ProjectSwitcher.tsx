import { useMatch, useNavigate } from "react-router";
import { api, unwrap } from "../api/client";
import { useApi } from "../api/useApi";
import { rememberProject, useCurrentProjectId } from "../currentProject";
import { projectPath } from "../urls";
import { ErrorState } from "./ErrorState";

/** How many projects the switcher lists; the Projects page pages through all of them. */
const LIMIT = 100;

/** Picks the current project: selecting one opens it (same area, or Traces) and remembers it. */
export function ProjectSwitcher() {
  const navigate = useNavigate();
  const current = useCurrentProjectId();
  const area = useMatch("/projects/:projectId/:area/*")?.params.area ?? "traces";
  const { state, retry } = useApi(
    (signal) => unwrap(api.GET("/v2/projects", { params: { query: { limit: LIMIT } }, signal })),
    [],
  );

  if (state.status === "error") {
    return <ErrorState what="Projects" error={state.error} onRetry={retry} compact />;
  }
  const projects = state.status === "ok" ? state.data.projects : [];
  const known = projects.some((project) => project.id === current);
  return (
    <label className="project-switcher">
      <span>Project</span>
      <select
        value={known && current ? current : ""}
        disabled={state.status === "loading" || projects.length === 0}
        onChange={(event) => {
          const id = event.target.value;
          rememberProject(id);
          navigate(projectPath(id, area));
        }}
      >
        <option value="" disabled>
          {state.status === "loading" ? "Loading projects…" : projects.length === 0 ? "No projects yet" : "Choose a project"}
        </option>
        {projects.map((project) => (
          <option key={project.id} value={project.id}>
            {project.name}
          </option>
        ))}
      </select>
    </label>
  );
}
