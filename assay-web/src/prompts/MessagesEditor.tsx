import type { Message, Role, TemplateType } from "../api/prompts";

const ROLES: Role[] = ["SYSTEM", "USER", "ASSISTANT"];

interface Props {
  messages: Message[];
  type: TemplateType;
  onChange: (messages: Message[]) => void;
}

/** The template's messages, each a role and its text; a text (STR) template is one USER message. */
export function MessagesEditor({ messages, type, onChange }: Props) {
  const update = (i: number, change: Partial<Message>) => onChange(messages.map((m, j) => (j === i ? { ...m, ...change } : m)));
  return (
    <fieldset className="field messages-editor">
      <legend className="field-label">{type === "STR" ? "Template" : "Messages"}</legend>
      {messages.map((m, i) => (
        <div key={i} className="message-edit">
          <select aria-label={`Role of message ${i + 1}`} value={m.role} disabled={type === "STR"} onChange={(e) => update(i, { role: e.target.value as Role })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r.toLowerCase()}
              </option>
            ))}
          </select>
          <textarea className="mono" rows={4} aria-label={`Message ${i + 1}`} value={m.content ?? ""} onChange={(e) => update(i, { content: e.target.value })} />
          {type === "CHAT" && messages.length > 1 && (
            <button type="button" className="button" aria-label={`Remove message ${i + 1}`} onClick={() => onChange(messages.filter((_, j) => j !== i))}>
              Remove
            </button>
          )}
        </div>
      ))}
      {type === "CHAT" && (
        <div>
          <button type="button" className="button" onClick={() => onChange([...messages, { role: "USER", content: "" }])}>
            Add message
          </button>
        </div>
      )}
    </fieldset>
  );
}
