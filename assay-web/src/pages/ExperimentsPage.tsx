import { Link, useSearchParams } from "react-router";
import { listExperiments } from "../api/experiments";
import { useApi } from "../api/useApi";
import { areaSummary } from "../areas";
import { AsyncContent } from "../components/AsyncContent";
import { CursorPager } from "../components/CursorPager";
import { EmptyState } from "../components/EmptyState";
import { PageHeader } from "../components/PageHeader";
import { SearchBox } from "../components/SearchBox";
import { DatasetName } from "../experiments/DatasetName";
import { ExperimentsTable } from "../experiments/ExperimentsTable";

/** All experiments, or one dataset's (`?dataset=`), newest first; `?name=` filters, `?cursor=` pages. */
export function ExperimentsPage() {
  const [params] = useSearchParams();
  const dataset = params.get("dataset") ?? undefined;
  const name = params.get("name") ?? undefined;
  const cursor = params.get("cursor") ?? undefined;
  const { state, retry } = useApi(
    (signal) => listExperiments({ dataset_id: dataset, name, cursor, limit: 50 }, signal),
    [dataset, name, cursor],
  );
  return (
    <>
      <PageHeader
        title="Experiments"
        context={dataset ? <DatasetName id={dataset} /> : undefined}
        description={areaSummary("experiments")}
      />
      <div className="list-toolbar">
        <SearchBox param="name" label="Filter by name" />
        {dataset && <Link to="/experiments">All experiments</Link>}
      </div>
      <AsyncContent what="experiments" state={state} onRetry={retry}>
        {({ experiments, pagination }) =>
          experiments.length === 0 && !cursor ? (
            <EmptyState title="No experiments yet">
              <p>
                Run one with <code>assay experiments run</code> or <code>assay eval -c assay.yaml</code>: a task under test over a
                dataset, scored by evaluators.
              </p>
            </EmptyState>
          ) : (
            <>
              <ExperimentsTable experiments={experiments} showDataset={!dataset} />
              <CursorPager nextCursor={pagination.next_cursor} hasMore={pagination.has_more} />
            </>
          )
        }
      </AsyncContent>
    </>
  );
}
