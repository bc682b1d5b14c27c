import { request } from "./raw";

/*
 * The dataset API (issue 7): AX's `/v2/datasets…` plus Assay's upload, from-spans and export. Each
 * example also carries `_assay`, the canonical form the UI shows.
 */

export interface DatasetVersion {
  id: string;
  name?: string;
  dataset_id: string;
  created_at: string;
  updated_at?: string;
  number?: number;
  example_count?: number;
}

export interface Dataset {
  id: string;
  name: string;
  space_id: string;
  description?: string | null;
  example_count?: number;
  created_at: string;
  updated_at: string;
  versions?: DatasetVersion[];
}

export interface CanonicalExample {
  input: Record<string, unknown>;
  output: Record<string, unknown>;
  metadata: Record<string, unknown>;
  splits: string[];
  source_span_id?: string | null;
  source_trace_id?: string | null;
}

export interface Example {
  id: string;
  created_at?: string;
  updated_at?: string;
  _assay?: CanonicalExample;
  [key: string]: unknown;
}

export interface Page {
  next_cursor?: string | null;
  has_more: boolean;
}

export interface WriteResult {
  dataset: Dataset;
  dataset_version_id: string;
  num_created: number;
  num_updated: number;
}

export interface FromSpansRequest {
  project_id: string;
  filter?: string;
  start_time?: string;
  end_time?: string;
  limit: number;
  name?: string;
  dataset_id?: string;
}

const enc = encodeURIComponent;

export function listDatasets(q: { name?: string; cursor?: string; limit?: number }, signal?: AbortSignal) {
  return request<{ datasets: Dataset[]; pagination: Page }>("GET", "/v2/datasets", { query: q, signal });
}

export function getDataset(id: string, signal?: AbortSignal) {
  return request<Dataset>("GET", `/v2/datasets/${enc(id)}`, { signal });
}

export function deleteDataset(id: string) {
  return request<unknown>("DELETE", `/v2/datasets/${enc(id)}`);
}

export function listExamples(id: string, q: { version_id?: string; split?: string; cursor?: string; limit?: number }, signal?: AbortSignal) {
  // AX names the version `dataset_version_id`; Assay also reads `version_id`.
  return request<{ examples: Example[]; pagination: Page }>("GET", `/v2/datasets/${enc(id)}/examples`, {
    query: { ...q, dataset_version_id: q.version_id },
    signal,
  });
}

export function deleteExamples(id: string, versionId: string, exampleIds: string[]) {
  return request<unknown>("DELETE", `/v2/datasets/${enc(id)}/examples`, { body: { dataset_version_id: versionId, example_ids: exampleIds } });
}

export function uploadDataset(form: FormData) {
  return request<WriteResult>("POST", "/v2/datasets/upload", { body: form });
}

export function datasetFromSpans(body: FromSpansRequest) {
  return request<WriteResult>("POST", "/v2/datasets/from-spans", { body });
}

/** The download URL of a version (or the latest) as CSV or JSONL, with a split when given. */
export function exportUrl(id: string, format: "csv" | "jsonl", versionId?: string, split?: string): string {
  const q = new URLSearchParams({ format });
  if (versionId) q.set("version_id", versionId);
  if (split) q.set("split", split);
  return `/v2/datasets/${enc(id)}/export?${q}`;
}

/** The canonical form of an example: `_assay` when the server sends it, else AX's flat keys as input. */
export function canonical(example: Example): CanonicalExample {
  if (example._assay) return example._assay;
  const { id: _id, created_at: _c, updated_at: _u, metadata, ...rest } = example;
  return { input: rest, output: {}, metadata: (metadata as Record<string, unknown>) ?? {}, splits: [] };
}
