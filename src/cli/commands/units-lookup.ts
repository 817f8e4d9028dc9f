import type { TenantId } from '../../domain/ids.js';
import type { StoredUnit, Store } from '../../store/index.js';
import { AppError } from '../../app/errors.js';

/** Units of the tenant by id, for printing names. */
export async function unitNames(store: Store, tenantId: TenantId): Promise<Map<string, StoredUnit>> {
  return new Map((await store.read.units.list(tenantId)).map((u) => [u.id, u]));
}

/**
 * A unit given on the command line by id or by exact name (`dept-wjw` or `市卫生健康委员会`).
 * @throws AppError `invalid_input` for an unknown or ambiguous name.
 */
export function resolveUnit(units: Map<string, StoredUnit>, given: string): string {
  if (units.has(given)) return given;
  const byName = [...units.values()].filter((u) => u.name === given);
  if (byName.length === 1) return byName[0]!.id;
  throw new AppError(
    'invalid_input',
    byName.length ? `Unit name ${given} is ambiguous; give its id.` : `No unit ${given}.`,
    byName.length ? `单位名称 ${given} 不唯一,请使用单位编号。` : `单位 ${given} 不存在。`,
    { unit: given },
  );
}
