import type { Item } from '../../domain/item.js';
import { makeItem } from '../../domain/testing/items.js';
import type { NewEvent } from '../chain.js';
import type { Store } from '../store.js';
import { freshId } from './dialects.js';

export const T0 = '2026-03-02T01:00:00.000Z';

/** A fresh tenant with a city, a district, two departments and two users. */
export async function seedTenant(store: Store) {
  const tenantId = freshId('t');
  const units = { city: 'u-city', district: 'u-district', office: 'u-office', env: 'u-env', water: 'u-water' } as const;
  await store.transaction(async (tx) => {
    await tx.tenants.insert({ id: tenantId, name: '示范市', createdAt: T0 });
    await tx.units.insertMany(
      tenantId,
      [
        { id: units.city, name: '示范市', kind: 'city', parentId: null },
        { id: units.office, name: '市委督查室', kind: 'department', parentId: units.city },
        { id: units.env, name: '市生态环境局', kind: 'department', parentId: units.city },
        { id: units.water, name: '市水务局', kind: 'department', parentId: units.city },
        { id: units.district, name: '东城区', kind: 'district', parentId: units.city },
      ],
      T0,
    );
    await tx.users.insert(tenantId, { id: 'sup', username: 'zhang.wei', displayName: '张伟', unitId: units.office, roles: ['supervisor'] }, T0);
    await tx.users.insert(tenantId, { id: 'han', username: 'li.na', displayName: '李娜', unitId: units.env, roles: ['handler', 'leader'] }, T0);
  });
  return { tenantId, units };
}

let numbers = 0;

/** An item in full, with overrides (the store persists whatever the domain hands it). */
export function buildItem(tenantId: string, overrides: Partial<Item> = {}): Item {
  numbers += 1;
  // The domain's plain item, made richer where the store must prove it round-trips: co-units, contacts,
  // provenance, nested fields.
  return makeItem({
    id: overrides.id ?? freshId('item'),
    tenantId,
    number: `督办〔2026〕${String(numbers).padStart(4, '0')}号`,
    title: '抓好中央环保督察反馈问题整改',
    content: '建立台账，明确任务，落实责任。',
    source: { kind: 'readout', documentId: 'doc-1', start: 120, end: 152 },
    fields: { topic: '生态环境', tags: ['整改', '督察'] },
    priority: 'high',
    ownerUnitId: 'u-office',
    createdBy: 'sup',
    leadUnitId: 'u-env',
    coUnitIds: ['u-water'],
    contacts: { 'u-env': '王科长' },
    originalDeadline: '2026-06-30',
    currentDeadline: '2026-06-30',
    plannedStart: '2026-03-02',
    status: 'assigned',
    createdAt: T0,
    assignedAt: T0,
    acceptedAt: null,
    ...overrides,
  });
}

/** An event about an item, at a time `minutes` after T0. */
export function buildEvent(itemId: string | null, type: string, minutes: number, payload: Record<string, unknown> = {}): NewEvent {
  return {
    itemId,
    type,
    actorUserId: 'sup',
    actorUnitId: 'u-office',
    at: new Date(Date.parse(T0) + minutes * 60_000).toISOString(),
    payload,
  };
}
