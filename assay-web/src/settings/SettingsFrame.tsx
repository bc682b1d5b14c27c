import { NavLink, Outlet } from "react-router";
import { areaSummary } from "../areas";
import { usePermissions } from "../auth/AuthContext";
import { PageHeader } from "../components/PageHeader";

/**
 * Settings with authentication on: one tab per page. Users and the audit log are for account admins;
 * their tabs are hidden from others (the server refuses them with a 403 anyway).
 */
export function SettingsFrame() {
  const { accountAdmin } = usePermissions();
  const tabs = [
    accountAdmin && { to: "users", label: "Users" },
    { to: "api-keys", label: "API keys" },
    { to: "members", label: "Space members" },
    accountAdmin && { to: "audit-log", label: "Audit log" },
    { to: "password", label: "Password" },
  ].filter((tab): tab is { to: string; label: string } => !!tab);
  return (
    <>
      <PageHeader title="Settings" description={areaSummary("settings")} />
      <nav className="tabs" aria-label="Settings">
        {tabs.map((tab) => (
          <NavLink key={tab.to} to={`/settings/${tab.to}`}>
            {tab.label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </>
  );
}
