import type { StoredUnit } from '../../store/index.js';

export type UnitLookup = { readonly ok: true; readonly unit: StoredUnit } | { readonly ok: false; readonly code: 'unknown_unit' | 'ambiguous_unit' };

/**
 * Finds units as a CSV or a person names them: by id, else by code, else by exact name when only one unit
 * bears it (two 城关镇 in different districts must be told apart by id or code).
 */
export function unitLookup(units: readonly StoredUnit[]): (ref: string) => UnitLookup {
  const byId = new Map(units.map((u) => [u.id, u]));
  const byCode = new Map<string, StoredUnit[]>();
  const byName = new Map<string, StoredUnit[]>();
  for (const u of units) {
    if (u.code) byCode.set(u.code, [...(byCode.get(u.code) ?? []), u]);
    byName.set(u.name, [...(byName.get(u.name) ?? []), u]);
  }
  return (ref) => {
    const text = ref.trim();
    const hit = byId.get(text);
    if (hit) return { ok: true, unit: hit };
    const found = byCode.get(text) ?? byName.get(text) ?? [];
    if (found.length === 1) return { ok: true, unit: found[0]! };
    return { ok: false, code: found.length > 1 ? 'ambiguous_unit' : 'unknown_unit' };
  };
}

export const unitLookupMessage = (ref: string, code: 'unknown_unit' | 'ambiguous_unit'): { message: string; messageZh: string } =>
  code === 'unknown_unit'
    ? { message: `no unit "${ref}" (give its id, code or exact name)`, messageZh: `单位“${ref}”不存在（请填写单位编号、代码或准确名称）` }
    : { message: `several units are named "${ref}": give its id or code`, messageZh: `有多个单位名为“${ref}”，请填写单位编号或代码` };
