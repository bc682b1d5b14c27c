import { useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { ApiError } from "../api/client";
import {
  createEvaluator, createVersion, deleteEvaluator, getEvaluator, KIND_TITLES, listTemplates, specOf, testEvaluator, typeOfKind,
  type EvaluatorWithVersion, type JudgeTemplate, type SpecKind, type TestResponse,
} from "../api/evaluators";
import { useApi } from "../api/useApi";
import { AsyncContent } from "../components/AsyncContent";
import { ErrorState } from "../components/ErrorState";
import { PageHeader } from "../components/PageHeader";
import { rememberedProject } from "../currentProject";
import { draftFromSpec, draftFromTemplate, draftVariables, DraftError, emptyDraft, toSpec, withCheck, type Draft } from "../evaluators/draft";
import { KindFields } from "../evaluators/KindFields";
import { SamplePanel } from "../evaluators/SamplePanel";
import { TestResults } from "../evaluators/TestResults";
import { VersionHistory } from "../evaluators/VersionHistory";
import { evaluatorPath } from "../urls";

/**
 * Create (`/evaluators/new`, `?template=<id>` to start from a judge template) or edit
 * (`/evaluators/:evaluatorId`: each save is a new version) an evaluator.
 */
export function EvaluatorEditPage() {
  const { evaluatorId } = useParams();
  const [params] = useSearchParams();
  const templateId = params.get("template");
  const templates = useApi((signal) => listTemplates(signal), []);
  const existing = useApi(
    (signal) => (evaluatorId ? getEvaluator(evaluatorId, signal) : Promise.resolve(null)),
    [evaluatorId],
  );
  return (
    <AsyncContent what="judge templates" state={templates.state} onRetry={templates.retry}>
      {({ templates: list }) => (
        <AsyncContent what="the evaluator" state={existing.state} onRetry={existing.retry}>
          {(evaluator) => {
            const template = list.find((t) => t.id === templateId);
            if (templateId && !template && !evaluator) {
              return <ErrorState what="the template" error={new ApiError({ title: `No judge template “${templateId}”`, status: 404 })} />;
            }
            const initial = evaluator ? draftFromSpec(specOf(evaluator.version)) : template ? draftFromTemplate(template) : emptyDraft();
            return (
              <EvaluatorForm
                key={`${evaluator?.version.id ?? "new"}-${templateId ?? ""}`}
                initial={initial}
                templates={list}
                evaluator={evaluator}
                onSaved={existing.retry}
              />
            );
          }}
        </AsyncContent>
      )}
    </AsyncContent>
  );
}

const KINDS: SpecKind[] = ["LLM_JUDGE", "CODE", "EMBEDDING", "HTTP", "COMMAND"];

interface FormProps {
  initial: Draft;
  templates: JudgeTemplate[];
  evaluator: EvaluatorWithVersion | null;
  onSaved: () => void;
}

function EvaluatorForm({ initial, templates, evaluator, onSaved }: FormProps) {
  const navigate = useNavigate();
  const [draft, setDraft] = useState(initial);
  const [name, setName] = useState(evaluator?.name ?? initial.resultName);
  const [description, setDescription] = useState(evaluator?.description ?? "");
  const [commitMessage, setCommitMessage] = useState("");
  const [projectId, setProjectId] = useState(rememberedProject() ?? "");
  const [filter, setFilter] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);
  const [saving, setSaving] = useState(false);
  const [results, setResults] = useState<TestResponse | null>(null);
  const [testError, setTestError] = useState<ApiError | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [versionsKey, setVersionsKey] = useState(0);

  /** The spec, or null after showing why it is not valid yet. */
  const spec = () => {
    try {
      const s = toSpec(draft);
      setProblem(null);
      return s;
    } catch (e) {
      setProblem(e instanceof DraftError ? e.message : String(e));
      return null;
    }
  };

  const runTest = async () => {
    const s = spec();
    if (!s) return;
    if (!projectId) {
      setProblem("Choose a project to take the samples from.");
      return;
    }
    setTesting(true);
    setTestError(null);
    setResults(null);
    try {
      setResults(await testEvaluator({ project_id: projectId, spec: s, filter: filter || undefined, limit: 5 }));
    } catch (e) {
      setTestError(e instanceof ApiError ? e : new ApiError({ title: "Unexpected error", status: 0, detail: String(e) }));
    } finally {
      setTesting(false);
    }
  };

  const save = async () => {
    const s = spec();
    if (!s) return;
    if (!evaluator && !name.trim()) {
      setProblem("Give the evaluator a name.");
      return;
    }
    setSaving(true);
    setSaveError(null);
    try {
      if (evaluator) {
        await createVersion(evaluator.id, { commit_message: commitMessage.trim() || "Edited in the web UI", spec: s });
        setCommitMessage("");
        setVersionsKey((k) => k + 1);
        onSaved();
      } else {
        const created = await createEvaluator({
          name: name.trim(), description: description.trim() || undefined, type: typeOfKind(s.kind),
          commit_message: "Created in the web UI", spec: s,
        });
        navigate(evaluatorPath(created.id));
      }
    } catch (e) {
      setSaveError(e instanceof ApiError ? e : new ApiError({ title: "Unexpected error", status: 0, detail: String(e) }));
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!evaluator || !window.confirm(`Delete evaluator “${evaluator.name}”? Results it already wrote are kept.`)) return;
    try {
      await deleteEvaluator(evaluator.id);
      navigate("/evaluators");
    } catch (e) {
      setSaveError(e instanceof ApiError ? e : new ApiError({ title: "Unexpected error", status: 0, detail: String(e) }));
    }
  };

  return (
    <>
      <PageHeader
        title={evaluator ? evaluator.name : "New evaluator"}
        context={<Link to="/evaluators">Evaluators</Link>}
        description={
          evaluator
            ? `${KIND_TITLES[draft.kind]} · version ${evaluator.version.version_number}. Saving makes a new version; earlier versions stay as they were.`
            : "Choose a kind, map its variables against a real span, test it on samples, then save."
        }
        actions={evaluator && (
          <button type="button" className="button danger" onClick={remove}>
            Delete
          </button>
        )}
      />
      {/* Not a <form>: Enter in a field must not submit; the buttons say what happens. */}
      <div className="evaluator-form">
        <section className="form-section" aria-labelledby="kind-title">
          <h2 id="kind-title">Kind</h2>
          {evaluator ? (
            <p>
              <span className="badge">{KIND_TITLES[draft.kind]}</span> <span className="muted">(a version keeps its evaluator's kind)</span>
            </p>
          ) : (
            <div className="segmented" role="radiogroup" aria-label="Kind">
              {KINDS.map((k) => (
                <button
                  key={k}
                  type="button"
                  role="radio"
                  aria-checked={draft.kind === k}
                  className={draft.kind === k ? "button active" : "button"}
                  onClick={() => setDraft(k === "CODE" ? withCheck({ ...draft, kind: k }, draft.check) : { ...draft, kind: k })}
                >
                  {KIND_TITLES[k]}
                </button>
              ))}
            </div>
          )}
          {!evaluator && (
            <div className="form-row">
              <label className="field">
                <span className="field-label">Evaluator name</span>
                <input aria-label="Evaluator name" value={name} onChange={(e) => setName(e.target.value)} />
              </label>
              <label className="field grow">
                <span className="field-label">Description</span>
                <input aria-label="Description" value={description} onChange={(e) => setDescription(e.target.value)} />
              </label>
            </div>
          )}
          <KindFields draft={draft} onChange={setDraft} templates={templates} />
        </section>
        <SamplePanel
          projectId={projectId}
          onProject={setProjectId}
          filter={filter}
          onFilter={setFilter}
          variables={draftVariables(draft)}
          mappings={draft.mappings}
          onMapping={(v, to) => setDraft({ ...draft, mappings: { ...draft.mappings, [v]: to } })}
          readOnly={draft.kind === "EMBEDDING"}
          granularity={draft.granularity}
        />
        <section className="form-section" aria-labelledby="try-title">
          <h2 id="try-title">Try and save</h2>
          {problem && (
            <p className="filter-error" role="alert">
              {problem}
            </p>
          )}
          <div className="form-actions">
            <button type="button" className="button" onClick={runTest} disabled={testing}>
              {testing ? "Testing…" : "Test on 5 samples"}
            </button>
            {evaluator && (
              <input
                aria-label="Commit message"
                placeholder="What changed (commit message)"
                value={commitMessage}
                onChange={(e) => setCommitMessage(e.target.value)}
                className="grow"
              />
            )}
            <button type="button" className="button primary" onClick={save} disabled={saving}>
              {saving ? "Saving…" : evaluator ? "Save new version" : "Save evaluator"}
            </button>
          </div>
          {testing && (
            <p className="loading-full" role="status">
              <span className="spinner" aria-hidden="true" /> Running on up to 5 recent samples; nothing is stored…
            </p>
          )}
          {testError && <ErrorState what="test results" error={testError} />}
          {saveError && <ErrorState what="the evaluator (not saved)" error={saveError} />}
          {results && <TestResults response={results} />}
        </section>
      </div>
      {evaluator && <VersionHistory key={versionsKey} evaluatorId={evaluator.id} current={evaluator.version.id} />}
    </>
  );
}
