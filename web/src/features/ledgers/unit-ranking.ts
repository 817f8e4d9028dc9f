/*
 * Which unit a person most likely means when typing part of a name: units of their own area (the city, or
 * their district) first, then the better match (the whole name, its start, an earlier position), then the
 * shorter name. Typing 卫生健康 in the city's 督查室 then offers 市卫生健康委员会 before 东城区卫生健康局.
 */

export interface UnitLite {
  readonly id: string;
  readonly name: string;
  readonly kind: 'city' | 'district' | 'street' | 'community' | 'department';
  readonly parentId: string | null;
}

/** The area a unit belongs to: itself or its nearest ancestor that is the city or a district. */
export function areaOf(id: string | null | undefined, byId: ReadonlyMap<string, UnitLite>): UnitLite | null {
  let u = id ? byId.get(id) : undefined;
  for (let hops = 0; u && hops < 32; hops++) {
    if (u.kind === 'city' || u.kind === 'district') return u;
    u = u.parentId ? byId.get(u.parentId) : undefined;
  }
  return null;
}

/** How well a name matches typed text: 0 the whole name, 1 its start, 2 + position inside it; Infinity for none. */
export function matchQuality(name: string, typed: string): number {
  const q = typed.trim();
  if (!q) return 0;
  if (name === q) return 0;
  const at = name.indexOf(q);
  if (at < 0) return Number.POSITIVE_INFINITY;
  return at === 0 ? 1 : 2 + at;
}

/** Orders two units for someone whose own area is `home` while they type `typed`. */
export function compareUnits(a: UnitLite, b: UnitLite, typed: string, home: string | null, byId: ReadonlyMap<string, UnitLite>): number {
  const own = (u: UnitLite) => (home !== null && areaOf(u.id, byId)?.id === home ? 0 : 1);
  return own(a) - own(b) || matchQuality(a.name, typed) - matchQuality(b.name, typed) || a.name.length - b.name.length || a.name.localeCompare(b.name, 'zh-CN');
}
