import { useState } from "react";

interface Props {
  /** What the secret is, e.g. "API key" or "Temporary password". */
  label: string;
  secret: string;
  /** What to do with it, one line. */
  hint?: string;
  onDone: () => void;
}

/**
 * A secret the server returns exactly once (a new API key, a temporary password): shown with a copy
 * button and a plain warning, then forgotten when dismissed. It is never stored in the browser.
 */
export function OneTimeSecret({ label, secret, hint, onDone }: Props) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  };
  return (
    <section className="one-time-secret" aria-label={`New ${label.toLowerCase()}`}>
      <p className="state-title">{label}</p>
      <p className="secret-warning">
        Copy it now: <strong>you won't see it again.</strong> {hint}
      </p>
      <div className="inline-controls">
        <code className="secret-value" aria-label={label}>
          {secret}
        </code>
        <button type="button" className="button" onClick={() => void copy()}>
          {copied === "yes" ? "Copied" : "Copy"}
        </button>
        <button type="button" className="button primary" onClick={onDone}>
          Done
        </button>
      </div>
      {copied === "failed" && <p className="error-text">The browser refused the clipboard; select the text and copy it.</p>}
    </section>
  );
}
