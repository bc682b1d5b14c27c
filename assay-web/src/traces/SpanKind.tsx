/** The OpenInference span kinds, each with a short mark and a colour (styles.css `.kind-<KIND>`). */
const MARKS: Record<string, string> = {
  LLM: "LLM",
  CHAIN: "CH",
  TOOL: "TL",
  RETRIEVER: "RT",
  EMBEDDING: "EM",
  AGENT: "AG",
  RERANKER: "RR",
  GUARDRAIL: "GR",
  EVALUATOR: "EV",
  PROMPT: "PR",
  UNKNOWN: "?",
};

export function KindIcon({ kind }: { kind: string | undefined }) {
  const k = kind && MARKS[kind] ? kind : "UNKNOWN";
  return (
    <span className={`kind-icon kind-${k}`} role="img" aria-label={k} title={k}>
      {MARKS[k]}
    </span>
  );
}

export function StatusBadge({ status }: { status: string | undefined | null }) {
  if (status === "ERROR") {
    return <span className="badge badge-error">Error</span>;
  }
  return <span className={`badge badge-${status === "OK" ? "ok" : "unset"}`}>{status === "OK" ? "OK" : "Unset"}</span>;
}

/** Evaluation results as compact chips: `name: label (score)`. */
export function EvaluationChips({ evaluations }: { evaluations: { name: string; label?: string; score?: number }[] | undefined }) {
  if (!evaluations || evaluations.length === 0) return null;
  return (
    <ul className="eval-chips" aria-label="Evaluations">
      {evaluations.map((e, i) => (
        <li key={`${e.name}-${i}`} className="eval-chip" title={e.name}>
          <span className="eval-name">{e.name}</span>
          {e.label != null && <span className="eval-label">{e.label}</span>}
          {e.score != null && <span className="eval-score">{formatScore(e.score)}</span>}
        </li>
      ))}
    </ul>
  );
}

export function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(2);
}
