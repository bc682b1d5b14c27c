import { useEffect, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { listExamples, type Example } from "../api/datasets";
import { compare, getExperiment, type EvaluatorComparison, type Experiment } from "../api/experiments";
import { useApi } from "../api/useApi";
import { AsyncContent } from "../components/AsyncContent";
import { DataTable, type Column } from "../components/DataTable";
import { EmptyState } from "../components/EmptyState";
import { PageHeader } from "../components/PageHeader";
import { CompareExamples, groupByExample, regressed } from "../experiments/CompareExamples";
import { Histogram } from "../experiments/Histogram";
import { formatDelta, formatP, formatScore } from "../experiments/format";
import { experimentPath } from "../urls";
import { BaselinePicker } from "./ExperimentPage";

const MAX_EXAMPLES = 2_000;

/**
 * The store id inside an API id (`base64("DatasetExample:<id>")`): comparisons name examples by it, while the
 * examples API answers encoded ids.
 */
function storeId(apiId: string): string {
  try {
    const decoded = atob(apiId);
    const colon = decoded.indexOf(":");
    return colon > 0 && /^[A-Za-z]+$/.test(decoded.slice(0, colon)) ? decoded.slice(colon + 1) : apiId;
  } catch {
    return apiId;
  }
}

/** The dataset version's examples (for inputs and expected outputs), up to MAX_EXAMPLES. */
async function examplesOf(experiment: Experiment, signal: AbortSignal): Promise<Map<string, Example>> {
  const byId = new Map<string, Example>();
  if (!experiment.dataset_id) return byId;
  let cursor: string | undefined;
  do {
    const page = await listExamples(experiment.dataset_id, { version_id: experiment.dataset_version_id ?? undefined, cursor, limit: 500 }, signal);
    for (const e of page.examples) {
      byId.set(e.id, e);
      byId.set(storeId(e.id), e);
    }
    cursor = page.pagination.has_more ? page.pagination.next_cursor ?? undefined : undefined;
  } while (cursor && byId.size < 2 * MAX_EXAMPLES); // two keys per example
  return byId;
}

/**
 * An experiment against a baseline (`?baseline=`): per evaluator the means, delta and paired p-value, the
 * score distributions, and the examples side by side with regressions highlighted (`?only=regressed`).
 */
export function ComparePage() {
  const experimentId = useParams().experimentId!;
  const [params, setParams] = useSearchParams();
  const baseline = params.get("baseline") ?? "";
  // The checkbox follows the URL (back/forward, reload) but flips at once on a click: the URL update is a
  // navigation React may render later, and a controlled checkbox would show the old state until then.
  const onlyInUrl = params.get("only") === "regressed";
  const [onlyRegressed, setOnlyRegressed] = useState(onlyInUrl);
  useEffect(() => setOnlyRegressed(onlyInUrl), [onlyInUrl]);
  const { state, retry } = useApi(
    async (signal) => {
      const experiment = await getExperiment(experimentId, signal);
      if (!baseline) return { experiment, comparison: null, base: null, examples: new Map<string, Example>() };
      const [comparison, base, examples] = await Promise.all([
        compare(experimentId, baseline, signal), getExperiment(baseline, signal), examplesOf(experiment, signal),
      ]);
      return { experiment, comparison, base, examples };
    },
    [experimentId, baseline],
  );
  const toggle = () => {
    setOnlyRegressed(!onlyRegressed);
    const next = new URLSearchParams(params);
    if (onlyRegressed) next.delete("only");
    else next.set("only", "regressed");
    setParams(next);
  };
  return (
    <AsyncContent what="the comparison" state={state} onRetry={retry}>
      {({ experiment, comparison, base, examples }) => {
        const rows = comparison ? groupByExample(comparison.examples, examples) : [];
        const shown = onlyRegressed ? rows.filter(regressed) : rows;
        const columns: Column<EvaluatorComparison>[] = [
          { header: "Evaluator", verbatim: true, cell: (e) => e.name },
          { header: "Baseline", numeric: true, cell: (e) => formatScore(e.baseline_mean) },
          { header: "This", numeric: true, cell: (e) => formatScore(e.mean) },
          { header: "Delta", numeric: true, cell: (e) => <span className={(e.delta ?? 0) < 0 ? "error-text" : undefined}>{formatDelta(e.delta)}</span> },
          { header: "p-value", numeric: true, cell: (e) => formatP(e.p_value) },
          { header: "Improved", numeric: true, cell: (e) => e.improved },
          { header: "Regressed", numeric: true, cell: (e) => <span className={e.regressed > 0 ? "error-text" : undefined}>{e.regressed}</span> },
          { header: "Unchanged", numeric: true, cell: (e) => e.unchanged },
        ];
        return (
          <>
            <PageHeader
              title={`Compare ${experiment.name}`}
              context={<Link to={experimentPath(experiment.id)}>{experiment.name}</Link>}
              description={base ? <>Baseline: <Link to={experimentPath(base.id)}>{base.name}</Link></> : "Choose a baseline on the same dataset."}
              actions={<BaselinePicker experiment={experiment} current={base?.id} />}
            />
            {!comparison ? (
              <EmptyState title="No baseline chosen" />
            ) : (
              <>
                <section className="page-section">
                  <DataTable label="Evaluators compared" columns={columns} rows={comparison.evaluators} rowKey={(e) => e.name} />
                </section>
                <section className="page-section histograms" aria-label="Score distributions">
                  {comparison.evaluators.map((e) => {
                    const of = comparison.examples.filter((x) => x.evaluator === e.name);
                    return (
                      <Histogram
                        key={e.name}
                        name={e.name}
                        baseline={of.flatMap((x) => (x.baseline_score == null ? [] : [x.baseline_score]))}
                        scores={of.flatMap((x) => (x.score == null ? [] : [x.score]))}
                      />
                    );
                  })}
                  <p className="legend"><span className="swatch bar-baseline" /> baseline <span className="swatch bar-experiment" /> this experiment</p>
                </section>
                <section className="page-section">
                  <div className="section-head">
                    <h2>Examples</h2>
                    <label className="checkbox">
                      <input type="checkbox" checked={onlyRegressed} onChange={toggle} aria-label="Only regressed examples" />
                      <span>Only regressed ({rows.filter(regressed).length})</span>
                    </label>
                  </div>
                  {shown.length === 0 ? <EmptyState title={onlyRegressed ? "No example regressed" : "No examples to compare"} /> : <CompareExamples rows={shown} />}
                </section>
              </>
            )}
          </>
        );
      }}
    </AsyncContent>
  );
}
