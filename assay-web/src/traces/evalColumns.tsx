import { useState } from "react";
import { useSearchParams } from "react-router";
import type { Column } from "../components/DataTable";
import { formatScore } from "./SpanKind";

/*
 * Evaluation results as columns of the trace and span lists: one column per evaluation name present in
 * the loaded rows, and a small builder that writes `evals.<name>.score|label` predicates into the filter
 * language, so the server does the filtering (a trace matches when any of its spans, or the trace
 * itself, carries a matching result).
 */

/** The short form of a result on a trace or span (AX's `Evaluation`, plus Assay's `passed`). */
export interface ShortEvaluation {
  name: string;
  label?: string;
  score?: number;
  passed?: boolean;
}

/** The evaluation names of the rows, in order of first appearance. */
export function evaluationNames<T>(rows: T[], evaluationsOf: (row: T) => ShortEvaluation[] | undefined): string[] {
  const names: string[] = [];
  for (const row of rows) {
    for (const e of evaluationsOf(row) ?? []) {
      if (!names.includes(e.name)) names.push(e.name);
    }
  }
  return names;
}

/** One column per name: the first result of that name on the row, as label and/or score. */
export function evaluationColumns<T>(names: string[], evaluationsOf: (row: T) => ShortEvaluation[] | undefined): Column<T>[] {
  return names.map((name) => ({
    header: name,
    verbatim: true,
    cell: (row: T) => <EvaluationCell evaluation={(evaluationsOf(row) ?? []).find((e) => e.name === name)} />,
  }));
}

export function EvaluationCell({ evaluation: e }: { evaluation: ShortEvaluation | undefined }) {
  if (!e || (e.label == null && e.score == null)) return <span className="muted">—</span>;
  const verdict = e.passed == null ? "" : e.passed ? " pass" : " fail";
  return (
    <span className={`eval-value${verdict}`} title={e.passed == null ? undefined : e.passed ? "passed" : "failed"}>
      {e.label != null && <span className="eval-label">{e.label}</span>}
      {e.score != null && <span className="eval-score">{formatScore(e.score)}</span>}
    </span>
  );
}

const OPERATORS = {
  score: ["<", "<=", "=", ">=", ">", "!="],
  label: ["=", "!="],
} as const;

/** `evals.<name>.<part> <op> <value>` in the filter language, quoting what needs it. */
export function evalPredicate(name: string, part: "score" | "label", operator: string, value: string): string {
  const key = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
  const literal = part === "score" ? value.trim() : `'${value.replace(/'/g, "''")}'`;
  return `evals.${key}.${part} ${operator} ${literal}`;
}

/**
 * Adds an evaluation predicate to the list's filter (`?filter=`), ANDed with what is there. The names
 * offered are those of the loaded rows; the filter bar shows and edits the resulting expression.
 */
export function EvaluationFilter({ names }: { names: string[] }) {
  const [params, setParams] = useSearchParams();
  const [name, setName] = useState("");
  const [part, setPart] = useState<"score" | "label">("score");
  const [operator, setOperator] = useState("<");
  const [value, setValue] = useState("");
  const chosen = names.includes(name) ? name : (names[0] ?? "");
  if (names.length === 0) return null;
  const valid = value.trim() !== "" && (part === "label" || Number.isFinite(Number(value)));
  return (
    <form
      className="eval-filter inline-controls"
      aria-label="Filter by evaluation"
      onSubmit={(event) => {
        event.preventDefault();
        if (!valid) return;
        const predicate = evalPredicate(chosen, part, operator, value);
        const current = params.get("filter")?.trim();
        const next = new URLSearchParams(params);
        next.set("filter", current ? `(${current}) AND ${predicate}` : predicate);
        setParams(next);
        setValue("");
      }}
    >
      <span className="field-label">Evaluation</span>
      <select aria-label="Evaluation name" value={chosen} onChange={(e) => setName(e.target.value)}>
        {names.map((n) => (
          <option key={n}>{n}</option>
        ))}
      </select>
      <select
        aria-label="Evaluation part"
        value={part}
        onChange={(e) => {
          const p = e.target.value as "score" | "label";
          setPart(p);
          setOperator(OPERATORS[p][0]);
        }}
      >
        <option value="score">score</option>
        <option value="label">label</option>
      </select>
      <select aria-label="Comparison" value={operator} onChange={(e) => setOperator(e.target.value)}>
        {OPERATORS[part].map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
      <input
        aria-label="Evaluation value"
        placeholder={part === "score" ? "0.5" : "incorrect"}
        inputMode={part === "score" ? "decimal" : undefined}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit" className="button" disabled={!valid}>
        Add to filter
      </button>
    </form>
  );
}
