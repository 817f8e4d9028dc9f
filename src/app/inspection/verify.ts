import { isDeepStrictEqual } from 'node:util';
import type { TenantId } from '../../domain/ids.js';
import type { RoundResults } from '../../domain/inspection/index.js';
import type { ChainVerification, RecordedRound, StoredEvent, Store } from '../../store/index.js';

/*
 * A recorded round is a row people read (the desk, 考核) written in the same transaction as the
 * InspectionRoundRecorded event that says what was found. Verify holds every row to its event, as it holds
 * evidence records to theirs: a result turned from fail to pass, a note rewritten, a hazard unlinked, a round
 * inserted or deleted behind the record is named.
 */

function failure(seq: number, count: number, en: string, zh: string): ChainVerification {
  return { ok: false, seq, problem: 'projection_mismatch', message: en, messageZh: zh, count };
}

interface RecordedPayload {
  roundId?: string;
  planId?: string;
  placeNo?: number;
  period?: string;
  dueOn?: string;
  lines?: { key: string; result: string; note: string | null; photos: { photoId: string }[] }[];
  note?: string | null;
  hazardItemIds?: string[];
}

/** What a row holds, in the shape its event gives it. */
function rowFacts(r: RecordedRound): Record<string, unknown> {
  const results = r.results as RoundResults;
  return {
    planId: r.planId,
    placeNo: r.placeNo,
    period: r.period,
    dueOn: r.dueOn,
    recordedBy: r.recordedBy,
    recordedAt: r.recordedAt,
    lines: results.lines.map((l) => ({ key: l.key, result: l.result, note: l.note, photos: [...l.photos] })),
    note: results.note,
    failed: r.failed,
    hazardItemIds: [...r.hazardItemIds],
  };
}

function eventFacts(e: StoredEvent): Record<string, unknown> {
  const p = e.payload as RecordedPayload;
  const lines = p.lines ?? [];
  return {
    planId: p.planId,
    placeNo: p.placeNo,
    period: p.period,
    dueOn: p.dueOn,
    recordedBy: e.actorUserId,
    recordedAt: e.at,
    lines: lines.map((l) => ({ key: l.key, result: l.result, note: l.note, photos: l.photos.map((x) => x.photoId) })),
    note: p.note ?? null,
    failed: lines.filter((l) => l.result === 'fail').length,
    hazardItemIds: p.hazardItemIds ?? [],
  };
}

/** Every recorded round against its InspectionRoundRecorded event. Returns `chain` unchanged when all agree. */
export async function verifyInspectionRounds(
  store: Store,
  tenantId: TenantId,
  chain: ChainVerification & { ok: true },
  events: readonly StoredEvent[],
): Promise<ChainVerification> {
  const said = new Map<string, StoredEvent>();
  for (const e of events) {
    const id = (e.payload as RecordedPayload).roundId;
    if (e.type === 'InspectionRoundRecorded' && typeof id === 'string') said.set(id, e);
  }
  const rows = await store.read.inspections.listAllRounds(tenantId);
  for (const row of rows) {
    const e = said.get(row.roundId);
    if (!e) {
      return failure(
        0,
        chain.count,
        `inspection round ${row.roundId} has a row but no event: it was inserted behind the record`,
        `检查轮次 ${row.roundId} 有数据行却无填报事件：系绕过记录插入`,
      );
    }
    const stored = rowFacts(row);
    const expected = eventFacts(e);
    const field = Object.keys(expected).find((k) => !isDeepStrictEqual(JSON.parse(JSON.stringify(expected[k] ?? null)), JSON.parse(JSON.stringify(stored[k] ?? null))));
    if (field) {
      return failure(
        e.seq,
        chain.count,
        `inspection round ${row.roundId}: its ${field} differs from event #${e.seq} that recorded it: the inspection_rounds table was edited`,
        `检查轮次 ${row.roundId} 的 ${field} 与第 ${e.seq} 号填报事件不符：检查轮次表被改动`,
      );
    }
  }
  const kept = new Set(rows.map((r) => r.roundId));
  const lost = [...said.values()].find((e) => !kept.has((e.payload as RecordedPayload).roundId!));
  if (lost) {
    const id = (lost.payload as RecordedPayload).roundId!;
    return failure(
      lost.seq,
      chain.count,
      `inspection round ${id} recorded in event #${lost.seq} has no row: it was deleted`,
      `第 ${lost.seq} 号事件填报的检查轮次 ${id} 没有数据行：已被删除`,
    );
  }
  return chain;
}
