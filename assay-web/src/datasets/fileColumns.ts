/*
 * Reads the column names and first rows of a file the user is about to upload, in the browser, so the
 * upload dialog can offer them as input / output / metadata keys and preview the examples. The server
 * parses the file again (DatasetUploads); this only has to be right about the columns.
 */

export type UploadFormat = "csv" | "jsonl" | "json";

export interface FilePreview {
  format: UploadFormat;
  columns: string[];
  rows: Record<string, unknown>[];
}

export function formatOf(fileName: string): UploadFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  if (lower.endsWith(".json")) return "json";
  return "csv";
}

/** Parses CSV per RFC 4180 (quoted fields, doubled quotes, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f !== ""));
}

const PREVIEW_ROWS = 5;

export function previewFile(text: string, format: UploadFormat): FilePreview {
  let records: Record<string, unknown>[];
  if (format === "csv") {
    const [header = [], ...body] = parseCsv(text.replace(/^\uFEFF/, ""));
    records = body.slice(0, PREVIEW_ROWS).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
    return { format, columns: header, rows: records };
  }
  if (format === "jsonl") {
    records = text.split(/\r?\n/).filter((l) => l.trim()).slice(0, 200).map((l) => JSON.parse(l) as Record<string, unknown>);
  } else {
    const parsed = JSON.parse(text) as unknown;
    records = Array.isArray(parsed) ? (parsed as Record<string, unknown>[]) : [parsed as Record<string, unknown>];
  }
  const columns = [...new Set(records.flatMap((r) => (r && typeof r === "object" ? Object.keys(r) : [])))];
  return { format, columns, rows: records.slice(0, PREVIEW_ROWS) };
}

/** A first guess at the keys: `input`-like columns as input, `expected`/`output`-like as output, the rest metadata. */
export function guessKeys(columns: string[]): { input: string[]; output: string[]; metadata: string[] } {
  const output = columns.filter((c) => /^(output|expected|expected_output|reference|answer|label)$/i.test(c));
  const metadata = columns.filter((c) => /^(metadata|split|splits|id)$/i.test(c));
  const input = columns.filter((c) => !output.includes(c) && !metadata.includes(c));
  return { input, output, metadata };
}
