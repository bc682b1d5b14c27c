import { Outlet } from "react-router";
import { ProjectSwitcher } from "./ProjectSwitcher";
import { Sidebar } from "./Sidebar";
import { ThemeToggle } from "./ThemeToggle";

/** The frame of every page: navigation on the left, project switcher and theme on top. */
export function Layout() {
  return (
    <div className="shell">
      <Sidebar />
      <div className="main-column">
        <div className="topbar">
          <ProjectSwitcher />
          <ThemeToggle />
        </div>
        <main className="content">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
