import type { ReactNode } from "react";
import type { Loadable } from "../api/useApi";
import { ErrorState } from "./ErrorState";
import { LoadingState } from "./LoadingState";

interface Props<T> {
  what: string;
  state: Loadable<T>;
  onRetry: () => void;
  children: (data: T) => ReactNode;
}

/** Renders the loading, error or loaded state of one API call. */
export function AsyncContent<T>({ what, state, onRetry, children }: Props<T>) {
  switch (state.status) {
    case "loading":
      return <LoadingState what={what} />;
    case "error":
      return <ErrorState what={what} error={state.error} onRetry={onRetry} />;
    case "ok":
      return <>{children(state.data)}</>;
  }
}
