/** A piece of the readout text: plain, or the sentence span of a directive. */
export interface Segment {
  readonly start: number;
  readonly end: number;
  readonly directive: number | null;
}

/**
 * Cuts the text into segments at the directives' spans, in order, so each directive's sentence can be marked
 * and clicked. Where spans overlap (a merge across another) the earlier keeps its span and the later what follows it; nothing of the text is lost.
 */
export function segmentText(length: number, spans: readonly { readonly i: number; readonly start: number; readonly end: number }[]): Segment[] {
  const sorted = [...spans].filter((s) => s.end > s.start && s.start < length).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Segment[] = [];
  let at = 0;
  for (const s of sorted) {
    const start = Math.max(s.start, at);
    const end = Math.min(s.end, length);
    if (end <= start) continue;
    if (start > at) out.push({ start: at, end: start, directive: null });
    out.push({ start, end, directive: s.i });
    at = end;
  }
  if (at < length) out.push({ start: at, end: length, directive: null });
  return out;
}

/** Directives in reading order with their depth: roots, each followed by its sub-directives. */
export function directiveTree<D extends { readonly i: number; readonly parent: number | null; readonly start: number }>(list: readonly D[]): { d: D; depth: number }[] {
  const ids = new Set(list.map((d) => d.i));
  const byStart = [...list].sort((a, b) => a.start - b.start);
  const roots = byStart.filter((d) => d.parent === null || !ids.has(d.parent));
  const out: { d: D; depth: number }[] = [];
  const seen = new Set<number>();
  const walk = (d: D, depth: number) => {
    if (seen.has(d.i)) return;
    seen.add(d.i);
    out.push({ d, depth });
    for (const c of byStart) if (c.parent === d.i) walk(c, depth + 1);
  };
  roots.forEach((r) => walk(r, 0));
  for (const d of byStart) if (!seen.has(d.i)) walk(d, 0);
  return out;
}
