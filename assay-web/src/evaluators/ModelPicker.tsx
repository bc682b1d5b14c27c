import { Link } from "react-router";
import { listModels, type AiIntegration, type ModelRef } from "../api/evaluators";
import { useApi } from "../api/useApi";
import { ErrorState } from "../components/ErrorState";

interface Props {
  value: ModelRef | null;
  onChange: (model: ModelRef | null) => void;
  /** Embeddings may run in-process: then "none" is a real choice, not a missing model. */
  noneLabel?: string;
}

/** Picks a stored model config and one of its model names; says how to add one when there is none. */
export function ModelPicker({ value, onChange, noneLabel }: Props) {
  const { state, retry } = useApi((signal) => listModels(signal), []);
  if (state.status === "error") return <ErrorState what="model configs" error={state.error} onRetry={retry} />;
  const configs = state.status === "ok" ? state.data.ai_integrations : [];
  const options = configs.flatMap((c) => (c.model_names ?? []).map((m) => ({ key: `${c.id}\u0000${m}`, label: `${c.name} / ${m}`, ref: { model_config_id: c.id, model_name: m } })));
  // A stored spec may name its config by API id, store id or name: match any of them.
  const match = value ? configs.find((c) => sameConfig(c, value.model_config_id)) : undefined;
  const current = value ? `${match?.id ?? value.model_config_id}\u0000${value.model_name}` : "";
  const known = options.some((o) => o.key === current);
  return (
    <div className="field">
      <label>
        <span className="field-label">{noneLabel ? "Embedding model" : "Judge model"}</span>
        <select
          value={current}
          disabled={state.status === "loading"}
          onChange={(e) => onChange(options.find((o) => o.key === e.target.value)?.ref ?? null)}
        >
          <option value="">{state.status === "loading" ? "Loading models…" : noneLabel ?? "Choose a model"}</option>
          {value && !known && <option value={current}>{value.model_name} (config {value.model_config_id})</option>}
          {options.map((o) => (
            <option key={o.key} value={o.key}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      {state.status === "ok" && options.length === 0 && !noneLabel && (
        <p className="notice" role="note">
          No model is configured yet, so this judge cannot run. <Link to="/models">Add a model</Link> (an OpenAI-compatible,
          Anthropic or Ollama endpoint), then pick it here.
        </p>
      )}
    </div>
  );
}

/** Whether `ref` names this config: its API id, the store id inside it (`base64("AiIntegration:<id>")`), or its name. */
function sameConfig(config: AiIntegration, ref: string): boolean {
  if (config.id === ref || config.name === ref) return true;
  try {
    const decoded = atob(config.id);
    return decoded.slice(decoded.indexOf(":") + 1) === ref;
  } catch {
    return false;
  }
}
