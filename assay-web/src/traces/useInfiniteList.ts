import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "../api/client";
import type { Page } from "../api/traces";

export type PageLoader<T> = (cursor: string | undefined, signal: AbortSignal) => Promise<{ items: T[]; pagination: Page }>;

export interface InfiniteList<T> {
  /** Nothing shown yet: the first load of the first query. */
  initial: "loading" | "done";
  items: T[];
  /** A first page is loading for a new query; the rows of the previous query stay until it answers. */
  refreshing: boolean;
  /** The last query's first page failed; `items` still hold the previous query's rows. */
  error: ApiError | null;
  hasMore: boolean;
  loadingMore: boolean;
  moreError: ApiError | null;
  loadMore: () => void;
  retry: () => void;
}

/**
 * Pages through a cursor list, appending each next page (for infinite scroll). When `key` changes the
 * list starts again at the first page; if that fails, the error is reported and the previous rows stay,
 * so a filter that does not parse keeps the last results on screen.
 */
export function useInfiniteList<T>(key: string, load: PageLoader<T>): InfiniteList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [initial, setInitial] = useState<"loading" | "done">("loading");
  const [refreshing, setRefreshing] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [cursor, setCursor] = useState<string | undefined>();
  const [hasMore, setHasMore] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);
  const moreController = useRef<AbortController | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const mine = ++generation.current;
    moreController.current?.abort();
    setLoadingMore(false);
    setMoreError(null);
    setRefreshing(true);
    loadRef.current(undefined, controller.signal).then(
      ({ items: first, pagination }) => {
        if (controller.signal.aborted || mine !== generation.current) return;
        setItems(first);
        setCursor(pagination.next_cursor ?? undefined);
        setHasMore(Boolean(pagination.has_more && pagination.next_cursor));
        setError(null);
        setRefreshing(false);
        setInitial("done");
      },
      (e: unknown) => {
        if (controller.signal.aborted || mine !== generation.current) return;
        setError(asApiError(e));
        setRefreshing(false);
        setInitial("done");
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  const loadMore = useCallback(() => {
    if (!hasMore || loadingMore || moreError || refreshing || error || !cursor) return;
    const controller = new AbortController();
    moreController.current = controller;
    const mine = generation.current;
    setLoadingMore(true);
    loadRef.current(cursor, controller.signal).then(
      ({ items: next, pagination }) => {
        if (controller.signal.aborted || mine !== generation.current) return;
        setItems((previous) => [...previous, ...next]);
        setCursor(pagination.next_cursor ?? undefined);
        setHasMore(Boolean(pagination.has_more && pagination.next_cursor));
        setLoadingMore(false);
      },
      (e: unknown) => {
        if (controller.signal.aborted || mine !== generation.current) return;
        setMoreError(asApiError(e));
        setLoadingMore(false);
      },
    );
  }, [hasMore, loadingMore, moreError, refreshing, error, cursor]);

  const retry = useCallback(() => {
    if (moreError) {
      setMoreError(null);
    } else {
      setAttempt((n) => n + 1);
    }
  }, [moreError]);

  return { initial, items, refreshing, error, hasMore, loadingMore, moreError, loadMore, retry };
}

function asApiError(e: unknown): ApiError {
  return e instanceof ApiError
    ? e
    : new ApiError({ title: "Unexpected error", status: 0, detail: e instanceof Error ? e.message : String(e) });
}
