import { Link } from "react-router";
import { canonical, type Example } from "../api/datasets";
import { useCurrentProjectId } from "../currentProject";
import { DataTable, type Column } from "../components/DataTable";
import { JsonValue } from "../components/JsonValue";
import { tracePath } from "../urls";

interface Props {
  examples: Example[];
  selected: Set<string>;
  onSelect: (next: Set<string>) => void;
}

/** Examples in their canonical form: input, expected output, metadata and splits as compact, expandable JSON. */
export function ExamplesTable({ examples, selected, onSelect }: Props) {
  const projectId = useCurrentProjectId();
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelect(next);
  };
  const columns: Column<Example>[] = [
    {
      header: "Select",
      cell: (e) => <input type="checkbox" aria-label={`Select example ${e.id}`} checked={selected.has(e.id)} onChange={() => toggle(e.id)} />,
    },
    { header: "Input", wrap: true, cell: (e) => <JsonValue label="input" value={canonical(e).input} /> },
    { header: "Expected output", wrap: true, cell: (e) => <JsonValue label="expected output" value={canonical(e).output} /> },
    { header: "Metadata", wrap: true, cell: (e) => <JsonValue label="metadata" value={canonical(e).metadata} /> },
    {
      header: "Splits",
      cell: (e) => (
        <span className="badges">
          {canonical(e).splits.map((s) => (
            <span key={s} className="badge">{s}</span>
          ))}
        </span>
      ),
    },
    { header: "Source span", cell: (e) => <SourceSpan example={e} projectId={projectId} /> },
  ];
  return <DataTable label="Examples" columns={columns} rows={examples} rowKey={(e) => e.id} dense />;
}

/** A link to the span an example was made from (in its project when the server names it, else the current one). */
function SourceSpan({ example, projectId }: { example: Example; projectId: string | null }) {
  const c = canonical(example) as ReturnType<typeof canonical> & { source_project_id?: string | null };
  if (!c.source_span_id) return <span className="muted">—</span>;
  const project = c.source_project_id ?? projectId;
  const label = c.source_span_id.slice(0, 8);
  return project && c.source_trace_id ? (
    <Link to={tracePath(project, c.source_trace_id, c.source_span_id)} title={c.source_span_id}>
      span {label}
    </Link>
  ) : (
    <code title={c.source_span_id}>{label}</code>
  );
}
