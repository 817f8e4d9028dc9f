/*
 * Test support (no vitest imports): one contender of the concurrency tests. It applies one action through
 * the app's use case, exactly as the API would, and reports the outcome instead of throwing.
 */
import { randomUUID } from 'node:crypto';
import type { ItemId } from '../../domain/ids.js';
import type { Store } from '../../store/index.js';
import type { ActorRef, AppDeps } from '../context.js';
import { performAction } from '../items/perform.js';

export interface RaceJob {
  readonly as: ActorRef;
  readonly itemId: ItemId;
  /** The loop's command without `itemId`, e.g. `{ type: 'AcceptItem', expectedVersion: 2, data: {} }`. */
  readonly command: Record<string, unknown>;
  /** The instant the action happens (every contender uses the clock it is given). */
  readonly at: string;
}

export interface RaceOutcome {
  /** 'ok', or the stable code of the error that refused the action. */
  readonly code: string;
  /** Which layer refused it (DomainError, StoreError, AppError), when one did. */
  readonly error?: string;
  /** The item's version after a successful action. */
  readonly version?: number;
}

/** Applies the job's action through `performAction` on `store`; never throws. */
export async function attempt(store: Store, job: RaceJob): Promise<RaceOutcome> {
  const deps: AppDeps = { store, now: () => new Date(job.at), newId: randomUUID };
  try {
    const { item } = await performAction(deps, job.as, job.itemId, job.command);
    return { code: 'ok', version: item.version };
  } catch (err) {
    const e = err as { name?: string; code?: unknown };
    return typeof e.code === 'string' ? { code: e.code, error: e.name ?? 'Error' } : { code: `unexpected: ${String(err)}` };
  }
}
