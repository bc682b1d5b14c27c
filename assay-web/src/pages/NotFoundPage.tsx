import { Link, useLocation } from "react-router";
import { EmptyState } from "../components/EmptyState";
import { PageHeader } from "../components/PageHeader";

/** Any URL the UI does not know. */
export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState title={`There is no page at ${pathname}`}>
        <p>
          <Link to="/projects">Go to the projects</Link>
        </p>
      </EmptyState>
    </>
  );
}
