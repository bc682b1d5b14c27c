import { useMatch } from "react-router";

/** localStorage key of the last project the user opened. */
const KEY = "assay.project";

export function rememberProject(projectId: string): void {
  try {
    localStorage.setItem(KEY, projectId);
  } catch {
    // Storage refused: the switcher still follows the URL.
  }
}

export function rememberedProject(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** The project in the URL (`/projects/:projectId/...`), else the one last opened, else null. */
export function useCurrentProjectId(): string | null {
  const match = useMatch("/projects/:projectId/*");
  return match?.params.projectId ?? rememberedProject();
}
