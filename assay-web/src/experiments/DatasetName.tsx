import { Link } from "react-router";
import { getDataset } from "../api/datasets";
import { useApi } from "../api/useApi";
import { datasetPath } from "../urls";

/** A link to an experiment's dataset (at its version), named once the dataset has loaded. */
export function DatasetName({ id, versionId }: { id: string | null; versionId?: string | null }) {
  const { state } = useApi((signal) => (id ? getDataset(id, signal) : Promise.resolve(null)), [id]);
  if (!id) return <span className="muted">—</span>;
  const name = state.status === "ok" && state.data ? state.data.name : state.status === "error" ? "(deleted dataset)" : "…";
  return <Link to={datasetPath(id, versionId ?? undefined)}>{name}</Link>;
}
