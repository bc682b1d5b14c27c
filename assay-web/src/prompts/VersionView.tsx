import type { PromptVersion } from "../api/prompts";
import { formatTime } from "../format";

/** A version as stored: its messages, model and invocation parameters. */
export function VersionView({ version }: { version: PromptVersion }) {
  const params = version.invocation_params ?? {};
  return (
    <div className="version-view">
      <dl className="facts inline">
        <dt>Model</dt>
        <dd>{version.model ? `${version.provider} / ${version.model}` : version.provider}</dd>
        <dt>Template</dt>
        <dd>{version.template_type ?? "CHAT"}, {version.input_variable_format === "MUSTACHE" ? "mustache" : "f-string"}</dd>
        <dt>Commit</dt>
        <dd><code>{version.commit_hash.slice(0, 12)}</code></dd>
        <dt>Created</dt>
        <dd>{formatTime(version.created_at)}</dd>
      </dl>
      <ul className="messages" aria-label="Messages">
        {version.messages.map((m, i) => (
          <li key={i} className={`message role-${m.role.toLowerCase()}`}>
            <div className="message-role">{m.role.toLowerCase()}</div>
            <div className="message-content">{m.content}</div>
          </li>
        ))}
      </ul>
      {Object.keys(params).length > 0 && <pre className="payload" aria-label="Invocation parameters">{JSON.stringify(params, null, 2)}</pre>}
    </div>
  );
}
