import { CODE_CHECKS, type CodeCheck, type Direction, type Granularity, type JudgeTemplate } from "../api/evaluators";
import { Rails } from "./Rails";
import { ModelPicker } from "./ModelPicker";
import { draftFromTemplate, textToRails, withCheck, type Draft } from "./draft";

interface Props {
  draft: Draft;
  onChange: (draft: Draft) => void;
  templates: JudgeTemplate[];
}

const GRANULARITIES: Granularity[] = ["SPAN", "TRACE", "TRAJECTORY", "SESSION"];
const DIRECTIONS: Direction[] = ["MAXIMIZE", "MINIMIZE", "NONE"];

/** The fields of the chosen kind: judge template and model, code check and params, endpoint, command. */
export function KindFields({ draft, onChange, templates }: Props) {
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch });
  return (
    <>
      <div className="form-row">
        <label className="field">
          <span className="field-label">Result name</span>
          <input aria-label="Result name" value={draft.resultName} onChange={(e) => set({ resultName: e.target.value })} placeholder="hallucination" />
        </label>
        <label className="field">
          <span className="field-label">Granularity</span>
          <select aria-label="Granularity" value={draft.granularity} onChange={(e) => set({ granularity: e.target.value as Granularity })}>
            {GRANULARITIES.map((g) => (
              <option key={g}>{g}</option>
            ))}
          </select>
        </label>
      </div>
      {draft.kind === "LLM_JUDGE" && <JudgeFields draft={draft} set={set} onChange={onChange} templates={templates} />}
      {draft.kind === "CODE" && <CodeFields draft={draft} set={set} onChange={onChange} />}
      {draft.kind === "EMBEDDING" && (
        <>
          <div className="form-row">
            <label className="field">
              <span className="field-label">Compare</span>
              <input className="mono" aria-label="Left field" list="subject-fields" value={draft.left} onChange={(e) => set({ left: e.target.value })} />
            </label>
            <label className="field">
              <span className="field-label">with</span>
              <input className="mono" aria-label="Right field" list="subject-fields" value={draft.right} onChange={(e) => set({ right: e.target.value })} />
            </label>
            <label className="field">
              <span className="field-label">Pass at similarity ≥</span>
              <input aria-label="Threshold" inputMode="decimal" placeholder="0.8" value={draft.thresholdText} onChange={(e) => set({ thresholdText: e.target.value })} />
            </label>
          </div>
          <ModelPicker value={draft.model} onChange={(model) => set({ model })} noneLabel="In-process all-MiniLM-L6-v2" />
        </>
      )}
      {draft.kind === "HTTP" && (
        <>
          <div className="form-row">
            <label className="field grow">
              <span className="field-label">Endpoint URL</span>
              <input aria-label="Endpoint URL" placeholder="https://evals.example.com/score" value={draft.url} onChange={(e) => set({ url: e.target.value })} />
            </label>
            <TimeoutField draft={draft} set={set} />
          </div>
          <label className="field">
            <span className="field-label">Headers (one “name: value” a line; values are stored, never shown again)</span>
            <textarea aria-label="Headers" rows={3} className="mono" value={draft.headersText} onChange={(e) => set({ headersText: e.target.value })} />
          </label>
          <p className="muted">The subject is POSTed as JSON; the endpoint answers <code>{"{label, score, explanation, passed, metadata}"}</code>.</p>
        </>
      )}
      {draft.kind === "COMMAND" && (
        <>
          <div className="form-row">
            <label className="field grow">
              <span className="field-label">Program and arguments (one a line, no shell)</span>
              <textarea aria-label="Command" rows={3} className="mono" placeholder={"python3\n/opt/evals/ragas_faithfulness.py"} value={draft.commandText} onChange={(e) => set({ commandText: e.target.value })} />
            </label>
            <TimeoutField draft={draft} set={set} />
          </div>
          <label className="field">
            <span className="field-label">Environment (one “NAME: value” a line)</span>
            <textarea aria-label="Environment" rows={2} className="mono" value={draft.envText} onChange={(e) => set({ envText: e.target.value })} />
          </label>
          <p className="muted">The subject arrives as JSON on stdin; the program prints one JSON object <code>{"{label, score, explanation, passed}"}</code>.</p>
        </>
      )}
    </>
  );
}

function TimeoutField({ draft, set }: { draft: Draft; set: (p: Partial<Draft>) => void }) {
  return (
    <label className="field">
      <span className="field-label">Timeout (ms)</span>
      <input aria-label="Timeout" inputMode="numeric" placeholder={draft.kind === "HTTP" ? "30000" : "60000"} value={draft.timeoutText} onChange={(e) => set({ timeoutText: e.target.value })} />
    </label>
  );
}

function JudgeFields({ draft, set, onChange, templates }: { draft: Draft; set: (p: Partial<Draft>) => void; onChange: (d: Draft) => void; templates: JudgeTemplate[] }) {
  let railsPreview: Record<string, number> | null = null;
  try {
    railsPreview = textToRails(draft.railsText);
  } catch {
    railsPreview = null;
  }
  return (
    <>
      <label className="field">
        <span className="field-label">Template</span>
        <select
          aria-label="Template"
          value={draft.templateId ?? ""}
          onChange={(e) => {
            const t = templates.find((x) => x.id === e.target.value);
            if (t) {
              onChange({ ...draftFromTemplate(t), model: draft.model });
            } else {
              set({ templateId: null });
            }
          }}
        >
          <option value="">Custom messages</option>
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <ModelPicker value={draft.model} onChange={(model) => set({ model })} />
      <fieldset className="field messages-editor">
        <legend className="field-label">Messages (variables as {"{name}"}; span content is quoted as data, not instructions)</legend>
        {draft.messages.map((m, i) => (
          <div key={i} className="message-edit">
            <select
              aria-label={`Role of message ${i + 1}`}
              value={m.role}
              onChange={(e) => set({ messages: draft.messages.map((x, j) => (j === i ? { ...x, role: e.target.value } : x)) })}
            >
              <option>system</option>
              <option>user</option>
              <option>assistant</option>
            </select>
            <textarea
              aria-label={`Message ${i + 1}`}
              className="mono"
              rows={Math.min(14, Math.max(3, m.content.split("\n").length + 1))}
              value={m.content}
              onChange={(e) => set({ messages: draft.messages.map((x, j) => (j === i ? { ...x, content: e.target.value } : x)), templateId: draft.templateId })}
            />
            {draft.messages.length > 1 && (
              <button type="button" className="link-button" onClick={() => set({ messages: draft.messages.filter((_, j) => j !== i) })}>
                Remove
              </button>
            )}
          </div>
        ))}
        <button type="button" className="button" onClick={() => set({ messages: [...draft.messages, { role: "user", content: "" }] })}>
          Add message
        </button>
      </fieldset>
      <div className="form-row">
        <label className="field">
          <span className="field-label">Rails (“label: score” a line)</span>
          <textarea aria-label="Rails" rows={3} className="mono" value={draft.railsText} onChange={(e) => set({ railsText: e.target.value })} />
        </label>
        <div className="field">
          <label>
            <span className="field-label">Direction</span>
            <select aria-label="Direction" value={draft.direction} onChange={(e) => set({ direction: e.target.value as Direction })}>
              {DIRECTIONS.map((d) => (
                <option key={d}>{d}</option>
              ))}
            </select>
          </label>
          {railsPreview && <Rails rails={railsPreview} direction={draft.direction} />}
        </div>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={draft.includeExplanation} onChange={(e) => set({ includeExplanation: e.target.checked })} />
        Ask for an explanation before the label
      </label>
    </>
  );
}

function CodeFields({ draft, set, onChange }: { draft: Draft; set: (p: Partial<Draft>) => void; onChange: (d: Draft) => void }) {
  return (
    <>
      <div className="form-row">
        <label className="field">
          <span className="field-label">Check</span>
          <select aria-label="Check" value={draft.check} onChange={(e) => onChange(withCheck(draft, e.target.value as CodeCheck))}>
            {CODE_CHECKS.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label className="field grow">
          <span className="field-label">Variables it reads (comma-separated)</span>
          <input className="mono" aria-label="Variables" value={draft.variablesText} onChange={(e) => set({ variablesText: e.target.value })} />
        </label>
        <label className="field">
          <span className="field-label">Pass at score ≥</span>
          <input aria-label="Threshold" inputMode="decimal" placeholder="1" value={draft.thresholdText} onChange={(e) => set({ thresholdText: e.target.value })} />
        </label>
      </div>
      <label className="field">
        <span className="field-label">Parameters (JSON)</span>
        <textarea aria-label="Parameters" rows={3} className="mono" value={draft.paramsText} onChange={(e) => set({ paramsText: e.target.value })} />
      </label>
    </>
  );
}
