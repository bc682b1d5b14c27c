import { useEffect, useState } from "react";
import { api, unwrap } from "../api/client";
import { listSpans, type Span } from "../api/traces";
import { useApi } from "../api/useApi";
import { AsyncContent } from "../components/AsyncContent";
import { EmptyState } from "../components/EmptyState";
import { ErrorState } from "../components/ErrorState";
import { preview } from "../format";
import { mappingChoices, previewValue } from "./subjectFields";

interface Props {
  projectId: string;
  onProject: (projectId: string) => void;
  filter: string;
  onFilter: (filter: string) => void;
  variables: string[];
  mappings: Record<string, string>;
  onMapping: (variable: string, to: string) => void;
  /** Rows whose field is set elsewhere in the form (embedding's two sides): shown, not edited here. */
  readOnly?: boolean;
  /** Above SPAN, the previews come from one span and show only what that span holds. */
  granularity: string;
}

/**
 * Variable mapping against a real span: pick a project (and a filter), see its most recent matching span,
 * and, for each variable, the field it binds to and the value that field holds on that span.
 */
export function SamplePanel({ projectId, onProject, filter, onFilter, variables, mappings, onMapping, readOnly, granularity }: Props) {
  const projects = useApi((signal) => unwrap(api.GET("/v2/projects", { params: { query: { limit: 100 } }, signal })), []);
  const [typed, setTyped] = useState(filter);
  const known = projects.state.status === "ok" ? projects.state.data.projects.some((p) => p.id === projectId) : true;
  useEffect(() => {
    // The remembered project may have been deleted: then there is no sample until one is chosen.
    if (projectId && !known) onProject("");
  }, [projectId, known, onProject]);
  const sample = useApi(
    (signal) => (projectId ? listSpans({ project_id: projectId, filter: filter || undefined }, { limit: 1 }, signal) : Promise.resolve(null)),
    [projectId, filter],
  );
  const span: Span | undefined = sample.state.status === "ok" ? sample.state.data?.spans[0] : undefined;
  const choices = mappingChoices(span);
  return (
    <section className="form-section" aria-labelledby="mapping-title">
      <h2 id="mapping-title">Variables and a sample</h2>
      <div className="form-row">
        <label className="field">
          <span className="field-label">Project</span>
          {projects.state.status === "error" ? (
            <ErrorState what="projects" error={projects.state.error} onRetry={projects.retry} compact />
          ) : (
            <select value={projectId} onChange={(e) => onProject(e.target.value)} aria-label="Sample project">
              <option value="">{projects.state.status === "loading" ? "Loading projects…" : "Choose a project"}</option>
              {(projects.state.status === "ok" ? projects.state.data.projects : []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </label>
        <label className="field grow">
          <span className="field-label">Filter (optional; Enter applies it)</span>
          <input
            className="mono"
            aria-label="Sample filter"
            placeholder="span_kind = 'LLM'"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                onFilter(typed.trim());
              }
            }}
            onBlur={() => onFilter(typed.trim())}
          />
        </label>
      </div>
      {!projectId ? (
        <p className="muted">Choose a project to see a sample span and what each variable binds to.</p>
      ) : (
        <AsyncContent what="a sample span" state={sample.state} onRetry={sample.retry}>
          {() =>
            !span ? (
              <EmptyState title="No span in the last week matches">
                <p>Send traces to this project, or change the filter.</p>
              </EmptyState>
            ) : (
              <p className="muted sample-line" aria-label="Sample span">
                Sample span <strong>{span.name}</strong> <span className="badge">{span.kind}</span> <code>{span.context.span_id}</code>
              </p>
            )
          }
        </AsyncContent>
      )}
      {granularity !== "SPAN" && (
        <p className="notice" role="note">
          This evaluator runs on each {granularity.toLowerCase()}: the previews read one span, so fields built from a whole{" "}
          {granularity.toLowerCase()} ({granularity === "SESSION" ? "conversation" : "steps, trajectory"}) show here as empty.
          “Test on 5 samples” builds the real {granularity.toLowerCase()} subjects.
        </p>
      )}
      {variables.length === 0 ? (
        <p className="muted">This evaluator declares no variables; it reads the whole subject.</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table" aria-label="Variable mapping">
            <thead>
              <tr>
                <th scope="col">Variable</th>
                <th scope="col">Binds to</th>
                <th scope="col">Value on the sample</th>
              </tr>
            </thead>
            <tbody>
              {variables.map((v) => {
                const to = mappings[v] ?? v;
                const value = span ? previewValue(span, to) : undefined;
                return (
                  <tr key={v} aria-label={`Variable ${v}`}>
                    <td>
                      <code>{`{${v}}`}</code>
                    </td>
                    <td>
                      {readOnly ? (
                        <code>{to}</code>
                      ) : (
                        <input
                          className="mono"
                          aria-label={`Mapping for ${v}`}
                          list="subject-fields"
                          value={to}
                          onChange={(e) => onMapping(v, e.target.value)}
                        />
                      )}
                    </td>
                    <td className="wrap" aria-label={`Preview of ${v}`}>
                      {!span ? (
                        <span className="muted">—</span>
                      ) : value == null ? (
                        <span className="muted">(nothing on this span)</span>
                      ) : (
                        <span className="binding-preview" title={value}>
                          {preview(value, 240)}
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <datalist id="subject-fields">
        {choices.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
    </section>
  );
}
