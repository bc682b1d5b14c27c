import { useMemo, type ReactNode } from "react";
import { useSearchParams } from "react-router";
import { DataTable, type Column } from "../components/DataTable";
import { EmptyState } from "../components/EmptyState";
import { ErrorState } from "../components/ErrorState";
import { LoadingState } from "../components/LoadingState";
import { formatCount } from "../format";
import { FilterBar, ScrollSentinel } from "./ListControls";
import { readRange, resolveRange } from "./timeRange";
import type { InfiniteList } from "./useInfiniteList";

/** Runs the list's query again, with a window that ends now. */
export function RefreshButton({ onRefresh }: { onRefresh: () => void }) {
  return (
    <button type="button" className="button" onClick={onRefresh}>
      Refresh
    </button>
  );
}

/**
 * The list's query from the URL. A preset window ends at the moment the query is made and stays fixed
 * while later pages load, so pages do not shift; Refresh (`refreshes`) makes it again, ending now.
 */
export function useListQuery(projectId: string, refreshes: number) {
  const [params] = useSearchParams();
  const filter = params.get("filter") ?? undefined;
  const range = readRange(params);
  const key = JSON.stringify([projectId, filter, range, refreshes]);
  const query = useMemo(
    () => ({ project_id: projectId, filter, ...resolveRange(range, Date.now()) }),
    // key names everything the query is made of
    [key],
  );
  return { key, query, filtered: Boolean(filter) };
}

interface TableProps<T> {
  label: string;
  what: string;
  list: InfiniteList<T>;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  filtered: boolean;
  /** Controls shown under the filter bar (the evaluation filter). */
  controls?: ReactNode;
}

/** The filter bar over a list that grows by pages as its end scrolls into view. */
export function InfiniteTable<T>({ label, what, list, columns, rowKey, filtered, controls }: TableProps<T>) {
  // A 400 is the server rejecting the filter (or the window): shown at the filter, the rows stay.
  const filterError = list.error && list.error.problem.status === 400 ? list.error : null;
  const otherError = list.error && !filterError ? list.error : null;
  return (
    <>
      <FilterBar error={filterError} busy={list.refreshing && list.initial === "done"} />
      {controls}
      {otherError && <ErrorState what={what} error={otherError} onRetry={list.retry} />}
      {list.initial === "loading" ? (
        <LoadingState what={what} />
      ) : list.items.length === 0 && !list.error ? (
        <EmptyState title={filtered ? `No ${what} match this filter in this time range` : `No ${what} in this time range`}>
          <p>Try a longer time range{filtered ? " or another filter" : ""}.</p>
        </EmptyState>
      ) : list.items.length > 0 ? (
        <>
          <DataTable label={label} columns={columns} rows={list.items} rowKey={rowKey} dense />
          <div className="list-footer">
            {list.moreError ? (
              <ErrorState what={`more ${what}`} error={list.moreError} onRetry={list.retry} />
            ) : list.loadingMore ? (
              <LoadingState what={`more ${what}`} />
            ) : list.hasMore ? (
              <button type="button" className="button" onClick={list.loadMore}>
                Load more
              </button>
            ) : (
              <span className="muted">
                All {formatCount(list.items.length)} {list.items.length === 1 ? what.replace(/s$/, "") : what} shown
              </span>
            )}
          </div>
          {list.hasMore && <ScrollSentinel onVisible={list.loadMore} version={list.items.length} />}
        </>
      ) : null}
    </>
  );
}
