/**
 * The time window of a list, kept in the URL: `?range=1h` (a preset ending now) or
 * `?range=custom&from=…&to=…` (ISO-8601). No range means the default, the last 7 days (the API's own
 * default window).
 */
export interface RangePreset {
  key: string;
  label: string;
  ms: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const PRESETS: RangePreset[] = [
  { key: "15m", label: "Last 15 minutes", ms: 15 * MINUTE },
  { key: "1h", label: "Last hour", ms: HOUR },
  { key: "24h", label: "Last 24 hours", ms: DAY },
  { key: "7d", label: "Last 7 days", ms: 7 * DAY },
  { key: "30d", label: "Last 30 days", ms: 30 * DAY },
];

export const DEFAULT_RANGE = "7d";

export interface TimeRange {
  /** A preset key or "custom". */
  key: string;
  from?: string;
  to?: string;
}

export function readRange(params: URLSearchParams): TimeRange {
  const key = params.get("range") ?? DEFAULT_RANGE;
  if (key === "custom") {
    return { key, from: params.get("from") ?? undefined, to: params.get("to") ?? undefined };
  }
  return { key: PRESETS.some((p) => p.key === key) ? key : DEFAULT_RANGE };
}

export function writeRange(params: URLSearchParams, range: TimeRange): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete("from");
  next.delete("to");
  if (range.key === DEFAULT_RANGE) {
    next.delete("range");
  } else {
    next.set("range", range.key);
  }
  if (range.key === "custom") {
    if (range.from) next.set("from", range.from);
    if (range.to) next.set("to", range.to);
  }
  return next;
}

/** The API window of a range, resolved against `now` (fixed per query, so that later pages stay in it). */
export function resolveRange(range: TimeRange, now: number): { start_time?: string; end_time?: string } {
  if (range.key === "custom") {
    return { start_time: isoOrUndefined(range.from), end_time: isoOrUndefined(range.to) };
  }
  const preset = PRESETS.find((p) => p.key === range.key) ?? PRESETS.find((p) => p.key === DEFAULT_RANGE)!;
  return { start_time: new Date(now - preset.ms).toISOString(), end_time: new Date(now).toISOString() };
}

function isoOrUndefined(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
