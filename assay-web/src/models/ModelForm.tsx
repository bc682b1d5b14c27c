import { useState } from "react";
import { ApiError } from "../api/client";
import { createModel, type Provider } from "../api/evaluators";
import { ErrorState } from "../components/ErrorState";

const PROVIDERS: { value: Provider; label: string; baseUrl: string }[] = [
  { value: "OPEN_AI", label: "OpenAI", baseUrl: "" },
  { value: "ANTHROPIC", label: "Anthropic", baseUrl: "" },
  { value: "OLLAMA", label: "Ollama", baseUrl: "http://localhost:11434" },
  { value: "AZURE_OPEN_AI", label: "Azure OpenAI", baseUrl: "" },
  { value: "CUSTOM", label: "OpenAI-compatible (vLLM, LM Studio, Groq …)", baseUrl: "http://localhost:8000/v1" },
];

/** Adds a model config. The key is a password field: it goes to the server once and is stored encrypted. */
export function ModelForm({ onCreated, onCancel }: { onCreated: () => void; onCancel: () => void }) {
  const [name, setName] = useState("");
  const [provider, setProvider] = useState<Provider>("OPEN_AI");
  const [baseUrl, setBaseUrl] = useState("");
  const [modelNames, setModelNames] = useState("");
  const [apiKey, setApiKey] = useState("");
  const [rpm, setRpm] = useState("");
  const [tpm, setTpm] = useState("");
  const [concurrency, setConcurrency] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const models = modelNames.split(",").map((s) => s.trim()).filter(Boolean);
    const numbers = { rpm: optionalInt(rpm), tpm: optionalInt(tpm), concurrency: optionalInt(concurrency) };
    if (!name.trim()) return setProblem("Give the config a name.");
    if (models.length === 0) return setProblem("List at least one model name (e.g. gpt-4o-mini).");
    if (Object.values(numbers).some((n) => n === false)) return setProblem("Limits must be whole numbers above zero.");
    setProblem(null);
    setSaving(true);
    setError(null);
    try {
      await createModel({
        name: name.trim(), provider, base_url: baseUrl.trim() || undefined, model_names: models,
        api_key: apiKey || undefined,
        requests_per_minute: numbers.rpm || null, tokens_per_minute: numbers.tpm || null, max_concurrency: numbers.concurrency || null,
      });
      setApiKey("");
      onCreated();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ title: "Unexpected error", status: 0, detail: String(e) }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="form-section"
      aria-label="New model"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>New model</h2>
      <div className="form-row">
        <label className="field">
          <span className="field-label">Name</span>
          <input aria-label="Name" value={name} onChange={(e) => setName(e.target.value)} placeholder="openai-judges" />
        </label>
        <label className="field">
          <span className="field-label">Provider</span>
          <select
            aria-label="Provider"
            value={provider}
            onChange={(e) => {
              const next = e.target.value as Provider;
              setProvider(next);
              if (!baseUrl || PROVIDERS.some((p) => p.baseUrl === baseUrl)) setBaseUrl(PROVIDERS.find((p) => p.value === next)?.baseUrl ?? "");
            }}
          >
            {PROVIDERS.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field grow">
          <span className="field-label">Base URL (empty: the provider's default)</span>
          <input aria-label="Base URL" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} placeholder="https://api.openai.com/v1" />
        </label>
      </div>
      <div className="form-row">
        <label className="field grow">
          <span className="field-label">Model names (comma-separated)</span>
          <input aria-label="Model names" value={modelNames} onChange={(e) => setModelNames(e.target.value)} placeholder="gpt-4o-mini, gpt-4o" />
        </label>
        <label className="field grow">
          <span className="field-label">API key (stored encrypted, never shown again)</span>
          <input aria-label="API key" type="password" autoComplete="new-password" value={apiKey} onChange={(e) => setApiKey(e.target.value)} />
        </label>
      </div>
      <div className="form-row">
        <label className="field">
          <span className="field-label">Requests per minute</span>
          <input aria-label="Requests per minute" inputMode="numeric" value={rpm} onChange={(e) => setRpm(e.target.value)} placeholder="no limit" />
        </label>
        <label className="field">
          <span className="field-label">Tokens per minute</span>
          <input aria-label="Tokens per minute" inputMode="numeric" value={tpm} onChange={(e) => setTpm(e.target.value)} placeholder="no limit" />
        </label>
        <label className="field">
          <span className="field-label">Calls in flight</span>
          <input aria-label="Calls in flight" inputMode="numeric" value={concurrency} onChange={(e) => setConcurrency(e.target.value)} placeholder="default" />
        </label>
      </div>
      {problem && (
        <p className="filter-error" role="alert">
          {problem}
        </p>
      )}
      {error && <ErrorState what="the model (not saved)" error={error} />}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={saving}>
          {saving ? "Saving…" : "Save model"}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** A positive whole number, null when empty, false when not valid. */
function optionalInt(text: string): number | null | false {
  if (text.trim() === "") return null;
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : false;
}
