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
