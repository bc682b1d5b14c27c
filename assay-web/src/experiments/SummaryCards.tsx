import type { ExperimentSummary } from "../api/experiments";
import { formatCost, formatCount, formatLatency } from "../format";
import { formatRate, formatScore } from "./format";

/** One card per evaluator (mean with its 95% confidence interval, pass rate), then runs, latency and cost. */
export function SummaryCards({ summary }: { summary: ExperimentSummary }) {
  return (
    <ul className="card-grid summary-cards" aria-label="Summary">
      {summary.evaluators.map((e) => (
        <li key={e.name} className="card" aria-label={`Evaluator ${e.name}`}>
          <h3>{e.name}</h3>
          <p className="big-figure">{formatScore(e.mean_score)}</p>
          <p className="muted">
            95% CI {e.ci_low == null ? "—" : `${formatScore(e.ci_low)} – ${formatScore(e.ci_high)}`} · {formatCount(e.scored)} scored
            {e.errors > 0 && <span className="error-text"> · {e.errors} errors</span>}
          </p>
          <p>Pass rate {formatRate(e.pass_rate)} ({e.passed}/{e.passed + e.failed})</p>
        </li>
      ))}
      <li className="card" aria-label="Runs">
        <h3>Runs</h3>
        <p className="big-figure">{formatCount(summary.successful_runs)}/{formatCount(summary.expected_runs)}</p>
        <p className="muted">{summary.failed_runs} failed · {summary.missing_runs} missing</p>
      </li>
      <li className="card" aria-label="Latency">
        <h3>Latency</h3>
        <p className="big-figure">{formatLatency(summary.mean_latency_ms)}</p>
        <p className="muted">mean · p95 {formatLatency(summary.p95_latency_ms)}</p>
      </li>
      <li className="card" aria-label="Cost">
        <h3>Cost</h3>
        <p className="big-figure">{formatCost(summary.total_cost)}</p>
        <p className="muted">{formatCount(summary.total_tokens ?? 0)} tokens</p>
      </li>
    </ul>
  );
}
