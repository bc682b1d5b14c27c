import { Outlet } from "react-router";
import { AccountMenu } from "./AccountMenu";
import { ProjectSwitcher } from "./ProjectSwitcher";
import { Sidebar } from "./Sidebar";
import { ThemeToggle } from "./ThemeToggle";

/** The frame of every page: navigation on the left, project switcher, theme and (with authentication on) the account on top. */
export function Layout() {
  return (
    <div className="shell">
      <Sidebar />
      <div className="main-column">
        <div className="topbar">
          <ProjectSwitcher />
          <ThemeToggle />
          <AccountMenu />
        </div>
        <main className="content">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
