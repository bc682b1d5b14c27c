import { useEffect } from "react";
import { NavLink, useParams } from "react-router";
import { api, unwrap } from "../api/client";
import { useApi } from "../api/useApi";
import { AREAS, type Area } from "../areas";
import { AsyncContent } from "../components/AsyncContent";
import { NotAvailable } from "../components/NotAvailable";
import { PageHeader } from "../components/PageHeader";
import { rememberProject } from "../currentProject";
import { projectPath } from "../urls";

/** One area (Traces, Sessions) of one project: `/projects/:projectId/<area>`. */
export function ProjectAreaPage({ area }: { area: Area }) {
  const projectId = useParams().projectId!;
  const { state, retry } = useApi(
    (signal) => unwrap(api.GET("/v2/projects/{project_id}", { params: { path: { project_id: projectId } }, signal })),
    [projectId],
  );
  useEffect(() => {
    if (state.status === "ok") {
      rememberProject(projectId);
    }
  }, [state.status, projectId]);

  return (
    <AsyncContent what="the project" state={state} onRetry={retry}>
      {(project) => (
        <>
          <PageHeader title={area.title} context={project.name} description={area.summary} />
          <nav className="tabs" aria-label="Project areas">
            {AREAS.filter((a) => a.scope === "project").map((a) => (
              <NavLink key={a.key} to={projectPath(projectId, a.key)}>
                {a.title}
              </NavLink>
            ))}
          </nav>
          <NotAvailable area={area} />
        </>
      )}
    </AsyncContent>
  );
}
