/*
 * A word diff of two outputs (longest common subsequence over words and the spaces between them), for the
 * compare view. Quadratic, so long texts past MAX_CELLS are shown as one removal and one addition.
 */

export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

const MAX_CELLS = 2_000_000;

function tokens(text: string): string[] {
  return text.split(/(\s+)/).filter((t) => t !== "");
}

export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  if (a.length * b.length > MAX_CELLS) {
    return [
      ...(before ? [{ kind: "removed" as const, text: before }] : []),
      ...(after ? [{ kind: "added" as const, text: after }] : []),
    ];
  }
  // lcs[i][j] = length of the LCS of a[i..] and b[j..], in one flat array.
  const w = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * w);
  const at = (k: number) => lcs[k] ?? 0;
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * w + j] = a[i] === b[j] ? at((i + 1) * w + j + 1) + 1 : Math.max(at((i + 1) * w + j), at(i * w + j + 1));
    }
  }
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart["kind"], text: string) => {
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? "";
    const y = b[j] ?? "";
    if (x === y) {
      push("same", x);
      i++;
      j++;
    } else if (at((i + 1) * w + j) >= at(i * w + j + 1)) {
      push("removed", x);
      i++;
    } else {
      push("added", y);
      j++;
    }
  }
  for (; i < a.length; i++) push("removed", a[i] ?? "");
  for (; j < b.length; j++) push("added", b[j] ?? "");
  return parts;
}
