import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { ApiError } from "../api/client";
import { KIND_TITLES, kindOfType } from "../api/evaluators";
import { createTask, updateTask, type Task, type TaskEvaluatorInput, type TaskScope, type TaskType } from "../api/tasks";
import { ErrorState } from "../components/ErrorState";
import { SUBJECT_FIELDS } from "../evaluators/subjectFields";
import { newEvaluatorPath, projectPath, taskPath } from "../urls";
import { defaultMappings, type CatalogEntry } from "./catalog";
import { LiveCount } from "./LiveCount";

/** One attached evaluator as the form edits it. */
interface Attached {
  evaluatorId: string;
  /** Pinned version, kept as it was; null runs the latest. */
  versionId: string | null;
  filter: string;
  mappings: Record<string, string>;
}

interface Props {
  projectId: string;
  catalog: CatalogEntry[];
  /** The task being edited; absent on create. */
  task?: Task;
}

function attachedOf(task: Task | undefined, catalog: CatalogEntry[]): Attached[] {
  return (task?.evaluators ?? []).map((e) => {
    const entry = catalog.find((c) => c.id === e.evaluator_id);
    return {
      evaluatorId: e.evaluator_id,
      versionId: e.evaluator_version_id,
      filter: e.query_filter ?? "",
      mappings: { ...(entry ? defaultMappings(entry) : {}), ...(e.column_mappings ?? {}) },
    };
  });
}

/** Judges make a TEMPLATE_EVALUATION task, everything else a CODE_EVALUATION one (AX's two types). */
function typeOf(entries: CatalogEntry[]): TaskType {
  return entries.some((e) => e.type === "TEMPLATE") ? "TEMPLATE_EVALUATION" : "CODE_EVALUATION";
}

/**
 * Create or edit a task: evaluators of one scope with their column mappings and filters, the task's
 * filter, the sampling rate and continuous evaluation, with a live count of what the filter matches.
 */
export function TaskForm({ projectId, catalog, task }: Props) {
  const navigate = useNavigate();
  const [name, setName] = useState(task?.name ?? "");
  const [filter, setFilter] = useState(task?.query_filter ?? "");
  const [percent, setPercent] = useState(String(Number(((task?.sampling_rate ?? 1) * 100).toFixed(2))));
  const [continuous, setContinuous] = useState(task?.is_continuous ?? false);
  const [attached, setAttached] = useState<Attached[]>(() => attachedOf(task, catalog));
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ApiError | null>(null);

  const entryOf = (id: string) => catalog.find((c) => c.id === id);
  const chosen = attached.map((a) => entryOf(a.evaluatorId)).filter((e): e is CatalogEntry => e != null);
  const scope: TaskScope | null = task?.scope ?? (chosen[0]?.granularity as TaskScope | undefined) ?? null;
  const rate = parseRate(percent);

  const toggle = (entry: CatalogEntry, on: boolean) => {
    setAttached(on
      ? [...attached, { evaluatorId: entry.id, versionId: null, filter: "", mappings: defaultMappings(entry) }]
      : attached.filter((a) => a.evaluatorId !== entry.id));
  };
  const change = (id: string, patch: Partial<Attached>) =>
    setAttached(attached.map((a) => (a.evaluatorId === id ? { ...a, ...patch } : a)));

  const save = async () => {
    if (!name.trim()) return setProblem("Give the task a name.");
    if (attached.length === 0) return setProblem("Attach at least one evaluator.");
    if (rate == null) return setProblem("The sampling rate is a percentage from 0 to 100.");
    setProblem(null);
    setSaving(true);
    setSaveError(null);
    const evaluators: TaskEvaluatorInput[] = attached.map((a) => ({
      evaluator_id: a.evaluatorId,
      evaluator_version_id: a.versionId,
      ...(a.filter.trim() ? { query_filter: a.filter.trim() } : {}),
      column_mappings: Object.fromEntries(Object.entries(a.mappings).filter(([, to]) => to.trim() !== "").map(([v, to]) => [v, to.trim()])),
    }));
    try {
      const saved = task
        ? await updateTask(task.id, { name: name.trim(), sampling_rate: rate, is_continuous: continuous, query_filter: filter.trim() || null, evaluators })
        : await createTask({
          name: name.trim(), type: typeOf(chosen), project_id: projectId, sampling_rate: rate, is_continuous: continuous,
          query_filter: filter.trim() || undefined, evaluators,
        });
      navigate(taskPath(projectId, saved.id));
    } catch (e) {
      setSaveError(e instanceof ApiError ? e : new ApiError({ title: "Unexpected error", status: 0, detail: String(e) }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="task-form">
      <section className="form-section" aria-labelledby="task-basics">
        <h2 id="task-basics">Task</h2>
        <div className="form-row">
          <label className="field grow">
            <span className="field-label">Task name</span>
            <input aria-label="Task name" value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">Sampling rate (%)</span>
            <input
              aria-label="Sampling rate (%)"
              type="number" min={0} max={100} step="any"
              aria-invalid={rate == null ? true : undefined}
              value={percent}
              onChange={(e) => setPercent(e.target.value)}
            />
          </label>
        </div>
        <label className="field">
          <span className="field-label">Filter (the filter language; a trace or session matches when any of its spans does)</span>
          <input
            aria-label="Task filter"
            className="mono"
            spellCheck={false}
            placeholder="span_kind = 'LLM' AND latency_ms > 1000"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={continuous} onChange={(e) => setContinuous(e.target.checked)} aria-label="Continuous" />
          <span>
            Continuous: evaluate new data as it arrives (spans at once, traces after they settle, sessions after they go idle)
          </span>
        </label>
        {scope ? (
          <LiveCount projectId={projectId} scope={scope} filter={filter} samplingRate={rate} />
        ) : (
          <p className="muted live-count">Attach an evaluator to count the targets the filter matches.</p>
        )}
      </section>
      <section className="form-section" aria-labelledby="task-evaluators">
        <h2 id="task-evaluators">Evaluators</h2>
        <datalist id="subject-fields">
          {SUBJECT_FIELDS.map((f) => (
            <option key={f.name} value={f.name}>
              {f.about}
            </option>
          ))}
        </datalist>
        <EvaluatorPicker catalog={catalog} attached={attached} scope={scope} onToggle={toggle} locked={task != null} />
        {attached.map((a) => {
          const entry = entryOf(a.evaluatorId);
          return (
            <AttachedEvaluator key={a.evaluatorId} attached={a} entry={entry} onChange={(patch) => change(a.evaluatorId, patch)} />
          );
        })}
      </section>
      <section className="form-section" aria-labelledby="task-save">
        <h2 id="task-save">Save</h2>
        {problem && (
          <p className="filter-error" role="alert">
            {problem}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button primary" onClick={save} disabled={saving}>
            {saving ? "Saving…" : task ? "Save task" : "Create task"}
          </button>
          <Link className="button" to={task ? taskPath(projectId, task.id) : projectPath(projectId, "tasks")}>
            Cancel
          </Link>
        </div>
        {saveError && <ErrorState what="the task (not saved)" error={saveError} />}
      </section>
    </div>
  );
}

/** A percentage typed in the form → a rate in [0, 1]; null when it is not one. */
function parseRate(percent: string): number | null {
  const p = Number(percent);
  return percent.trim() === "" || !Number.isFinite(p) || p < 0 || p > 100 ? null : p / 100;
}

interface PickerProps {
  catalog: CatalogEntry[];
  attached: Attached[];
  scope: TaskScope | null;
  onToggle: (entry: CatalogEntry, on: boolean) => void;
  /** A saved task keeps its scope: only evaluators of that granularity may be attached. */
  locked: boolean;
}

/** Every saved evaluator with its granularity; those of another scope than the chosen ones are disabled. */
function EvaluatorPicker({ catalog, attached, scope, onToggle, locked }: PickerProps) {
  if (catalog.length === 0) {
    return (
      <p className="muted">
        No evaluators yet. <Link to={newEvaluatorPath()}>Create one</Link> first.
      </p>
    );
  }
  return (
    <fieldset className="field evaluator-picker">
      <legend className="field-label">
        Attach evaluators {scope ? `(this task's scope is ${scope}${locked ? "" : "; only evaluators of one scope combine"})` : "of one scope"}
      </legend>
      <ul className="picker-list" aria-label="Evaluators to attach">
        {catalog.map((entry) => {
          const on = attached.some((a) => a.evaluatorId === entry.id);
          const other = scope != null && entry.granularity !== scope;
          return (
            <li key={entry.id} className={other ? "muted" : undefined}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={on}
                  disabled={!on && other}
                  onChange={(e) => onToggle(entry, e.target.checked)}
                  aria-label={entry.name}
                />
                <span>{entry.name}</span>
                <span className="badge">{entry.granularity}</span>
                <span className="muted">{KIND_TITLES[kindOfType(entry.type)]}</span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

/** One attached evaluator: its column mappings (variable → path) and its own filter, ANDed with the task's. */
function AttachedEvaluator({ attached, entry, onChange }: { attached: Attached; entry?: CatalogEntry; onChange: (patch: Partial<Attached>) => void }) {
  const title = entry?.name ?? attached.evaluatorId;
  const variables = Object.keys(attached.mappings);
  return (
    <div className="attached-evaluator" role="group" aria-label={`Evaluator ${title}`}>
      <div className="card-head">
        <h3>{title}</h3>
        {entry && <span className="badge">{entry.granularity}</span>}
        {attached.versionId && <span className="muted">pinned version</span>}
      </div>
      {variables.length > 0 ? (
        <table className="data-table mapping-table" aria-label={`Column mappings of ${title}`}>
          <thead>
            <tr>
              <th scope="col">Variable</th>
              <th scope="col">Reads (a subject field, attributes.&lt;key&gt;, metadata.&lt;key&gt;, input.$.path)</th>
            </tr>
          </thead>
          <tbody>
            {variables.map((v) => (
              <tr key={v}>
                <td>
                  <code>{v}</code>
                </td>
                <td>
                  <input
                    className="mono"
                    list="subject-fields"
                    aria-label={`Mapping of ${v}`}
                    value={attached.mappings[v] ?? ""}
                    onChange={(e) => onChange({ mappings: { ...attached.mappings, [v]: e.target.value } })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">This evaluator binds no variables.</p>
      )}
      <label className="field">
        <span className="field-label">Evaluator filter (optional, ANDed with the task filter)</span>
        <input
          className="mono"
          spellCheck={false}
          aria-label={`Filter of ${title}`}
          value={attached.filter}
          onChange={(e) => onChange({ filter: e.target.value })}
        />
      </label>
    </div>
  );
}
