import { api, unwrap, type Schemas } from "./client";
import { request } from "./raw";

/*
 * The dataset API (issue 7): AX's `/v2/datasets…` plus Assay's upload, from-spans, versions, splits and
 * export. Each example also carries `_assay`, the canonical form the UI shows.
 */

export type Dataset = Schemas["Dataset"];
export type DatasetVersion = Schemas["DatasetVersion"];
export type Example = Schemas["DatasetExample"];
export type CanonicalExample = Schemas["CanonicalExample"];
export type WriteResult = Schemas["DatasetWriteResult"];
export type FromSpansRequest = Schemas["CreateDatasetFromSpansRequest"];

const dataset = (id: string) => ({ path: { dataset_id: id } });

export function listDatasets(q: { name?: string; cursor?: string; limit?: number }, signal?: AbortSignal) {
  return unwrap(api.GET("/v2/datasets", { params: { query: q }, signal }));
}

export function getDataset(id: string, signal?: AbortSignal) {
  return unwrap(api.GET("/v2/datasets/{dataset_id}", { params: dataset(id), signal }));
}

/** The versions of a dataset, newest first. */
export function listVersions(id: string, signal?: AbortSignal) {
  return unwrap(api.GET("/v2/datasets/{dataset_id}/versions", { params: dataset(id), signal })).then((r) =>
    [...r.versions].sort((a, b) => b.number - a.number),
  );
}

export function listSplits(id: string, versionId: string | undefined, signal?: AbortSignal) {
  return unwrap(api.GET("/v2/datasets/{dataset_id}/splits", { params: { ...dataset(id), query: { version_id: versionId } }, signal })).then((r) => r.splits);
}

export function deleteDataset(id: string) {
  return unwrap(api.DELETE("/v2/datasets/{dataset_id}", { params: dataset(id) }));
}

export function listExamples(id: string, q: { version_id?: string; split?: string; cursor?: string; limit?: number }, signal?: AbortSignal) {
  return unwrap(api.GET("/v2/datasets/{dataset_id}/examples", { params: { ...dataset(id), query: q }, signal }));
}

export function deleteExamples(id: string, versionId: string, exampleIds: string[]) {
  return unwrap(api.DELETE("/v2/datasets/{dataset_id}/examples", { params: dataset(id), body: { dataset_version_id: versionId, example_ids: exampleIds } }));
}

/** Multipart, so through plain fetch: openapi-fetch would send the form as JSON. */
export function uploadDataset(form: FormData) {
  return request<WriteResult>("POST", "/v2/datasets/upload", { body: form });
}

export function datasetFromSpans(body: FromSpansRequest) {
  return unwrap(api.POST("/v2/datasets/from-spans", { body }));
}

/** The download URL of a version (or the latest) as CSV or JSONL, with a split when given. */
export function exportUrl(id: string, format: "csv" | "jsonl", versionId?: string, split?: string): string {
  const q = new URLSearchParams({ format });
  if (versionId) q.set("version_id", versionId);
  if (split) q.set("split", split);
  return `/v2/datasets/${encodeURIComponent(id)}/export?${q}`;
}

export function canonical(example: Example): CanonicalExample {
  return example._assay;
}
