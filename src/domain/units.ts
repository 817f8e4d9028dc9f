import { DomainError } from './errors.js';
import type { UnitId } from './ids.js';

/**
 * Kinds of unit in a city's tree (DESIGN.md, "Organisation and roles"): the areas 市 → 区县 → 街道/乡镇 → 社区,
 * and departments (市直部门 under the city, 区直部门 under a district, offices inside a department).
 */
export const UNIT_KINDS = ['city', 'district', 'street', 'community', 'department'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Which kinds may sit directly under which; an area's children are the next area level or departments. */
const ALLOWED_PARENTS: Readonly<Record<UnitKind, readonly UnitKind[]>> = {
  city: [],
  district: ['city'],
  street: ['district'],
  community: ['street'],
  department: ['city', 'district', 'street', 'department'],
};

/** Kinds that may be a root: a city, or a district when a county runs Luoshi on its own. */
const ROOT_KINDS: readonly UnitKind[] = ['city', 'district'];

export interface Unit {
  readonly id: UnitId;
  readonly name: string;
  readonly kind: UnitKind;
  readonly parentId: UnitId | null;
}

const AREA_KINDS: ReadonlySet<UnitKind> = new Set(['city', 'district', 'street', 'community']);

/** True for an area (市, 区县, 街道/乡镇, 社区); false for a department. */
export const isArea = (kind: UnitKind): boolean => AREA_KINDS.has(kind);

function invalid(en: string, zh: string, details?: Record<string, unknown>): DomainError {
  return new DomainError('validation_failed', en, zh, details);
}

/**
 * The unit tree of one tenant, built once from a flat list. Ancestor checks are O(1): every unit gets its
 * pre-order position and the end of its subtree's range, so `isWithin` compares two integers.
 */
export class UnitTree {
  private readonly byId: ReadonlyMap<UnitId, Unit>;
  private readonly kids: ReadonlyMap<UnitId, readonly UnitId[]>;
  private readonly order: readonly UnitId[];
  private readonly pre: ReadonlyMap<UnitId, number>;
  private readonly end: ReadonlyMap<UnitId, number>;

  private constructor(units: ReadonlyMap<UnitId, Unit>, kids: ReadonlyMap<UnitId, readonly UnitId[]>, roots: readonly UnitId[]) {
    this.byId = units;
    this.kids = kids;
    const order: UnitId[] = [];
    const pre = new Map<UnitId, number>();
    const end = new Map<UnitId, number>();
    // Iterative depth-first walk: deep trees must not overflow the stack.
    const stack: { id: UnitId; entered: boolean }[] = [...roots].reverse().map((id) => ({ id, entered: false }));
    while (stack.length > 0) {
      const top = stack.pop()!;
      if (top.entered) {
        end.set(top.id, order.length);
        continue;
      }
      pre.set(top.id, order.length);
      order.push(top.id);
      stack.push({ id: top.id, entered: true });
      const children = kids.get(top.id) ?? [];
      for (let i = children.length - 1; i >= 0; i--) stack.push({ id: children[i]!, entered: false });
    }
    this.order = order;
    this.pre = pre;
    this.end = end;
  }

  /**
   * Builds the tree from a flat list (any order).
   * @throws DomainError `validation_failed` on a duplicate id, an empty name, an unknown parent, a parent of
   *   the wrong kind (e.g. a 社区 directly under a 区县), a root that is not a city or district, or a cycle.
   */
  static from(units: readonly Unit[]): UnitTree {
    const byId = new Map<UnitId, Unit>();
    for (const u of units) {
      if (!u.id) throw invalid('A unit has an empty id.', '单位编号不能为空。');
      if (!u.name.trim()) throw invalid(`Unit ${u.id} has an empty name.`, `单位 ${u.id} 名称不能为空。`, { unitId: u.id });
      if (byId.has(u.id)) throw invalid(`Duplicate unit id ${u.id}.`, `单位编号重复:${u.id}。`, { unitId: u.id });
      byId.set(u.id, u);
    }
    const kids = new Map<UnitId, UnitId[]>();
    const roots: UnitId[] = [];
    for (const u of units) {
      if (u.parentId === null) {
        if (!ROOT_KINDS.includes(u.kind)) {
          throw invalid(`Unit ${u.name} (${u.kind}) cannot be a root: only a city or a district can.`, `单位「${u.name}」不能作为顶层单位:顶层只能是市或区县。`, { unitId: u.id });
        }
        roots.push(u.id);
        continue;
      }
      const parent = byId.get(u.parentId);
      if (!parent) {
        throw invalid(`Unit ${u.name} names an unknown parent ${u.parentId}.`, `单位「${u.name}」的上级单位 ${u.parentId} 不存在。`, { unitId: u.id, parentId: u.parentId });
      }
      if (!ALLOWED_PARENTS[u.kind].includes(parent.kind)) {
        throw invalid(
          `A ${u.kind} (${u.name}) cannot sit under a ${parent.kind} (${parent.name}).`,
          `单位「${u.name}」(${u.kind}) 不能隶属于「${parent.name}」(${parent.kind})。`,
          { unitId: u.id, parentId: parent.id },
        );
      }
      const list = kids.get(parent.id);
      if (list) list.push(u.id);
      else kids.set(parent.id, [u.id]);
    }
    const tree = new UnitTree(byId, kids, roots);
    if (tree.order.length !== byId.size) {
      // Every parent exists, so a unit the walk from the roots never reached lies on a cycle.
      const stuck = units.filter((u) => !tree.pre.has(u.id)).map((u) => u.id);
      throw invalid(`The units ${stuck.join(', ')} form a cycle.`, `单位隶属关系形成循环:${stuck.join('、')}。`, { unitIds: stuck });
    }
    return tree;
  }

  get size(): number {
    return this.byId.size;
  }

  has(id: UnitId): boolean {
    return this.byId.has(id);
  }

  get(id: UnitId): Unit | undefined {
    return this.byId.get(id);
  }

  /**
   * The unit with this id.
   * @throws DomainError `unit_not_found`.
   */
  require(id: UnitId): Unit {
    const u = this.byId.get(id);
    if (!u) throw new DomainError('unit_not_found', `Unknown unit ${id}.`, `单位 ${id} 不存在。`, { unitId: id });
    return u;
  }

  /** True when `unit` is `ancestor` or lies below it. Unknown ids are within nothing. O(1). */
  isWithin(unit: UnitId, ancestor: UnitId): boolean {
    const p = this.pre.get(unit);
    const a = this.pre.get(ancestor);
    if (p === undefined || a === undefined) return false;
    return a <= p && p < this.end.get(ancestor)!;
  }

  /** Units from the root down to `id` inclusive. @throws DomainError `unit_not_found`. */
  path(id: UnitId): Unit[] {
    const out: Unit[] = [];
    for (let u: Unit | undefined = this.require(id); u; u = u.parentId === null ? undefined : this.byId.get(u.parentId)) out.push(u);
    return out.reverse();
  }

  /** Direct children of `id`, in input order. @throws DomainError `unit_not_found`. */
  children(id: UnitId): Unit[] {
    this.require(id);
    return (this.kids.get(id) ?? []).map((c) => this.byId.get(c)!);
  }

  /** `id` and every unit below it, in pre-order. @throws DomainError `unit_not_found`. */
  subtree(id: UnitId): Unit[] {
    this.require(id);
    const from = this.pre.get(id)!;
    return this.order.slice(from, this.end.get(id)!).map((u) => this.byId.get(u)!);
  }

  /**
   * The area a unit belongs to: itself when it is an area, else its nearest area ancestor (a 市直部门 belongs
   * to the city). Work a unit owns may be handed to any unit of this area's subtree.
   * @throws DomainError `unit_not_found`.
   */
  areaOf(id: UnitId): Unit {
    for (let u: Unit | undefined = this.require(id); u; u = u.parentId === null ? undefined : this.byId.get(u.parentId)) {
      if (isArea(u.kind)) return u;
    }
    // Roots are areas (checked in `from`), so the walk always ends on one.
    throw new DomainError('unit_not_found', `Unit ${id} has no area.`, `单位 ${id} 不属于任何区域。`, { unitId: id });
  }

  /** Every unit, in pre-order. */
  all(): Unit[] {
    return this.order.map((u) => this.byId.get(u)!);
  }
}
