import { useEffect, type ReactNode } from "react";
import { ThemeToggle } from "../components/ThemeToggle";

/** The frame of the sign-in pages: no navigation (nothing is reachable yet), one card in the middle. */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Assay`;
  }, [title]);
  return (
    <div className="auth-shell">
      <div className="auth-theme">
        <ThemeToggle />
      </div>
      <main className="auth-card">
        <div className="brand auth-brand">
          <span className="brand-mark" aria-hidden="true">A</span> Assay
        </div>
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}
