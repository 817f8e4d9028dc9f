import { isDeepStrictEqual } from 'node:util';
import type { ItemId, TenantId } from '../domain/ids.js';
import type { Item } from '../domain/item.js';
import { verifyInspectionRounds } from './inspection/verify.js';
import { isSealedBlob, type ChainVerification, type Evidence, type StoredEvent, type Store } from '../store/index.js';
import { verifyDocuments } from './verify-documents.js';
import { EVIDENCE_WITHDRAWN } from './evidence/withdrawn.js';

/*
 * Beside the item rows, users see rows that hang off an item: its co-units (item_co_units, which lists and unit
 * scoping read) and its evidence records (file name, type, size, digest, who uploaded it and when). Each was
 * written in the same transaction as an event that says what it holds, so verify holds the rows to those
 * events and names the first row that differs: a co-unit added or removed behind the record, a file record
 * renamed, swapped for other bytes, inserted or deleted; a withdrawal must name a file its item had. The tenant's ledger configuration (the types, fields
 * and stages every page is drawn from) is held to its last LedgerConfigSet event the same way, and the readouts
 * items point into to their ReadoutRecorded events (verify-documents.ts).
 */

function failure(seq: number, count: number, en: string, zh: string): ChainVerification {
  return { ok: false, seq, problem: 'projection_mismatch', message: en, messageZh: zh, count };
}

/** The record an EvidenceUploaded event says was written. */
function recordOf(e: StoredEvent): Omit<Evidence, 'storageKey'> | null {
  const p = e.payload as Partial<Record<'evidenceId' | 'fileName' | 'mediaType' | 'digest', string>> & { sizeBytes?: number };
  if (e.itemId === null || typeof p.evidenceId !== 'string') return null;
  return {
    id: p.evidenceId,
    itemId: e.itemId,
    fileName: p.fileName ?? '',
    mediaType: p.mediaType ?? '',
    sizeBytes: p.sizeBytes ?? -1,
    digest: p.digest ?? '',
    uploadedBy: e.actorUserId ?? '',
    uploadedAt: e.at,
  };
}

/**
 * Compares co-unit rows with the (already verified) items and evidence records with their EvidenceUploaded
 * events. Returns `chain` unchanged when all agree.
 */
export async function verifyReferences(
  store: Store,
  tenantId: TenantId,
  chain: ChainVerification & { ok: true },
  events: readonly StoredEvent[],
  items: ReadonlyMap<ItemId, Item>,
  firstSeq: (id: ItemId) => number,
): Promise<ChainVerification> {
  const rows = new Map<ItemId, string[]>();
  for (const r of await store.read.itemColumns.coUnits(tenantId)) {
    const list = rows.get(r.itemId) ?? [];
    list.push(r.unitId);
    rows.set(r.itemId, list);
  }
  for (const id of new Set([...items.keys(), ...rows.keys()])) {
    const item = items.get(id);
    const expected = [...(item?.coUnitIds ?? [])].sort();
    const stored = [...(rows.get(id) ?? [])].sort();
    if (isDeepStrictEqual(expected, stored)) continue;
    const extra = stored.find((u) => !expected.includes(u));
    const missing = expected.find((u) => !stored.includes(u));
    const name = item?.number ?? id;
    const [en, zh] =
      extra !== undefined
        ? [
            `co-unit row ${extra} of item ${name} (${id}) is not in its events: item_co_units was edited`,
            `事项 ${name}（${id}）的协办单位行 ${extra} 不见于其事件记录：协办单位表被改动`,
          ]
        : [
            `co-unit ${missing ?? '?'} of item ${name} (${id}) has no row: item_co_units was edited`,
            `事项 ${name}（${id}）的协办单位 ${missing ?? '?'} 缺少数据行：协办单位表被改动`,
          ];
    return failure(firstSeq(id), chain.count, en, zh);
  }

  const said = new Map<string, { seq: number; record: Omit<Evidence, 'storageKey'> }>();
  for (const e of events) {
    if (e.type !== 'EvidenceUploaded') continue;
    const record = recordOf(e);
    if (record) said.set(record.id, { seq: e.seq, record });
  }
  const seen = new Set<string>();
  for (const ev of await store.read.evidence.listByTenant(tenantId)) {
    seen.add(ev.id);
    const s = said.get(ev.id);
    if (!s) {
      return failure(
        0,
        chain.count,
        `evidence record ${ev.id} (${ev.fileName}) has no upload event: it was inserted behind the record`,
        `佐证材料记录 ${ev.id}（${ev.fileName}）没有上传事件：系绕过记录插入`,
      );
    }
    const { storageKey, ...stored } = ev;
    const fields = Object.keys(s.record) as (keyof typeof s.record)[];
    // A plain file is stored under its own digest; a sealed one under the digest of its sealed bytes.
    const field = fields.find((k) => !isDeepStrictEqual(s.record[k], stored[k])) ?? (!isSealedBlob(storageKey) && storageKey !== ev.digest ? 'storageKey' : undefined);
    if (field) {
      return failure(
        s.seq,
        chain.count,
        `evidence record ${ev.id}: its ${field} differs from its upload event #${s.seq}: the evidence table was edited`,
        `佐证材料记录 ${ev.id} 的 ${field} 与第 ${s.seq} 号上传事件不符：佐证材料表被改动`,
      );
    }
  }
  const lost = [...said.values()].find((s) => !seen.has(s.record.id));
  if (lost) {
    return failure(
      lost.seq,
      chain.count,
      `evidence ${lost.record.id} (${lost.record.fileName}) uploaded in event #${lost.seq} has no record: it was deleted`,
      `第 ${lost.seq} 号事件上传的佐证材料 ${lost.record.id}（${lost.record.fileName}）没有记录：已被删除`,
    );
  }
  // A withdrawal (撤回) hides a file its item had: it must name one uploaded to the same item before it.
  for (const e of events) {
    if (e.type !== EVIDENCE_WITHDRAWN) continue;
    const id = (e.payload as { evidenceId?: unknown }).evidenceId;
    const s = typeof id === 'string' ? said.get(id) : undefined;
    if (!s || s.record.itemId !== e.itemId || s.seq > e.seq) {
      return failure(
        e.seq,
        chain.count,
        `event #${e.seq} withdraws evidence ${String(id)}, which was not uploaded to its item before`,
        `第 ${e.seq} 号事件撤回的佐证材料 ${String(id)} 此前并未上传到该事项`,
      );
    }
  }
  const config = await verifyLedgerConfig(store, tenantId, chain, events);
  return config.ok ? verifyInspectionRounds(store, tenantId, chain, events) : config;
}

/** The stored ledger configuration against the last LedgerConfigSet event (none stored: no such event). */
async function verifyLedgerConfig(store: Store, tenantId: TenantId, chain: ChainVerification & { ok: true }, events: readonly StoredEvent[]): Promise<ChainVerification> {
  const last = events.findLast((e) => e.type === 'LedgerConfigSet');
  const row = await store.read.ledgerConfigs.get(tenantId);
  if (!last && !row) return verifyDocuments(store, tenantId, chain, events);
  if (!last) {
    return failure(
      0,
      chain.count,
      'the ledger configuration has a row but no event that set it: it was inserted behind the record',
      '台账配置有数据行却无设置事件：系绕过记录插入',
    );
  }
  if (!row) {
    return failure(
      last.seq,
      chain.count,
      `the ledger configuration set in event #${last.seq} has no row: it was deleted`,
      `第 ${last.seq} 号事件设置的台账配置没有数据行：已被删除`,
    );
  }
  const p = last.payload as { version?: number; config?: unknown };
  const said: Record<string, unknown> = { version: p.version, config: JSON.parse(JSON.stringify(p.config ?? null)), updatedAt: last.at, updatedBy: last.actorUserId };
  const stored: Record<string, unknown> = { version: row.version, config: JSON.parse(JSON.stringify(row.config ?? null)), updatedAt: row.updatedAt, updatedBy: row.updatedBy };
  const field = Object.keys(said).find((k) => !isDeepStrictEqual(said[k], stored[k]));
  if (!field) return verifyDocuments(store, tenantId, chain, events);
  return failure(
    last.seq,
    chain.count,
    `the ledger configuration's ${field} differs from event #${last.seq} that set it: the ledger_configs table was edited`,
    `台账配置的 ${field} 与设置它的第 ${last.seq} 号事件不符：台账配置表被改动`,
  );
}
