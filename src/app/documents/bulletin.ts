import { DomainError } from '../../domain/errors.js';
import type { LocalDate } from '../../domain/ids.js';
import { isLocalDate, toLocalDate } from '../../domain/time.js';
import type { OfficialDocument } from '../../store/index.js';
import type { ActorRef, AppDeps, ViewerRef } from '../context.js';
import { AppError } from '../errors.js';
import { actingScope, viewingScope } from '../items/load.js';
import { listItems } from '../items/queries.js';
import { computeStats } from '../stats.js';
import type { OfficialModel } from './official.js';
import { signBulletin } from '../signatures/decisions.js';
import type { SigningInput } from '../items/perform.js';

/*
 * 通报: the periodic bulletin of a supervising unit. Created as a draft from the figures of a period (items
 * whose deadline falls in it): a summary sentence, the ranking of lead units by 按期办结率 and then by fewer
 * overdue items (units with nothing due are listed apart, not ranked), the red items, and the praise and
 * criticism paragraphs the supervisor writes. Issued, it is numbered 第N期, frozen, and its digest goes on
 * the event chain.
 */

export interface RankRow {
  readonly rank: number;
  readonly unit: string;
  readonly due: number;
  readonly onTime: number;
  /** 按期办结率 in percent, one decimal. */
  readonly onTimeRate: number;
  readonly overdue: number;
}

export interface BulletinData {
  readonly from: LocalDate;
  readonly to: LocalDate;
  /** 第N期: the bulletin's place in the year's sequence. */
  readonly issue: number;
  readonly summary: string;
  readonly ranking: readonly RankRow[];
  /** Lead units with items in the period but nothing due yet: listed, not ranked. */
  readonly nothingDue: readonly string[];
  readonly redItems: readonly { readonly number: string; readonly title: string; readonly unit: string; readonly deadline: string | null }[];
  readonly praise: string;
  readonly criticism: string;
  readonly issuer: string;
  readonly recipient: string;
  readonly cc: readonly string[];
  /** The city's time zone, for the date line. */
  readonly timeZone: string;
}

const pct = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 1000) / 10);
const cn = (d: string) => d.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日');
const RED_LIMIT = 50;

function requireSupervisorRole(roles: readonly string[]): void {
  if (!roles.includes('supervisor')) throw new DomainError('forbidden', 'Only a supervisor drafts and issues bulletins.', '只有督办员可以起草和印发通报。');
}

const notFound = (id: string) => new AppError('document_not_found', `No bulletin ${id}.`, `未找到通报 ${id}。`);

/**
 * 起草通报 for a period (a month by default at the caller): the figures as they stand now.
 * @throws AppError `invalid_input` (bad dates); DomainError `forbidden` unless a supervisor.
 */
export async function createBulletin(deps: AppDeps, ref: ActorRef, period: { from: string; to: string }): Promise<OfficialDocument> {
  if (!isLocalDate(period.from) || !isLocalDate(period.to) || period.from > period.to) {
    throw new AppError('invalid_input', 'The period needs --from and --to as YYYY-MM-DD, from not after to.', '期间须为 年-月-日，且开始不晚于结束。');
  }
  const scope = await actingScope(deps, deps.store.read, ref);
  requireSupervisorRole(scope.actor.roles);
  const stats = await computeStats(deps, ref, { period: { ...period, by: 'deadline' }, groupBy: 'leadUnit' });
  const rows = stats.groups
    .filter((g) => g.key !== null)
    .map((g) => ({ unit: g.label, due: g.report.due.value, onTime: g.report.on_time_rate.numerator, overdue: g.report.overdue_rate.numerator }));
  const ranked = rows.filter((r) => r.due > 0).sort((a, b) => pct(b.onTime, b.due) - pct(a.onTime, a.due) || a.overdue - b.overdue || a.unit.localeCompare(b.unit, 'zh'));
  const ranking: RankRow[] = [];
  ranked.forEach((r, i) => {
    const prev = ranking[i - 1];
    const tie = prev && prev.onTimeRate === pct(r.onTime, r.due) && prev.overdue === r.overdue;
    ranking.push({ rank: tie ? prev.rank : i + 1, unit: r.unit, due: r.due, onTime: r.onTime, onTimeRate: pct(r.onTime, r.due), overdue: r.overdue });
  });
  const red = await listItems(deps, ref, { lights: ['red'], deadlineFrom: period.from, deadlineTo: period.to, sort: 'deadline_asc', limit: RED_LIMIT });
  const units = scope.ctx.units;
  const t = stats.total;
  const summary = `${cn(period.from)}至${cn(period.to)}，到期督办事项${t.due.value}项，按期办结${t.on_time_rate.numerator}项，按期办结率${pct(t.on_time_rate.numerator, t.due.value)}%，超期${t.overdue_rate.numerator}项。`;
  const issuer = units.get(scope.actor.unitId)?.name ?? scope.actor.unitId;
  const year = Number(toLocalDate(scope.ctx.now, scope.ctx.timeZone).slice(0, 4));
  return deps.store.transaction(async (tx) => {
    const sequence = await tx.numbers.next(scope.tenantId, 'doc:bulletin', year);
    const data: BulletinData = {
      from: period.from,
      to: period.to,
      issue: sequence,
      summary,
      ranking,
      nothingDue: rows
        .filter((r) => r.due === 0)
        .map((r) => r.unit)
        .sort((a, b) => a.localeCompare(b, 'zh')),
      redItems: red.items.map(({ item }) => ({
        number: item.number,
        title: item.title,
        unit: item.leadUnitId ? (units.get(item.leadUnitId)?.name ?? item.leadUnitId) : '',
        deadline: item.currentDeadline,
      })),
      praise: '',
      criticism: '',
      issuer,
      recipient: '各有关单位',
      cc: [],
      timeZone: scope.ctx.timeZone,
    };
    const doc: OfficialDocument = {
      id: deps.newId(),
      kind: 'bulletin',
      itemId: null,
      year,
      sequence,
      number: `督通〔${year}〕${sequence}号`,
      title: `督查督办工作通报（${year}年第${sequence}期）`,
      status: 'draft',
      data: { ...data },
      version: 1,
      createdBy: scope.actor.userId,
      createdAt: scope.ctx.now,
      issuedAt: null,
    };
    await tx.officialDocuments.insert(scope.tenantId, doc);
    return doc;
  });
}

async function draftOf(deps: AppDeps, ref: ActorRef, id: string) {
  const scope = await actingScope(deps, deps.store.read, ref);
  requireSupervisorRole(scope.actor.roles);
  const doc = await deps.store.read.officialDocuments.get(ref.tenantId, id);
  if (!doc || doc.kind !== 'bulletin') throw notFound(id);
  if (doc.status === 'issued') throw new AppError('document_issued', `Bulletin ${doc.number} is issued and can no longer change.`, `通报 ${doc.number} 已印发，不能再修改。`);
  return { scope, doc };
}

/**
 * Edits a draft's praise and criticism paragraphs (and recipient, cc).
 * @throws AppError `document_issued`, `document_not_found`; StoreError `version_conflict`.
 */
export async function editBulletin(
  deps: AppDeps,
  ref: ActorRef,
  id: string,
  patch: { praise?: string; criticism?: string; recipient?: string; cc?: string[] },
  expectedVersion?: number,
): Promise<OfficialDocument> {
  const { doc } = await draftOf(deps, ref, id);
  for (const v of [patch.praise, patch.criticism, patch.recipient, ...(patch.cc ?? [])]) {
    if (v !== undefined && v.length > 5000) throw new AppError('invalid_input', 'A paragraph is longer than 5,000 characters.', '段落超过 5000 字。');
  }
  const data = { ...doc.data, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
  await deps.store.transaction((tx) =>
    tx.officialDocuments.updateDraft(ref.tenantId, id, expectedVersion ?? doc.version, { title: doc.title, data, status: 'draft', issuedAt: null }),
  );
  return { ...doc, data, version: (expectedVersion ?? doc.version) + 1 };
}

/**
 * 印发: freezes the bulletin and records it (number, period, SM3 digest of its content) on the event chain. Whoever
 * issues it signs that event with their SM2 key when they have one registered (as 审签 and 销号 are signed): the
 * passphrase opens the key for this call only.
 * @throws AppError `document_issued`, `document_not_found`; StoreError `version_conflict`; SignatureError
 *   `signature_required`, `signing_key_not_active`, `passphrase_invalid`.
 */
export async function issueBulletin(deps: AppDeps, ref: ActorRef, id: string, signing: SigningInput = {}): Promise<OfficialDocument> {
  const { scope, doc } = await draftOf(deps, ref, id);
  const digest = Buffer.from(deps.store.crypto.hash('sm3', JSON.stringify(doc.data))).toString('hex');
  await deps.store.transaction(async (tx) => {
    await tx.officialDocuments.updateDraft(ref.tenantId, id, doc.version, { title: doc.title, data: doc.data, status: 'issued', issuedAt: scope.ctx.now });
    const issued = {
      itemId: null,
      type: 'BulletinIssued',
      actorUserId: scope.actor.userId,
      actorUnitId: scope.actor.unitId,
      at: scope.ctx.now,
      payload: { documentId: id, number: doc.number, title: doc.title, digest },
    };
    const signed = await signBulletin(deps.store.crypto, tx, ref.tenantId, issued, signing.passphrase);
    await tx.appendEvents(ref.tenantId, signed ? [issued, signed] : [issued]);
  });
  return { ...doc, status: 'issued', issuedAt: scope.ctx.now, version: doc.version + 1 };
}

/** The 公文 model of a bulletin: the ranking as numbered lines, units with nothing due apart, red items, the paragraphs. */
export function bulletinModel(doc: OfficialDocument): OfficialModel {
  const d = doc.data as unknown as BulletinData;
  const body: string[] = [
    `现将${cn(d.from)}至${cn(d.to)}督查督办工作情况通报如下：`,
    '一、总体情况',
    d.summary,
    '二、各单位办理情况（按按期办结率由高到低排序，相同时超期事项少者在前）',
  ];
  if (d.ranking.length === 0) body.push('本期无到期事项。');
  for (const r of d.ranking) body.push(`第${r.rank}名\u3000${r.unit}：到期${r.due}项，按期办结${r.onTime}项，按期办结率${r.onTimeRate}%，超期${r.overdue}项。`);
  if (d.nothingDue.length) body.push(`本期无到期事项、不参与排名的单位：${d.nothingDue.join('、')}。`);
  body.push('三、红灯事项');
  if (d.redItems.length === 0) body.push('本期无红灯事项。');
  d.redItems.forEach((r, i) => body.push(`${i + 1}. ${r.title}（${r.number}，牵头单位：${r.unit || '未交办'}，时限：${r.deadline ? cn(r.deadline) : '—'}）`));
  if (d.praise.trim()) body.push('四、表扬', d.praise.trim());
  if (d.criticism.trim()) body.push(`${d.praise.trim() ? '五' : '四'}、批评`, d.criticism.trim());
  const date = toLocalDate(doc.issuedAt ?? doc.createdAt, d.timeZone);
  return {
    issuer: `${d.issuer}`,
    number: `${doc.year}年第${d.issue}期\u3000${doc.number}`,
    title: doc.title,
    recipient: d.recipient,
    body,
    signature: d.issuer,
    date,
    cc: d.cc,
    printedBy: d.issuer,
    printedOn: date,
  };
}

/** The bulletins, newest first, for any business reader. @throws AppError `business_data_forbidden` for admin roles. */
export async function listBulletins(deps: AppDeps, viewer: ViewerRef): Promise<OfficialDocument[]> {
  await viewingScope(deps, deps.store.read, viewer);
  return deps.store.read.officialDocuments.listByKind(viewer.tenantId, 'bulletin');
}

/** One bulletin with its figures and paragraphs. @throws AppError `document_not_found`, `business_data_forbidden`. */
export async function showBulletin(deps: AppDeps, viewer: ViewerRef, id: string): Promise<OfficialDocument> {
  await viewingScope(deps, deps.store.read, viewer);
  const d = await deps.store.read.officialDocuments.get(viewer.tenantId, id);
  if (!d || d.kind !== 'bulletin') throw notFound(id);
  return d;
}
