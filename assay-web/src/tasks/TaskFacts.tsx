import type { Task } from "../api/tasks";

/** A sampling rate as a percentage (`100%`, `12.5%`). */
export function formatRate(rate: number | null | undefined): string {
  const r = rate ?? 1;
  return `${Number((r * 100).toFixed(2))}%`;
}

/** Continuous or backfill only, and paused when a model provider refused. */
export function TaskBadges({ task }: { task: Task }) {
  return (
    <span className="badges">
      {task.is_continuous ? <span className="badge badge-ok">continuous</span> : <span className="badge badge-unset">runs only</span>}
      {task.paused_reason && (
        <span className="badge badge-error" title={task.paused_reason}>
          paused
        </span>
      )}
    </span>
  );
}
