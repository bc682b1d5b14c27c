import { canonical, type Example } from "../api/datasets";
import type { ExampleComparison } from "../api/experiments";
import { DataTable, type Column } from "../components/DataTable";
import { JsonValue } from "../components/JsonValue";
import { formatScore } from "./format";
import { WordDiff } from "./WordDiff";

/** One example in both experiments: its comparisons under every evaluator. */
export interface ExampleRow {
  exampleId: string;
  example?: Example;
  byEvaluator: ExampleComparison[];
}

export function groupByExample(rows: ExampleComparison[], examples: Map<string, Example>): ExampleRow[] {
  const groups = new Map<string, ExampleRow>();
  for (const r of rows) {
    const g = groups.get(r.example_id) ?? { exampleId: r.example_id, example: examples.get(r.example_id), byEvaluator: [] };
    g.byEvaluator.push(r);
    groups.set(r.example_id, g);
  }
  return [...groups.values()];
}

export function regressed(row: ExampleRow): boolean {
  return row.byEvaluator.some((c) => c.change === "REGRESSED");
}

/** Examples side by side: input, expected, the baseline's output against this one's (a word diff), scores. */
export function CompareExamples({ rows }: { rows: ExampleRow[] }) {
  const columns: Column<ExampleRow>[] = [
    { header: "Input", wrap: true, cell: (r) => (r.example ? <JsonValue label="input" value={canonical(r.example).input} /> : <code>{r.exampleId.slice(0, 10)}</code>) },
    { header: "Expected", wrap: true, cell: (r) => (r.example ? <JsonValue label="expected output" value={canonical(r.example).output} /> : "—") },
    { header: "Baseline → output", wrap: true, cell: (r) => <WordDiff before={r.byEvaluator[0]?.baseline_output} after={r.byEvaluator[0]?.output} /> },
    {
      header: "Scores",
      cell: (r) => (
        <ul className="eval-chips stacked">
          {r.byEvaluator.map((c) => (
            <li key={c.evaluator} className={`eval-value change-${c.change.toLowerCase()}`} title={c.change}>
              <span className="eval-name">{c.evaluator}</span>
              <span className="eval-score">{formatScore(c.baseline_score)} → {formatScore(c.score)}</span>
              {c.change !== "UNCHANGED" && <span className="change-word">{c.change.toLowerCase()}</span>}
            </li>
          ))}
        </ul>
      ),
    },
  ];
  return <DataTable label="Examples compared" columns={columns} rows={rows} rowKey={(r) => r.exampleId} rowClass={(r) => (regressed(r) ? "regressed" : undefined)} />;
}
