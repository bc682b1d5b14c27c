import { useState } from "react";
import { ApiError } from "../api/client";
import { asApiError } from "../api/raw";

/**
 * One row's actions on the settings pages: runs an API call, shows it busy, keeps the server's problem for display
 * and reloads the list when the call succeeded.
 */
export function useRowAction(onChanged: () => void) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onChanged();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return { act, busy, error };
}
