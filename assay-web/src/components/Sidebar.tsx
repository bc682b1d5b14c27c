import { Link, NavLink } from "react-router";
import { AREAS } from "../areas";
import { useCurrentProjectId } from "../currentProject";
import { projectPath } from "../urls";

/** Navigation to every area; project areas lead to the current project, or to the list to pick one. */
export function Sidebar() {
  const projectId = useCurrentProjectId();
  const projectAreas = AREAS.filter((area) => area.scope === "project");
  const globalAreas = AREAS.filter((area) => area.scope === "global");
  return (
    <nav className="sidebar" aria-label="Main">
      <NavLink to="/projects" className="brand" end>
        <span className="brand-mark" aria-hidden="true">A</span> Assay
      </NavLink>
      <ul>
        <li>
          <NavLink to="/projects" end>
            Projects
          </NavLink>
        </li>
        {projectAreas.map((area) => (
          <li key={area.key}>
            {projectId ? (
              <NavLink to={projectPath(projectId, area.key)}>{area.title}</NavLink>
            ) : (
              <Link to="/projects" title="Choose a project first" className="needs-project">
                {area.title}
              </Link>
            )}
          </li>
        ))}
      </ul>
      <ul>
        {globalAreas.map((area) => (
          <li key={area.key}>
            <NavLink to={`/${area.key}`}>{area.title}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
