import { useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import type { ApiError } from "../api/client";
import {
  createPrompt, createPromptVersion, getPrompt, listPromptVersions,
  type Message, type PromptVersion, type TemplateType, type VariableFormat, type VersionDraft,
} from "../api/prompts";
import { asApiError } from "../api/raw";
import { useApi } from "../api/useApi";
import { AsyncContent } from "../components/AsyncContent";
import { ErrorState } from "../components/ErrorState";
import { PageHeader } from "../components/PageHeader";
import { MessagesEditor } from "../prompts/MessagesEditor";
import { templateVariables } from "../prompts/variables";
import { promptPath } from "../urls";

const PROVIDERS: VersionDraft["provider"][] = ["OPEN_AI", "AZURE_OPEN_AI", "ANTHROPIC", "AWS_BEDROCK", "VERTEX_AI", "CUSTOM"];

/** A new prompt (`/prompts/new`) or a new version of one (`/prompts/:promptId/new-version?from=<version>`). */
export function PromptEditPage() {
  const promptId = useParams().promptId;
  const from = useSearchParams()[0].get("from");
  const { state, retry } = useApi(async (signal) => {
    if (!promptId) return { name: "", start: null };
    const [prompt, versions] = await Promise.all([getPrompt(promptId, signal), listPromptVersions(promptId, signal)]);
    const start = versions.find((v) => v.id === from) ?? prompt.version ?? versions[0] ?? null;
    return { name: prompt.name, start };
  }, [promptId, from]);
  return (
    <AsyncContent what="the prompt" state={state} onRetry={retry}>
      {({ name, start }) => <PromptForm promptId={promptId} promptName={name} start={start} />}
    </AsyncContent>
  );
}

function PromptForm({ promptId, promptName, start }: { promptId?: string; promptName: string; start: PromptVersion | null }) {
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [commit, setCommit] = useState("");
  const [type, setType] = useState<TemplateType>(start?.template_type ?? "CHAT");
  const [format, setFormat] = useState<VariableFormat>(start?.input_variable_format === "MUSTACHE" ? "MUSTACHE" : start ? "F_STRING" : "MUSTACHE");
  const [provider, setProvider] = useState<VersionDraft["provider"]>(start?.provider ?? "OPEN_AI");
  const [model, setModel] = useState(start?.model ?? "");
  const [params, setParams] = useState(start?.invocation_params && Object.keys(start.invocation_params).length > 0 ? JSON.stringify(start.invocation_params, null, 2) : "");
  const [messages, setMessages] = useState<Message[]>(
    start?.messages.map((m) => ({ role: m.role, content: m.content ?? "" })) ?? [
      { role: "SYSTEM", content: "You are a helpful assistant." },
      { role: "USER", content: "{{question}}" },
    ],
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const changeType = (next: TemplateType) => {
    setType(next);
    if (next === "STR") setMessages([{ role: "USER", content: messages.map((m) => m.content ?? "").join("\n\n") }]);
  };
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      let invocation: Record<string, unknown> | undefined;
      if (params.trim()) {
        try {
          invocation = JSON.parse(params) as Record<string, unknown>;
        } catch {
          throw new Error("Invocation parameters must be a JSON object, e.g. {\"temperature\": 0.2}");
        }
      }
      const draft: VersionDraft = {
        commit_message: commit.trim() || (promptId ? "New version" : "First version"),
        input_variable_format: format,
        template_type: type,
        provider,
        ...(model.trim() ? { model: model.trim() } : {}),
        messages,
        ...(invocation ? { invocation_params: invocation } : {}),
      };
      if (promptId) {
        const version = await createPromptVersion(promptId, draft);
        navigate(promptPath(promptId, version.id));
      } else {
        const created = await createPrompt(name.trim(), description.trim(), draft);
        navigate(promptPath(created.id, created.version.id));
      }
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const variables = templateVariables(messages, format);
  return (
    <>
      <PageHeader
        title={promptId ? `New version of ${promptName}` : "New prompt"}
        context={promptId ? <Link to={promptPath(promptId)}>{promptName}</Link> : <Link to="/prompts">Prompts</Link>}
        description="Versions are immutable: saving adds a version, and labels decide which one is used."
      />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {!promptId && (
          <section className="form-section">
            <div className="form-row">
              <label className="field grow">
                <span className="field-label">Name</span>
                <input aria-label="Prompt name" value={name} onChange={(e) => setName(e.target.value)} required />
              </label>
              <label className="field grow">
                <span className="field-label">Description</span>
                <input aria-label="Description" value={description} onChange={(e) => setDescription(e.target.value)} />
              </label>
            </div>
          </section>
        )}
        <section className="form-section">
          <div className="form-row">
            <label className="field">
              <span className="field-label">Template type</span>
              <select aria-label="Template type" value={type} onChange={(e) => changeType(e.target.value as TemplateType)}>
                <option value="CHAT">Chat (messages)</option>
                <option value="STR">Text (one user message)</option>
              </select>
            </label>
            <label className="field">
              <span className="field-label">Variables</span>
              <select aria-label="Template format" value={format} onChange={(e) => setFormat(e.target.value as VariableFormat)}>
                <option value="MUSTACHE">Mustache {"{{name}}"}</option>
                <option value="F_STRING">f-string {"{name}"}</option>
              </select>
            </label>
            <label className="field">
              <span className="field-label">Provider</span>
              <select aria-label="Provider" value={provider} onChange={(e) => setProvider(e.target.value as VersionDraft["provider"])}>
                {PROVIDERS.map((p) => <option key={p} value={p}>{p}</option>)}
              </select>
            </label>
            <label className="field grow">
              <span className="field-label">Model</span>
              <input aria-label="Model" value={model} placeholder="gpt-4o-mini" onChange={(e) => setModel(e.target.value)} />
            </label>
          </div>
          <MessagesEditor messages={messages} type={type} onChange={setMessages} />
          <p className="muted">
            Variables: {variables.length === 0 ? "none" : variables.map((v) => <code key={v} className="var">{v}</code>)}
          </p>
          <label className="field">
            <span className="field-label">Invocation parameters (JSON)</span>
            <textarea className="mono" rows={3} aria-label="Invocation parameters" value={params} placeholder='{"temperature": 0.2, "max_tokens": 256}' onChange={(e) => setParams(e.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">Commit message</span>
            <input aria-label="Commit message" value={commit} onChange={(e) => setCommit(e.target.value)} />
          </label>
        </section>
        {error && <ErrorState what="the version (not saved)" error={error} />}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? "Saving…" : promptId ? "Save version" : "Create prompt"}
          </button>
          <Link className="button" to={promptId ? promptPath(promptId) : "/prompts"}>Cancel</Link>
        </div>
      </form>
    </>
  );
}
