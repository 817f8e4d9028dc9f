import type { ItemId } from '../../domain/ids.js';
import { ITEM_STATUSES, type Item, type ItemStatus } from '../../domain/item.js';
import type { Light } from '../../domain/lights.js';
import { rollupProgress } from '../../domain/rollup.js';
import type { AppDeps, ViewerRef } from '../context.js';
import { lightOf, loadVisibleItem, viewingScope } from '../items/load.js';
import { itemVisible } from '../visibility.js';

/** Counts and progress of one group of a campaign's plans. */
export interface ProgressGroup {
  /** The district as the list gave it; null for plans that name none. */
  readonly district: string | null;
  readonly total: number;
  readonly byState: Readonly<Record<ItemStatus, number>>;
  /** Open plans by warning light (red: overdue). */
  readonly byLight: Readonly<Record<Exclude<Light, 'none'>, number>>;
  /** Mean progress (closed plans count 100, cancelled ones not at all); null when none counts. */
  readonly progress: number | null;
}

export interface CampaignProgress {
  readonly parent: { readonly id: ItemId; readonly number: string; readonly title: string };
  readonly all: ProgressGroup;
  readonly districts: readonly ProgressGroup[];
}

function group(district: string | null, plans: readonly { item: Item; light: Light }[]): ProgressGroup {
  const byState = Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as Record<ItemStatus, number>;
  const byLight = { red: 0, yellow: 0, green: 0 };
  for (const p of plans) {
    byState[p.item.status]++;
    if (p.light !== 'none') byLight[p.light]++;
  }
  const progress = rollupProgress(plans.map((p) => p.item));
  return { district, total: plans.length, byState, byLight, progress: progress === null ? null : Math.round(progress * 10) / 10 };
}

/**
 * The roll-up of a campaign (一校一方案): its plans the reader may see, counted by state and light and averaged,
 * for the whole campaign and per district (by the plans' `district` field), districts in name order.
 * @throws AppError `item_not_found` (no such campaign the reader may see), `business_data_forbidden`.
 */
export async function campaignProgress(deps: AppDeps, viewer: ViewerRef, parentId: ItemId): Promise<CampaignProgress> {
  const read = deps.store.read;
  const scope = await viewingScope(deps, read, viewer);
  const parent = await loadVisibleItem(read, scope, viewer.tenantId, parentId);
  const kids = (await read.items.children(viewer.tenantId, parentId)).filter((c) => scope.visible === null || itemVisible(c, scope.visible));
  const plans = kids.map((item) => ({ item, light: lightOf(deps, scope, item).light }));
  const byDistrict = new Map<string | null, typeof plans>();
  for (const p of plans) {
    const d = typeof p.item.fields.district === 'string' && p.item.fields.district.trim() ? p.item.fields.district.trim() : null;
    byDistrict.set(d, [...(byDistrict.get(d) ?? []), p]);
  }
  const districts = [...byDistrict.entries()].sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'zh-CN'))).map(([d, ps]) => group(d, ps));
  return { parent: { id: parent.id, number: parent.number, title: parent.title }, all: group(null, plans), districts };
}
