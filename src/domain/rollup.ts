import type { ItemId } from './ids.js';
import type { Item } from './item.js';

/** What the roll-up reads of a child item. */
export type RollupChild = Pick<Item, 'progress' | 'weight' | 'status'>;

/**
 * A parent's progress from its children (DESIGN.md: weighted mean, or plain mean). Cancelled children are
 * left out; a closed child counts as 100 whatever it last reported, since it was verified as done. A child
 * without a weight counts with weight 1, so a list with no weights gives the plain mean. Returns null when
 * no child counts (no children, all cancelled, or all weights zero): the parent then keeps its own report.
 */
export function rollupProgress(children: readonly RollupChild[]): number | null {
  let sum = 0;
  let total = 0;
  for (const c of children) {
    if (c.status === 'cancelled') continue;
    const w = c.weight ?? 1;
    if (!(w > 0)) continue;
    sum += (c.status === 'closed' ? 100 : c.progress) * w;
    total += w;
  }
  return total > 0 ? sum / total : null;
}

/** What the tree roll-up reads of each item. */
export type RollupNode = RollupChild & Pick<Item, 'id' | 'parentId'>;

/**
 * Effective progress of every item of a family tree: a leaf's own progress, a parent's roll-up of its
 * children's effective progress (recursively; a parent whose children all drop out keeps its own).
 * Items whose parent is not in the list are treated as roots; items on a parent cycle (corrupt data) reach no
 * root and are left out of the result. Iterative, so deep trees are safe.
 */
export function rollupTree(items: readonly RollupNode[]): Map<ItemId, number> {
  const byId = new Map(items.map((i) => [i.id, i]));
  const kids = new Map<ItemId, RollupNode[]>();
  for (const i of items) {
    if (i.parentId !== null && byId.has(i.parentId)) {
      const list = kids.get(i.parentId);
      if (list) list.push(i);
      else kids.set(i.parentId, [i]);
    }
  }
  const result = new Map<ItemId, number>();
  // Post-order without recursion: a node is computed once all its children are.
  const stack: { node: RollupNode; expanded: boolean }[] = items.filter((i) => i.parentId === null || !byId.has(i.parentId)).map((node) => ({ node, expanded: false }));
  const seen = new Set<ItemId>();
  while (stack.length > 0) {
    const top = stack.pop()!;
    const children = kids.get(top.node.id) ?? [];
    if (!top.expanded) {
      if (seen.has(top.node.id)) continue;
      seen.add(top.node.id);
      stack.push({ node: top.node, expanded: true });
      for (const c of children) stack.push({ node: c, expanded: false });
      continue;
    }
    const rolled = rollupProgress(children.map((c) => ({ ...c, progress: result.get(c.id) ?? c.progress })));
    result.set(top.node.id, rolled ?? top.node.progress);
  }
  return result;
}
