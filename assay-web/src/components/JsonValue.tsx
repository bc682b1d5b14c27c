import { useState } from "react";

/** JSON on one line, cut to `max` characters. */
export function compactJson(value: unknown, max = 80): string {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? "";
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A JSON value shown compactly; a click expands it to indented JSON (and collapses it again). */
export function JsonValue({ value, label }: { value: unknown; label: string }) {
  const [open, setOpen] = useState(false);
  const empty = value == null || (typeof value === "object" && Object.keys(value as object).length === 0);
  if (empty) return <span className="muted">—</span>;
  return (
    <div className="json-value">
      <button type="button" className="json-toggle" aria-expanded={open} aria-label={`${open ? "Collapse" : "Expand"} ${label}`} onClick={() => setOpen(!open)}>
        {open ? "▾" : "▸"}
      </button>
      {open ? <pre className="payload">{JSON.stringify(value, null, 2)}</pre> : <code className="json-compact">{compactJson(value)}</code>}
    </div>
  );
}
