/*
 * The distribution of one evaluator's per-example scores in two experiments, as a small SVG bar chart:
 * ten equal bins over the scores' range (at least 0–1), the baseline's bars beside the experiment's.
 */

const BINS = 10;
const W = 320;
const H = 140;
const PAD = { left: 28, right: 8, top: 8, bottom: 22 };

function bin(scores: number[], lo: number, hi: number): number[] {
  const counts = new Array<number>(BINS).fill(0);
  for (const s of scores) {
    const k = hi === lo ? 0 : Math.min(BINS - 1, Math.floor(((s - lo) / (hi - lo)) * BINS));
    counts[Math.max(0, k)] = (counts[Math.max(0, k)] ?? 0) + 1;
  }
  return counts;
}

interface Props {
  name: string;
  baseline: number[];
  scores: number[];
}

export function Histogram({ name, baseline, scores }: Props) {
  const all = [...baseline, ...scores];
  const lo = Math.min(0, ...all);
  const hi = Math.max(1, ...all);
  const b = bin(baseline, lo, hi);
  const s = bin(scores, lo, hi);
  const top = Math.max(1, ...b, ...s);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / BINS;
  const bar = (slot - 4) / 2;
  const y = (n: number) => PAD.top + plotH - (n / top) * plotH;
  return (
    <figure className="histogram">
      <figcaption>{name}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Score distribution of ${name}: baseline and experiment`}>
        <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + plotH} y2={PAD.top + plotH} className="axis" />
        <text x={PAD.left - 4} y={PAD.top + 8} className="tick" textAnchor="end">{top}</text>
        <text x={PAD.left - 4} y={PAD.top + plotH} className="tick" textAnchor="end">0</text>
        {b.map((n, k) => (
          <g key={k}>
            <rect className="bar-baseline" x={PAD.left + k * slot + 2} y={y(n)} width={bar} height={PAD.top + plotH - y(n)}>
              <title>{`baseline: ${n} in bin ${k + 1}`}</title>
            </rect>
            <rect className="bar-experiment" x={PAD.left + k * slot + 2 + bar} y={y(s[k] ?? 0)} width={bar} height={PAD.top + plotH - y(s[k] ?? 0)}>
              <title>{`experiment: ${s[k] ?? 0} in bin ${k + 1}`}</title>
            </rect>
          </g>
        ))}
        <text x={PAD.left} y={H - 6} className="tick">{lo.toFixed(1)}</text>
        <text x={W - PAD.right} y={H - 6} className="tick" textAnchor="end">{hi.toFixed(1)}</text>
      </svg>
    </figure>
  );
}
