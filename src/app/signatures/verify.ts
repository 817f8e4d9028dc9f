import type { StoredEvent } from '../../store/index.js';
import type { AppDeps } from '../context.js';
import { checkSignature, DECISION_SIGNED, type SignatureCheck } from './decisions.js';
import { foldKeys, KEY_EVENT_TYPES, tenantKeys } from './keys.js';

export interface SignaturesVerification {
  readonly valid: number;
  readonly invalid: readonly SignatureCheck[];
}

/**
 * Checks every signed decision of a tenant (see checkSignature): keys and signatures are read from the chain,
 * the signed events from their items. The chain itself is verified apart (store.verifyChain).
 */
export async function verifySignatures(deps: AppDeps, tenantId: string): Promise<SignaturesVerification> {
  const events = await deps.store.read.events.listByTypes(tenantId, [...KEY_EVENT_TYPES, DECISION_SIGNED]);
  const keys = foldKeys(events.filter((e) => e.type !== DECISION_SIGNED));
  const byItem = new Map<string, StoredEvent[]>();
  let valid = 0;
  const invalid: SignatureCheck[] = [];
  for (const e of events) {
    if (e.type !== DECISION_SIGNED) continue;
    let itemEvents = e.itemId ? byItem.get(e.itemId) : undefined;
    if (!itemEvents && e.itemId) {
      itemEvents = await deps.store.read.events.listByItem(tenantId, e.itemId);
      byItem.set(e.itemId, itemEvents);
    }
    // A bulletin's signature follows its event within the same append, whatever item (none) it concerns.
    itemEvents ??= await deps.store.read.events.listAfter(tenantId, Math.max(0, e.seq - 4), 4);
    const check = checkSignature(tenantId, e, keys, itemEvents ?? []);
    if (check.valid) valid += 1;
    else invalid.push(check);
  }
  return { valid, invalid };
}

/**
 * The signatures (已签章) of one item from its events, each with signer, time and validity, and when its key
 * was revoked if it was: a key revoked after signing leaves the signature valid, and the page says both.
 */
export async function itemSignatures(deps: AppDeps, tenantId: string, itemEvents: readonly StoredEvent[]): Promise<(SignatureCheck & { keyRevokedAt: string | null })[]> {
  const signed = itemEvents.filter((e) => e.type === DECISION_SIGNED);
  if (signed.length === 0) return [];
  const keys = await tenantKeys(deps, tenantId);
  return signed.map((e) => {
    const check = checkSignature(tenantId, e, keys, itemEvents);
    return { ...check, keyRevokedAt: keys.get(check.keyId)?.revokedAt ?? null };
  });
}
