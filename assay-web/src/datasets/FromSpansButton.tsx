import { useMemo, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { resolveRange, readRange } from "../traces/timeRange";
import { datasetPath } from "../urls";
import { FromSpansDialog } from "./FromSpansDialog";

/** On a project's Traces/Spans page: turns the spans the current filter and window select into a dataset. */
export function FromSpansButton({ projectId }: { projectId: string }) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const filter = params.get("filter") ?? undefined;
  // The window is resolved when the dialog opens, so "last hour" means the hour before the click.
  const fixed = useMemo(() => ({ projectId, filter, ...resolveRange(readRange(params), Date.now()) }), [open, projectId, params]);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Create dataset
      </button>
      {open && <FromSpansDialog fixed={fixed} onClose={() => setOpen(false)} onDone={(r) => navigate(datasetPath(r.dataset.id))} />}
    </>
  );
}
