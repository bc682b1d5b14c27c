import type { ApiError } from "../api/client";

interface Props {
  /** What could not be loaded, e.g. "projects". */
  what: string;
  error: ApiError;
  onRetry?: () => void;
  /** One line, for small places such as the project switcher; the detail shows on hover. */
  compact?: boolean;
}

/** A failed load: the server's problem title and detail, and a way to try again. */
export function ErrorState({ what, error, onRetry, compact }: Props) {
  const { title, detail, status } = error.problem;
  if (compact) {
    return (
      <span className="state-error compact" role="alert" title={detail}>
        {what} unavailable: {title}
        {onRetry && (
          <button type="button" className="link-button" onClick={onRetry}>
            Retry
          </button>
        )}
      </span>
    );
  }
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">
        Could not load {what}: {title}
        {status > 0 && <span className="status-code"> (HTTP {status})</span>}
      </p>
      {detail && <p className="state-detail">{detail}</p>}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
