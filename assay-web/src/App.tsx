import { Navigate, Route, Routes } from "react-router";
import { Layout } from "./components/Layout";
import { AREAS } from "./areas";
import { AreaPage } from "./pages/AreaPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { ProjectAreaPage } from "./pages/ProjectAreaPage";
import { ProjectsPage } from "./pages/ProjectsPage";

/** The route table: every view has a URL, so every view can be linked to and reloaded. */
export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Navigate to="/projects" replace />} />
        <Route path="projects" element={<ProjectsPage />} />
        <Route path="projects/:projectId" element={<Navigate to="traces" replace />} />
        {AREAS.filter((area) => area.scope === "project").map((area) => (
          <Route key={area.key} path={`projects/:projectId/${area.key}`} element={<ProjectAreaPage area={area} />} />
        ))}
        {AREAS.filter((area) => area.scope === "global").map((area) => (
          <Route key={area.key} path={area.key} element={<AreaPage area={area} />} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
