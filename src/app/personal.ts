import type { Instant, TenantId } from '../domain/ids.js';
import type { Item } from '../domain/item.js';
import { personalFieldNames, type LedgerType } from '../domain/ledger-types/index.js';
import type { ItemEvent } from '../domain/loop/index.js';
import { isErased, isSealed, openPersonal, sealPersonal, type CaseKey, type CryptoProvider, type TransactionContext, type ReadContext } from '../store/index.js';

/*
 * Personal information (DESIGN.md, Privacy) is sealed with the case's own key before an event or the item
 * projection is written, so plain values never reach the database or the chain. The case is the item.
 */

/** How a personal value reads in lists, exports and item pages unless it is revealed. */
export const MASKED = Object.freeze({ $personal: 'masked' as const });
export const ERASED_VIEW = Object.freeze({ $personal: 'erased' as const });

function eventFields(e: ItemEvent): Record<string, unknown> | undefined {
  const data = e.data as { fields?: Record<string, unknown> };
  return data.fields;
}

/**
 * Seals the personal fields that the events carry in plain text (as `decide` emits them), creating the
 * case key on first use. Returns new events; the input is not changed.
 */
export async function sealEvents(
  tx: TransactionContext,
  crypto: CryptoProvider,
  type: LedgerType,
  tenantId: TenantId,
  events: readonly ItemEvent[],
  at: Instant,
): Promise<ItemEvent[]> {
  const personal = new Set(personalFieldNames(type));
  if (personal.size === 0) return [...events];
  let key: CaseKey | null = null;
  const out: ItemEvent[] = [];
  for (const e of events) {
    const fields = eventFields(e);
    const names = fields ? Object.keys(fields).filter((n) => personal.has(n) && fields[n] !== null && !isSealed(fields[n])) : [];
    if (!fields || names.length === 0) {
      out.push(e);
      continue;
    }
    key ??= await caseKeyFor(tx, tenantId, e.itemId, at);
    const sealed: Record<string, unknown> = { ...fields };
    for (const n of names) sealed[n] = sealPersonal(crypto, key, fields[n]);
    out.push({ ...e, data: { ...e.data, fields: sealed } } as ItemEvent);
  }
  return out;
}

export async function caseKeyFor(tx: TransactionContext, tenantId: TenantId, caseId: string, at: Instant): Promise<CaseKey> {
  const found = await tx.caseKeys.get(tenantId, caseId);
  if (found.status === 'active') return found.key;
  // A destroyed key is never recreated under the same case: new personal data would outlive the erasure
  // record. `create` refuses with case_key_exists in that case.
  return tx.caseKeys.create(tenantId, caseId, at);
}

/**
 * A fields record with every sealed value replaced by MASKED, or by ERASED_VIEW when the caller knows the
 * case key is destroyed (`erased`).
 */
export function maskFields(fields: Readonly<Record<string, unknown>>, erased = false): Readonly<Record<string, unknown>> {
  if (!Object.values(fields).some((v) => isSealed(v) || isErased(v))) return fields;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = isSealed(v) ? (erased ? ERASED_VIEW : MASKED) : isErased(v) ? ERASED_VIEW : v;
  return out;
}

/** The item with its personal fields masked (see maskFields). */
export function maskItem(item: Item, erased = false): Item {
  const fields = maskFields(item.fields, erased);
  return fields === item.fields ? item : { ...item, fields };
}

/** Whether the item's personal information was erased (its case key destroyed); one lookup, only when it has any. */
export async function isErasedCase(read: ReadContext | TransactionContext, item: Item): Promise<boolean> {
  if (personalFieldsOf(item).length === 0) return false;
  return (await read.caseKeys.get(item.tenantId, item.id)).status === 'destroyed';
}

/** Names of the item's fields that hold personal information (sealed or erased). */
export function personalFieldsOf(item: Item): string[] {
  return Object.entries(item.fields)
    .filter(([, v]) => isSealed(v) || isErased(v))
    .map(([k]) => k);
}

/** Opens the item's sealed fields with its case key; erased values read as ERASED_VIEW. */
export async function openItemFields(read: ReadContext | TransactionContext, crypto: CryptoProvider, item: Item): Promise<Record<string, unknown>> {
  const key = await read.caseKeys.keyOrNull(item.tenantId, item.id);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item.fields)) {
    if (!isSealed(v)) out[k] = isErased(v) ? ERASED_VIEW : v;
    else {
      const opened = openPersonal(crypto, key, v);
      out[k] = isErased(opened) ? ERASED_VIEW : opened;
    }
  }
  return out;
}
