import type { ExperimentStatus } from "../api/experiments";

/** A score or mean to three decimals; none is a dash. */
export function formatScore(value: number | null | undefined): string {
  return value == null || Number.isNaN(value) ? "—" : value.toFixed(3);
}

/** A share (0–1) as a percentage. */
export function formatRate(value: number | null | undefined): string {
  return value == null ? "—" : `${(value * 100).toFixed(1)}%`;
}

/** A signed difference: `+0.120`, `−0.050`. */
export function formatDelta(value: number | null | undefined): string {
  if (value == null) return "—";
  return `${value > 0 ? "+" : value < 0 ? "−" : "±"}${Math.abs(value).toFixed(3)}`;
}

/** A p-value, small ones in scientific notation. */
export function formatP(value: number | null | undefined): string {
  if (value == null) return "—";
  return value < 0.001 ? value.toExponential(1) : value.toFixed(3);
}

export function statusClass(status: ExperimentStatus): string {
  switch (status) {
    case "COMPLETED":
      return "badge badge-ok";
    case "FAILED":
      return "badge badge-error";
    case "RUNNING":
    case "PENDING":
      return "badge badge-running";
    default:
      return "badge badge-unset";
  }
}
