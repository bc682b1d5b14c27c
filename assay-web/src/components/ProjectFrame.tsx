import { useEffect, type ReactNode } from "react";
import { NavLink } from "react-router";
import { api, unwrap, type Schemas } from "../api/client";
import { useApi } from "../api/useApi";
import { AREAS } from "../areas";
import { rememberProject } from "../currentProject";
import { projectPath } from "../urls";
import { AsyncContent } from "./AsyncContent";
import { PageHeader } from "./PageHeader";

interface Props {
  projectId: string;
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  /** Shown above the project's name, e.g. a link back to the list. */
  children: (project: Schemas["Project"]) => ReactNode;
  /** Area tabs are shown on the area pages, not on one trace or session. */
  tabs?: boolean;
}

/** The frame of a project page: loads the project (404 when unknown), its name as context, area tabs. */
export function ProjectFrame({ projectId, title, description, actions, children, tabs = true }: Props) {
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
          <PageHeader title={title} context={project.name} description={description} actions={actions} />
          {tabs && (
            <nav className="tabs" aria-label="Project areas">
              {AREAS.filter((a) => a.scope === "project").map((a) => (
                <NavLink key={a.key} to={projectPath(projectId, a.key)} end={false}>
                  {a.title}
                </NavLink>
              ))}
            </nav>
          )}
          {children(project)}
        </>
      )}
    </AsyncContent>
  );
}
