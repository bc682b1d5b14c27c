import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import type { Span } from "../api/traces";
import { durationMs, formatCost, formatCount, formatLatency } from "../format";
import { KindIcon } from "./SpanKind";
import { attrs, cost, tokens } from "./spanFields";
import type { SpanNode } from "./spanTree";

interface Props {
  roots: SpanNode[];
  extent: { start: number; end: number };
  selected: string | undefined;
  onSelect: (span: Span) => void;
}

/** The span tree with a timeline bar per span; branches collapse, a click selects a span. */
export function SpanTreeView({ roots, extent, selected, onSelect }: Props) {
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setCollapsed((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const total = Math.max(extent.end - extent.start, 1);
  // Where the keyboard is: ahead of `selected` while a held arrow key outruns the URL round trip.
  const cursor = useRef(selected);
  useEffect(() => {
    cursor.current = selected;
  }, [selected]);

  // The rows on screen, in order, for the arrow keys (WAI-ARIA tree pattern: Up/Down move, Left/Right
  // collapse and expand, Home/End jump).
  const visible: SpanNode[] = [];
  const walk = (list: SpanNode[]) => {
    for (const node of list) {
      visible.push(node);
      if (!collapsed.has(node.span.context.span_id)) walk(node.children);
    }
  };
  walk(roots);
  const onKeyDown = (event: KeyboardEvent) => {
    const at = visible.findIndex((n) => n.span.context.span_id === cursor.current);
    const node = visible[at];
    let target: SpanNode | undefined;
    switch (event.key) {
      case "ArrowDown": target = visible[Math.min(at + 1, visible.length - 1)]; break;
      case "ArrowUp": target = visible[Math.max(at - 1, 0)]; break;
      case "Home": target = visible[0]; break;
      case "End": target = visible[visible.length - 1]; break;
      case "ArrowRight":
        if (node && node.children.length > 0 && collapsed.has(node.span.context.span_id)) toggle(node.span.context.span_id);
        else target = node?.children[0];
        break;
      case "ArrowLeft":
        if (node && node.children.length > 0 && !collapsed.has(node.span.context.span_id)) toggle(node.span.context.span_id);
        else target = visible.find((n) => n.children.includes(node!));
        break;
      default:
        return;
    }
    event.preventDefault();
    if (target) {
      const id = target.span.context.span_id;
      cursor.current = id;
      onSelect(target.span);
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>(`[data-span-id="${id}"] > .tree-row .tree-select`)?.focus());
    }
  };

  const render = (node: SpanNode) => {
    const { span } = node;
    const id = span.context.span_id;
    const open = !collapsed.has(id);
    const hasChildren = node.children.length > 0;
    const a = attrs(span);
    const t = tokens(a);
    const c = cost(span);
    const start = new Date(span.start_time).getTime();
    const latency = durationMs(span.start_time, span.end_time);
    const left = ((start - extent.start) / total) * 100;
    const width = Math.max((latency / total) * 100, 0.5);
    const error = span.status_code === "ERROR";
    return (
      <li
        key={id}
        role="treeitem"
        aria-label={span.name}
        aria-level={node.depth + 1}
        aria-selected={selected === id}
        aria-expanded={hasChildren ? open : undefined}
        data-span-id={id}
      >
        <div
          className={`tree-row${selected === id ? " selected" : ""}${error ? " error" : ""}`}
          style={{ paddingLeft: `${node.depth * 16 + 4}px` }}
        >
          {hasChildren ? (
            <button
              type="button"
              className="tree-toggle"
              tabIndex={-1}
              aria-label={`${open ? "Collapse" : "Expand"} ${span.name}`}
              onClick={() => toggle(id)}
            >
              {open ? "▾" : "▸"}
            </button>
          ) : (
            <span className="tree-toggle" aria-hidden="true" />
          )}
          <button
            type="button"
            className="tree-select"
            tabIndex={selected === id || (!selected && node.depth === 0) ? 0 : -1}
            onClick={() => onSelect(span)}
          >
            <KindIcon kind={span.kind} />
            <span className="span-name">{span.name}</span>
            {error && (
              <span className="badge badge-error" title={span.status_message ?? "Error"}>
                Error
              </span>
            )}
            <span className="span-metrics">
              <span title="Latency">{formatLatency(latency)}</span>
              {t.total != null && <span title="Tokens">{formatCount(t.total)} tok</span>}
              {c != null && <span title="Cost">{formatCost(c)}</span>}
            </span>
          </button>
          <span className="timeline" aria-hidden="true">
            <span className={`timeline-bar kind-bar-${span.kind}${error ? " error" : ""}`} style={{ left: `${left}%`, width: `${width}%` }} />
          </span>
        </div>
        {hasChildren && open && <ul role="group">{node.children.map(render)}</ul>}
      </li>
    );
  };

  return (
    <ul role="tree" aria-label="Span tree" className="span-tree" onKeyDown={onKeyDown}>
      {roots.map(render)}
    </ul>
  );
}
