import type { Item } from '../../domain/item.js';
import { addDays, toLocalDate } from '../../domain/time.js';
import { maskPersonalData } from '../../privacy/mask.js';
import type { LedgerType } from '../../domain/ledger-types/definition.js';
import { closedMonthsOf, publicFieldsOf } from '../../privacy/public-fields.js';
import type { AppDeps } from '../context.js';
import { itemLedgerType, ledgerTypesOf, refreshLedgerTypes } from '../ledger-types/cache.js';
import { publicReplies } from './objection-state.js';
import { cleanPublicImage, publicEvidenceIds } from './public-evidence.js';
import { isCleanableImage } from '../../privacy/strip-metadata.js';

/*
 * 公示: what the public may see of a tenant's items, without logging in. Only items of a ledger type that
 * publishes (its `disclosure` setting), waiting in a public-notice stage or closed within the months the type
 * keeps closed items listed; only the fields that type marks public, every text masked for
 * personal data (张*, 138****5678). Anything else — an item in another stage, another tenant, a number that
 * does not exist — is the same "not found", so nothing of a non-public item can be learnt from the answer.
 */

export interface PublicField {
  readonly name: string;
  readonly label: string;
  readonly value: string;
}

export interface PublicItem {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly ledgerTypeName: string;
  readonly leadUnitName: string | null;
  readonly stageName: string;
  /** The day the notice began and the last day it runs (city dates); null for a closed item. */
  readonly noticeFrom: string | null;
  readonly noticeUntil: string | null;
  /** The day the item was closed (销号), for a closed item listed after its notice. */
  readonly closedOn: string | null;
  readonly fields: readonly PublicField[];
  /** Whether the notice still runs today: objections are taken only then. */
  readonly open: boolean;
  /** Replies to objections (异议) during the notice, masked. */
  readonly replies: readonly { at: string; reply: string }[];
  /** Pictures marked public (served without their metadata), by id, with their names masked. */
  readonly evidence: readonly { id: string; name: string }[];
}

const masked = (text: string): string => maskPersonalData(text).text;

/** The first day a closed item of the type is still listed: `months` months before today (day clamped to the month). */
function listedSince(today: string, months: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

function typeOf(deps: AppDeps, item: Item): LedgerType | null {
  try {
    return itemLedgerType(deps, item.tenantId, item.ledgerType);
  } catch {
    return null;
  }
}

/** Why an item is public now: waiting in a notice stage, or closed within the type's listed months; null otherwise. */
function publicState(
  deps: AppDeps,
  item: Item,
  type: LedgerType,
  timeZone: string,
): { stageName: string; noticeFrom: string | null; noticeUntil: string | null; closedOn: string | null } | null {
  if (publicFieldsOf(type).length === 0) return null;
  if (item.status === 'closed' && item.closedAt !== null) {
    const months = closedMonthsOf(type);
    const closedOn = toLocalDate(item.closedAt, timeZone);
    if (months === 0 || closedOn < listedSince(toLocalDate(deps.now(), timeZone), months)) return null;
    return { stageName: '已销号', noticeFrom: null, noticeUntil: null, closedOn };
  }
  if (item.status !== 'closing' || item.stageKey === null || item.stageEnteredAt === null) return null;
  const stage = type.closureStages.find((s) => s.key === item.stageKey);
  if (stage?.publicNoticeDays === undefined) return null;
  const from = toLocalDate(item.stageEnteredAt, timeZone);
  return { stageName: stage.name.zh, noticeFrom: from, noticeUntil: addDays(from, stage.publicNoticeDays), closedOn: null };
}

function fieldValue(type: LedgerType, name: string, value: unknown): PublicField | null {
  const def = type.fields.find((f) => f.name === name);
  if (!def || def.personal) return null;
  let text: string;
  if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else if (typeof value !== 'string' || value.trim() === '') return null;
  else if (def.kind === 'enum') text = def.options?.find((o) => o.value === value)?.label.zh ?? '';
  else text = value;
  return text === '' ? null : { name, label: def.label.zh, value: masked(text) };
}

async function present(deps: AppDeps, item: Item, timeZone: string): Promise<PublicItem | null> {
  const type = typeOf(deps, item);
  const state = type && publicState(deps, item, type, timeZone);
  if (!type || !state) return null;
  const lead = item.leadUnitId ? await deps.store.read.units.get(item.tenantId, item.leadUnitId) : undefined;
  const events = await deps.store.read.events.listByItem(item.tenantId, item.id);
  const marked = publicEvidenceIds(events);
  const files = marked.size > 0 ? await deps.store.read.evidence.listByItem(item.tenantId, item.id) : [];
  const fields: PublicField[] = [];
  for (const name of publicFieldsOf(type)) {
    const f = fieldValue(type, name, item.fields[name]);
    if (f) fields.push(f);
  }
  return {
    id: item.id,
    number: item.number,
    title: masked(item.title),
    ledgerTypeName: type.name.zh,
    leadUnitName: lead?.name ?? null,
    ...state,
    fields,
    open: state.noticeUntil !== null && toLocalDate(deps.now(), timeZone) <= state.noticeUntil,
    replies: publicReplies(events),
    evidence: files.filter((e) => marked.has(e.id) && isCleanableImage(e.mediaType)).map((e) => ({ id: e.id, name: masked(e.fileName) })),
  };
}

async function timeZoneOf(deps: AppDeps, tenantId: string): Promise<string | null> {
  const tenant = await deps.store.read.tenants.get(tenantId);
  return tenant ? tenant.timeZone : null;
}

/** The items of a tenant in their 公示 period, newest notice first; [] for a tenant that does not exist. */
export async function listPublicItems(deps: AppDeps, tenantId: string, limit = 200): Promise<PublicItem[]> {
  const tz = await timeZoneOf(deps, tenantId);
  if (!tz) return [];
  await refreshLedgerTypes(deps, deps.store.read, tenantId);
  const types = [...ledgerTypesOf(deps, tenantId).all.values()].filter((t) => publicFieldsOf(t).length > 0);
  if (types.length === 0) return [];
  const statuses = types.some((t) => closedMonthsOf(t) > 0) ? (['closing', 'closed'] as const) : (['closing'] as const);
  const page = await deps.store.read.items.list(tenantId, { ledgerTypes: types.map((t) => t.key), statuses: [...statuses] }, { limit: 1000 });
  const out: PublicItem[] = [];
  for (const item of page.items) {
    const p = await present(deps, item, tz);
    if (p) out.push(p);
  }
  // Items in their notice first (newest notice first), then the closed ones (latest closed first).
  const key = (p: PublicItem) => `${p.noticeFrom ? '1' : '0'}${p.noticeFrom ?? p.closedOn ?? ''}`;
  return out.sort((a, b) => key(b).localeCompare(key(a)) || a.number.localeCompare(b.number)).slice(0, limit);
}

/** One item by its number (整改〔2026〕0003号) or id, when it is in its 公示 period; null for anything else. */
export async function findPublicItem(deps: AppDeps, tenantId: string, numberOrId: string): Promise<PublicItem | null> {
  // Ids and numbers are letters, digits and the brackets of a number: anything else cannot name an item, and
  // is not sent to the database (a NUL or a lone surrogate would be refused there as bad input).
  if (numberOrId.length === 0 || numberOrId.length > 200 || !/^[\p{L}\p{N}〔〕[\]_-]+$/u.test(numberOrId)) return null;
  const tz = await timeZoneOf(deps, tenantId);
  if (!tz) return null;
  await refreshLedgerTypes(deps, deps.store.read, tenantId);
  const byId = await deps.store.read.items.get(tenantId, numberOrId);
  if (byId) return present(deps, byId, tz);
  const listed = await listPublicItems(deps, tenantId, 1000);
  return listed.find((p) => p.number === numberOrId) ?? null;
}

/**
 * A picture shown on a public item page, with its metadata removed; null unless the item is public now and the
 * file is one of its pictures marked public (the same not-found as anything else).
 */
export async function readPublicEvidence(
  deps: AppDeps,
  dataDir: string,
  tenantId: string,
  numberOrId: string,
  evidenceId: string,
): Promise<{ mediaType: string; bytes: Uint8Array } | null> {
  const item = await findPublicItem(deps, tenantId, numberOrId);
  if (!item || !item.evidence.some((e) => e.id === evidenceId)) return null;
  const evidence = await deps.store.read.evidence.get(tenantId, evidenceId);
  if (!evidence || evidence.itemId !== item.id) return null;
  const bytes = cleanPublicImage(dataDir, deps, evidence);
  return bytes ? { mediaType: evidence.mediaType, bytes } : null;
}
