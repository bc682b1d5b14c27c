const counts = new Intl.NumberFormat();
const times = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function formatCount(value: number | null | undefined): string {
  return value == null ? "—" : counts.format(value);
}

/** A date-time from the API (ISO 8601), in the reader's locale and time zone. */
export function formatTime(value: string | null | undefined, none = "—"): string {
  if (!value) {
    return none;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : times.format(date);
}

const money = new Intl.NumberFormat(undefined, { style: "currency", currency: "USD", maximumSignificantDigits: 3 });
const preciseTimes = new Intl.DateTimeFormat(undefined, {
  month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit",
});

/** A start time in lists: to the second, since traces seconds apart must be told apart. */
export function formatSeconds(value: string | null | undefined): string {
  if (!value) return "—";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : preciseTimes.format(date);
}

/** A duration in milliseconds: `850 ms`, `1.25 s`, `2.1 min`. */
export function formatLatency(ms: number | null | undefined): string {
  if (ms == null || Number.isNaN(ms)) return "—";
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** A cost in US dollars; tiny costs keep three significant digits. */
export function formatCost(value: number | null | undefined): string {
  return value == null ? "—" : value === 0 ? "$0" : money.format(value);
}

/** The first characters of a long text, on one line. */
export function preview(value: string | null | undefined, max = 120): string {
  if (value == null || value === "") return "";
  const flat = value.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Milliseconds between two ISO times. */
export function durationMs(start: string, end: string): number {
  return new Date(end).getTime() - new Date(start).getTime();
}
