import { useEffect, useState } from "react";
import type { ApiError } from "../api/client";
import { listModels } from "../api/evaluators";
import { renderVersion, runVersion, type PromptVersion, type Rendered, type RunResult } from "../api/prompts";
import { asApiError } from "../api/raw";
import { useApi } from "../api/useApi";
import { ErrorState } from "../components/ErrorState";
import { formatCount, formatLatency } from "../format";
import { templateVariables } from "./variables";

/**
 * Tries a version: a field per template variable, the rendered messages (missing variables named, as the
 * server finds them), and Run on a stored model config, showing the output, tokens and latency.
 */
export function Playground({ version }: { version: PromptVersion }) {
  const names = templateVariables(version.messages, version.input_variable_format);
  const [values, setValues] = useState<Record<string, string>>({});
  const [rendered, setRendered] = useState<Rendered | null>(null);
  const [model, setModel] = useState("");
  const [result, setResult] = useState<RunResult | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const variables = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ""));
  const key = JSON.stringify(variables);

  // Renders again as the variables change (debounced), so the missing ones are always current.
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      renderVersion(version.id, variables, controller.signal).then(setRendered, (e: unknown) => {
        if (!controller.signal.aborted) setError(asApiError(e));
      });
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [version.id, key]);

  const run = async () => {
    const [configId, modelName] = model.split("\u0000");
    setRunning(true);
    setError(null);
    setResult(null);
    try {
      setResult(await runVersion(version.id, { variables, ai_integration_id: configId ?? "", ...(modelName ? { model: modelName } : {}) }));
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setRunning(false);
    }
  };
  const missing = rendered?.missing ?? [];
  return (
    <section className="form-section playground" aria-label="Playground">
      <h2>Playground</h2>
      <div className="form-row">
        {names.length === 0 && <p className="muted">This version has no variables.</p>}
        {names.map((n) => (
          <label key={n} className="field grow">
            <span className="field-label">{n}</span>
            <textarea rows={2} aria-label={`Variable ${n}`} value={values[n] ?? ""} onChange={(e) => setValues({ ...values, [n]: e.target.value })} />
          </label>
        ))}
      </div>
      {missing.length > 0 && (
        <p className="error-text" role="status" aria-label="Missing variables">
          Missing: {missing.map((m) => <code key={m} className="var">{m}</code>)}
        </p>
      )}
      {rendered && (
        <ul className="messages" aria-label="Rendered messages">
          {rendered.messages.map((m, i) => (
            <li key={i} className={`message role-${m.role.toLowerCase()}`}>
              <div className="message-role">{m.role.toLowerCase()}</div>
              <div className="message-content">{m.content}</div>
            </li>
          ))}
        </ul>
      )}
      <div className="form-actions">
        <ModelConfigSelect value={model} onChange={setModel} />
        <button type="button" className="button primary" disabled={running || !model || missing.length > 0} onClick={() => void run()}>
          {running ? "Running…" : "Run"}
        </button>
      </div>
      {error && <ErrorState what="the run" error={error} />}
      {result && (
        <div className="run-result" aria-label="Run result">
          <dl className="facts inline">
            <dt>Model</dt>
            <dd>{result.model}</dd>
            <dt>Tokens</dt>
            <dd>{formatCount(result.input_tokens)} in · {formatCount(result.output_tokens)} out</dd>
            <dt>Latency</dt>
            <dd>{formatLatency(result.latency_ms)}</dd>
          </dl>
          <pre className="payload" aria-label="Output">{result.output ?? ""}</pre>
        </div>
      )}
    </section>
  );
}

/** A stored model config and one of its models, as `<config id>\0<model>`. */
function ModelConfigSelect({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { state, retry } = useApi((signal) => listModels(signal), []);
  if (state.status === "error") return <ErrorState what="model configs" error={state.error} onRetry={retry} compact />;
  const options = state.status === "ok" ? state.data.ai_integrations.flatMap((c) => (c.model_names ?? []).map((m) => ({ key: `${c.id}\u0000${m}`, label: `${c.name} / ${m}` }))) : [];
  return (
    <select aria-label="Model config" value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{state.status === "loading" ? "Loading models…" : options.length === 0 ? "No model configured (add one under Models)" : "Choose a model"}</option>
      {options.map((o) => (
        <option key={o.key} value={o.key}>{o.label}</option>
      ))}
    </select>
  );
}
