import { Link } from "react-router";
import { describeTask, type Experiment } from "../api/experiments";
import { getPrompt, getPromptVersion } from "../api/prompts";
import { useApi } from "../api/useApi";
import { promptPath } from "../urls";

/** What an experiment ran: a prompt task names its prompt and version (a link), others their URL or command. */
export function TaskLabel({ task }: { task: Experiment["task"] }) {
  const t = (task ?? {}) as Record<string, unknown>;
  const versionId = t.type === "PROMPT" && typeof t.prompt_version_id === "string" ? t.prompt_version_id : null;
  const { state } = useApi(async (signal) => {
    if (!versionId) return null;
    const version = await getPromptVersion(versionId, signal);
    const prompt = await getPrompt(version.prompt_id, signal);
    return { version, prompt };
  }, [versionId]);
  if (!versionId || state.status !== "ok" || !state.data) {
    return <span className="preview wide" title={describeTask(task)}>{describeTask(task)}</span>;
  }
  const { version, prompt } = state.data;
  return (
    <Link to={promptPath(prompt.id, version.id)}>
      {prompt.name} v{version.version_number}
      {typeof t.model === "string" ? <span className="muted"> · {t.model}</span> : null}
    </Link>
  );
}
