import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import type { ApiError } from "../api/client";
import { PRESETS, readRange, writeRange, type TimeRange } from "./timeRange";

/**
 * The filter bar: an expression in the Assay filter language, applied on submit and kept in `?filter=`.
 * A filter the server rejects is shown here with the server's detail; the table keeps its last rows.
 */
export function FilterBar({ error, busy }: { error: ApiError | null; busy: boolean }) {
  const [params, setParams] = useSearchParams();
  const current = params.get("filter") ?? "";
  const [value, setValue] = useState(current);
  useEffect(() => setValue(current), [current]);
  return (
    <form
      role="search"
      aria-label="Filter"
      className="filter-bar"
      onSubmit={(event) => {
        event.preventDefault();
        const next = new URLSearchParams(params);
        if (value.trim()) {
          next.set("filter", value.trim());
        } else {
          next.delete("filter");
        }
        setParams(next);
      }}
    >
      <div className="filter-row">
        <input
          type="search"
          aria-label="Filter expression"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "filter-error" : undefined}
          placeholder="span_kind = 'LLM' AND latency_ms > 1000"
          spellCheck={false}
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit" className="button">
          Apply
        </button>
        {busy && <span className="spinner" role="status" aria-label="Updating results" />}
      </div>
      {error && (
        <p className="filter-error" id="filter-error" role="alert">
          <strong>{error.problem.title}</strong>
          {error.problem.detail && <>: {error.problem.detail}</>}
        </p>
      )}
    </form>
  );
}

/** The time range: a preset ending now, or a custom window (local date-times, sent as UTC). */
export function TimeRangePicker() {
  const [params, setParams] = useSearchParams();
  const range = readRange(params);
  const [from, setFrom] = useState(toLocalInput(range.from));
  const [to, setTo] = useState(toLocalInput(range.to));
  const apply = (next: TimeRange) => setParams(writeRange(params, next));
  return (
    <div className="time-range">
      <label>
        <span>Time range</span>
        <select
          aria-label="Time range"
          value={range.key}
          onChange={(e) => {
            const key = e.target.value;
            apply(key === "custom" ? { key, from: fromLocalInput(from), to: fromLocalInput(to) } : { key });
          }}
        >
          {PRESETS.map((p) => (
            <option key={p.key} value={p.key}>
              {p.label}
            </option>
          ))}
          <option value="custom">Custom…</option>
        </select>
      </label>
      {range.key === "custom" && (
        <form
          className="custom-range"
          onSubmit={(e) => {
            e.preventDefault();
            apply({ key: "custom", from: fromLocalInput(from), to: fromLocalInput(to) });
          }}
        >
          <label>
            <span>From</span>
            <input type="datetime-local" aria-label="From" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            <span>To</span>
            <input type="datetime-local" aria-label="To" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <button type="submit" className="button">
            Apply range
          </button>
        </form>
      )}
    </div>
  );
}

/** ISO → the `yyyy-MM-ddTHH:mm` a datetime-local input holds, in local time. */
function toLocalInput(iso: string | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Calls `onVisible` whenever the end of a list scrolls into view (and again after each page it adds). */
export function ScrollSentinel({ onVisible, version }: { onVisible: () => void; version: number }) {
  const [element, setElement] = useState<HTMLDivElement | null>(null);
  useEffect(() => {
    if (!element) return;
    // A fresh observer reports the current intersection at once, so a page that did not fill the
    // screen leads to the next one without any scrolling.
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) onVisible();
    }, { rootMargin: "200px" });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element, onVisible, version]);
  return <div ref={setElement} className="scroll-sentinel" aria-hidden="true" />;
}
