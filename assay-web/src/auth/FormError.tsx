import type { ApiError } from "../api/client";

/** A form's failure: the server's problem title and detail (a 401 says why, a 403 names the role). */
export function FormError({ error }: { error: ApiError | string | null }) {
  if (!error) return null;
  if (typeof error === "string") {
    return (
      <p className="filter-error" role="alert">
        {error}
      </p>
    );
  }
  const { title, detail, status } = error.problem;
  return (
    <div className="filter-error" role="alert">
      <strong>{title}</strong>
      {status > 0 && <span className="status-code"> (HTTP {status})</span>}
      {detail && <div>{detail}</div>}
    </div>
  );
}
