import { Link, useNavigate, useParams } from "react-router";
import { ACTIVE, getExperiment, getSummary, listAllRuns, listExperiments, type Experiment } from "../api/experiments";
import { useApi, type Loadable } from "../api/useApi";
import { AsyncContent } from "../components/AsyncContent";
import { PageHeader } from "../components/PageHeader";
import { DatasetName } from "../experiments/DatasetName";
import { RunsTable } from "../experiments/RunsTable";
import { TaskLabel } from "../experiments/TaskLabel";
import { SummaryCards } from "../experiments/SummaryCards";
import { statusClass } from "../experiments/format";
import { formatTime } from "../format";
import { usePolling } from "../tasks/usePolling";
import { comparePath, experimentsPath } from "../urls";

/** One experiment: what it ran, summary cards, its runs, and a baseline to compare against. */
export function ExperimentPage() {
  const experimentId = useParams().experimentId!;
  // Reloads every two seconds while the experiment runs, keeping what is on screen.
  const { data, error, reload } = usePolling(
    async (signal) => {
      const [experiment, summary, runs] = await Promise.all([
        getExperiment(experimentId, signal), getSummary(experimentId, signal), listAllRuns(experimentId, signal),
      ]);
      return { experiment, summary, runs };
    },
    [experimentId],
    (d) => ACTIVE.includes(d.experiment.status),
    2000,
  );
  const state: Loadable<NonNullable<typeof data>> = error ? { status: "error", error } : data ? { status: "ok", data } : { status: "loading" };
  return (
    <AsyncContent what="the experiment" state={state} onRetry={reload}>
      {({ experiment, summary, runs }) => (
        <>
          <PageHeader
            title={experiment.name}
            context={<Link to={experimentsPath(experiment.dataset_id ?? undefined)}>Experiments</Link>}
            description={experiment.description ?? undefined}
            actions={<BaselinePicker experiment={experiment} />}
          />
          <dl className="facts inline">
            <dt>Status</dt>
            <dd><span className={statusClass(experiment.status)}>{experiment.status}</span>{experiment.failure_reason && <span className="error-text"> {experiment.failure_reason}</span>}</dd>
            <dt>Task</dt>
            <dd><TaskLabel task={experiment.task} /></dd>
            <dt>Dataset</dt>
            <dd><DatasetName id={experiment.dataset_id} versionId={experiment.dataset_version_id} /></dd>
            <dt>Repetitions</dt>
            <dd>{experiment.repetitions}</dd>
            <dt>Labels</dt>
            <dd>{experiment.labels.length ? experiment.labels.join(", ") : "none"}</dd>
            <dt>Started</dt>
            <dd>{formatTime(experiment.started_at)}</dd>
            <dt>Finished</dt>
            <dd>{formatTime(experiment.finished_at)}</dd>
          </dl>
          <section className="page-section">
            <SummaryCards summary={summary} />
          </section>
          <section className="page-section">
            <h2>Runs</h2>
            <RunsTable runs={runs} projectId={experiment.experiment_traces_project_id} />
          </section>
        </>
      )}
    </AsyncContent>
  );
}

/** Picks a baseline among the other experiments on the same dataset and opens the compare view. */
export function BaselinePicker({ experiment, current }: { experiment: Experiment; current?: string }) {
  const navigate = useNavigate();
  const { state } = useApi(
    (signal) => (experiment.dataset_id ? listExperiments({ dataset_id: experiment.dataset_id, limit: 100 }, signal).then((r) => r.experiments) : Promise.resolve([] as Experiment[])),
    [experiment.dataset_id],
  );
  const others = state.status === "ok" ? state.data.filter((e) => e.id !== experiment.id) : [];
  return (
    <label className="inline-controls">
      <span className="field-label">Compare with</span>
      <select aria-label="Baseline" value={current ?? ""} onChange={(e) => e.target.value && navigate(comparePath(experiment.id, e.target.value))}>
        <option value="">{state.status === "loading" ? "Loading…" : others.length ? "Choose a baseline" : "No other experiment on this dataset"}</option>
        {others.map((e) => (
          <option key={e.id} value={e.id}>
            {e.name}
          </option>
        ))}
      </select>
    </label>
  );
}
