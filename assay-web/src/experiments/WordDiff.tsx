import { wordDiff } from "./wordDiff";

/** The baseline's output against this experiment's: removed words struck through, added ones marked. */
export function WordDiff({ before, after }: { before: string | null | undefined; after: string | null | undefined }) {
  const parts = wordDiff(before ?? "", after ?? "");
  return (
    <div className="word-diff" aria-label="Output diff">
      {parts.map((p, i) =>
        p.kind === "same" ? <span key={i}>{p.text}</span> : p.kind === "added" ? <ins key={i}>{p.text}</ins> : <del key={i}>{p.text}</del>,
      )}
    </div>
  );
}
