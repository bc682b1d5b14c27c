import { formatScore } from "../traces/SpanKind";
import type { Direction } from "../api/evaluators";

/** A judge's rails as chips `label score`; the passing label (best score for the direction) is marked. */
export function Rails({ rails, direction }: { rails: Record<string, number>; direction: Direction }) {
  const scores = Object.values(rails);
  const best = direction === "MAXIMIZE" ? Math.max(...scores) : direction === "MINIMIZE" ? Math.min(...scores) : null;
  return (
    <ul className="eval-chips" aria-label="Rails">
      {Object.entries(rails).map(([label, score]) => (
        <li key={label} className={score === best ? "eval-chip pass" : "eval-chip"} title={score === best ? "passes" : undefined}>
          <span className="eval-label">{label}</span>
          <span className="eval-score">{formatScore(score)}</span>
        </li>
      ))}
    </ul>
  );
}
