import { useState } from "react";
import { ApiError } from "../api/client";
import { deleteModel, listModels, testModel, type AiIntegration, type ModelTestResult } from "../api/evaluators";
import { useApi } from "../api/useApi";
import { areaSummary } from "../areas";
import { AsyncContent } from "../components/AsyncContent";
import { DataTable, type Column } from "../components/DataTable";
import { EmptyState } from "../components/EmptyState";
import { ErrorState } from "../components/ErrorState";
import { PageHeader } from "../components/PageHeader";
import { formatCount, formatLatency, formatTime, preview } from "../format";
import { ModelForm } from "../models/ModelForm";
import { useCanWrite } from "../auth/AuthContext";

/** The model configs judges call. The API never returns a key: the list says only whether one is set. */
export function ModelsPage() {
  const { state, retry } = useApi((signal) => listModels(signal), []);
  const [adding, setAdding] = useState(false);
  const canManage = useCanWrite("ADMIN");
  return (
    <>
      <PageHeader
        title="Models"
        description={areaSummary("models")}
        actions={
          !adding && canManage && (
            <button type="button" className="button primary" onClick={() => setAdding(true)}>
              Add a model
            </button>
          )
        }
      />
      {adding && (
        <ModelForm
          onCancel={() => setAdding(false)}
          onCreated={() => {
            setAdding(false);
            retry();
          }}
        />
      )}
      <AsyncContent what="model configs" state={state} onRetry={retry}>
        {({ ai_integrations: models }) =>
          models.length === 0 ? (
            <EmptyState title="No models yet">
              <p>
                Add a provider for LLM judges: OpenAI, Anthropic, Ollama, or any OpenAI-compatible endpoint by base URL
                (vLLM, LM Studio, Groq, Azure). Keys are stored encrypted and never shown again.
              </p>
            </EmptyState>
          ) : (
            <DataTable label="Models" columns={columns(retry)} rows={models} rowKey={(m) => m.id} />
          )
        }
      </AsyncContent>
    </>
  );
}

function columns(reload: () => void): Column<AiIntegration>[] {
  return [
    { header: "Name", cell: (m) => <strong>{m.name}</strong>, wrap: true },
    { header: "Provider", cell: (m) => m.provider },
    { header: "Base URL", cell: (m) => (m.base_url ? <code>{m.base_url}</code> : <span className="muted">provider default</span>), wrap: true },
    { header: "Model names", cell: (m) => (m.model_names ?? []).join(", "), wrap: true },
    { header: "API key", cell: (m) => (m.has_api_key ? <span className="badge badge-ok">key set</span> : <span className="muted">no key</span>) },
    { header: "Limits", cell: (m) => limits(m) },
    { header: "Updated", cell: (m) => formatTime(m.updated_at) },
    { header: "Actions", cell: (m) => <ModelActions model={m} onDeleted={reload} />, wrap: true },
  ];
}

function limits(m: AiIntegration): string {
  const parts = [
    m.requests_per_minute != null && `${formatCount(m.requests_per_minute)} RPM`,
    m.tokens_per_minute != null && `${formatCount(m.tokens_per_minute)} TPM`,
    m.max_concurrency != null && `${formatCount(m.max_concurrency)} in flight`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(" · ") : "—";
}

/** Test (one real call) and delete, with the outcome beside the buttons. */
function ModelActions({ model, onDeleted }: { model: AiIntegration; onDeleted: () => void }) {
  const names = model.model_names ?? [];
  const [modelName, setModelName] = useState(names[0] ?? "");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ModelTestResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async () => {
    setBusy(true);
    setResult(null);
    setError(null);
    try {
      setResult(await testModel(model.id, modelName || undefined));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ title: "Unexpected error", status: 0, detail: String(e) }));
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    if (!window.confirm(`Delete model config “${model.name}”? Judges that use it stop working until you pick another.`)) return;
    try {
      await deleteModel(model.id);
      onDeleted();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ title: "Unexpected error", status: 0, detail: String(e) }));
    }
  };
  return (
    <div className="row-actions" aria-label={`Actions for ${model.name}`}>
      <div className="inline-controls">
        {names.length > 1 && (
          <select aria-label={`Model to test for ${model.name}`} value={modelName} onChange={(e) => setModelName(e.target.value)}>
            {names.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        )}
        <button type="button" className="button" onClick={run} disabled={busy}>
          {busy ? "Testing…" : "Test"}
        </button>
        <button type="button" className="button danger" onClick={remove}>
          Delete
        </button>
      </div>
      {result && (
        <p className="test-ok" role="status">
          {result.model_name} answered in {formatLatency(result.latency_ms)}: “{preview(result.response_text, 80)}”
          <span className="muted"> ({formatCount(result.input_tokens)} in, {formatCount(result.output_tokens)} out)</span>
        </p>
      )}
      {error && <ErrorState what="a reply" error={error} />}
    </div>
  );
}
