import type { Span } from "../api/traces";

export interface SpanNode {
  span: Span;
  children: SpanNode[];
  depth: number;
}

const startOf = (s: Span) => new Date(s.start_time).getTime();

/**
 * The span tree of one trace, built from `parent_id`. Children are ordered by start time. A span whose
 * parent is not in the trace (not received yet, or cut by the span cap) becomes a root of its own, so no
 * span is hidden.
 */
export function buildTree(spans: Span[]): SpanNode[] {
  const nodes = new Map<string, SpanNode>();
  for (const span of spans) {
    nodes.set(span.context.span_id, { span, children: [], depth: 0 });
  }
  const roots: SpanNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.span.parent_id ? nodes.get(node.span.parent_id) : undefined;
    if (parent && parent !== node) {
      parent.children.push(node);
    } else {
      roots.push(node);
    }
  }
  const order = (list: SpanNode[], depth: number, seen: Set<SpanNode>) => {
    list.sort((a, b) => startOf(a.span) - startOf(b.span) || a.span.name.localeCompare(b.span.name));
    for (const node of list) {
      node.depth = depth;
      if (seen.has(node)) continue; // a parent cycle in bad data must not loop forever
      seen.add(node);
      order(node.children, depth + 1, seen);
    }
  };
  order(roots, 0, new Set());
  return roots;
}

/** The trace's extent, for placing timeline bars. */
export function traceExtent(spans: Span[]): { start: number; end: number } {
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const s of spans) {
    start = Math.min(start, startOf(s));
    end = Math.max(end, new Date(s.end_time).getTime());
  }
  return Number.isFinite(start) ? { start, end: Math.max(end, start) } : { start: 0, end: 0 };
}
