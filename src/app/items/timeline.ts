import type { UnitTree } from '../../domain/units.js';
import type { ReadContext, StoredEvent, TransactionContext } from '../../store/index.js';
import { userNames } from '../actor-cache.js';
import { maskFields } from '../personal.js';
import { isLoopEvent } from './events.js';

export interface TimelineEntry {
  readonly seq: number;
  readonly type: string;
  readonly at: string;
  readonly actorUserId: string | null;
  /** The acting user's display name (null for the system, or a user id no longer known). */
  readonly actorName: string | null;
  readonly actorUnitId: string | null;
  /** The acting unit's name (null when there is none, or it is no longer in the tree). */
  readonly unitName: string | null;
  readonly data: unknown;
}

/**
 * An item's events as its page shows them: who acted by name, the unit by name, personal fields masked (as
 * erased when the case key was destroyed). Names come from the caches of users and of the unit tree, so a
 * page costs no query for them once warm.
 */
export async function timelineOf(
  owner: object,
  read: ReadContext | TransactionContext,
  units: UnitTree,
  tenantId: string,
  events: readonly StoredEvent[],
  erased: boolean,
): Promise<TimelineEntry[]> {
  const ids = new Set<string>();
  for (const e of events) if (e.actorUserId !== null) ids.add(e.actorUserId);
  const names = ids.size > 0 ? await userNames(owner, read, tenantId, ids) : new Map<string, string | null>();
  return events.map((e) => {
    const raw = (isLoopEvent(e) ? e.payload.data : e.payload) as Record<string, unknown>;
    const fields = raw.fields as Record<string, unknown> | undefined;
    const data = fields && typeof fields === 'object' ? { ...raw, fields: maskFields(fields, erased) } : raw;
    return {
      seq: e.seq,
      type: e.type,
      at: e.at,
      actorUserId: e.actorUserId,
      actorName: e.actorUserId === null ? null : (names.get(e.actorUserId) ?? null),
      actorUnitId: e.actorUnitId,
      unitName: e.actorUnitId === null ? null : (units.get(e.actorUnitId)?.name ?? null),
      data,
    };
  });
}
