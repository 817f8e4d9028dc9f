import type { Item } from '../../domain/item.js';
import { addDays, toLocalDate } from '../../domain/time.js';
import { maskPersonalData } from '../../privacy/mask.js';
import { PUBLIC_FIELDS, publicFieldsOf } from '../../privacy/public-fields.js';
import type { AppDeps } from '../context.js';
import { itemLedgerType } from '../ledger-types/cache.js';
import { publicReplies } from './objection-state.js';

/*
 * 公示: what the public may see of a tenant's items, without logging in. Only items waiting in a public-notice
 * stage of a ledger type that publishes, only the fields that type marks public, every text masked for
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
  /** The day the notice began and the last day it runs (city dates). */
  readonly noticeFrom: string;
  readonly noticeUntil: string;
  readonly fields: readonly PublicField[];
  /** Whether the notice still runs today: objections are taken only then. */
  readonly open: boolean;
  /** Replies to objections (异议) during the notice, masked. */
  readonly replies: readonly { at: string; reply: string }[];
}

const masked = (text: string): string => maskPersonalData(text).text;

/** The public-notice stage an item waits in, when its ledger type publishes; null otherwise. */
function noticeOf(deps: AppDeps, item: Item): { name: string; days: number } | null {
  if (item.status !== 'closing' || item.stageKey === null || publicFieldsOf(item.ledgerType).length === 0) return null;
  let stage;
  try {
    stage = itemLedgerType(deps, item.tenantId, item.ledgerType).closureStages.find((s) => s.key === item.stageKey);
  } catch {
    return null;
  }
  return stage?.publicNoticeDays === undefined ? null : { name: stage.name.zh, days: stage.publicNoticeDays };
}

async function present(deps: AppDeps, item: Item, timeZone: string): Promise<PublicItem | null> {
  const notice = noticeOf(deps, item);
  if (!notice || item.stageEnteredAt === null) return null;
  const type = itemLedgerType(deps, item.tenantId, item.ledgerType);
  const lead = item.leadUnitId ? await deps.store.read.units.get(item.tenantId, item.leadUnitId) : undefined;
  const from = toLocalDate(item.stageEnteredAt, timeZone);
  const fields: PublicField[] = [];
  for (const name of publicFieldsOf(item.ledgerType)) {
    const def = type.fields.find((f) => f.name === name);
    const value = item.fields[name];
    if (!def || def.personal || typeof value !== 'string' || value.trim() === '') continue;
    fields.push({ name, label: def.label.zh, value: masked(value) });
  }
  return {
    id: item.id,
    number: item.number,
    title: masked(item.title),
    ledgerTypeName: type.name.zh,
    leadUnitName: lead?.name ?? null,
    stageName: notice.name,
    noticeFrom: from,
    noticeUntil: addDays(from, notice.days),
    fields,
    open: toLocalDate(deps.now(), timeZone) <= addDays(from, notice.days),
    replies: publicReplies(await deps.store.read.events.listByItem(item.tenantId, item.id)),
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
  const page = await deps.store.read.items.list(tenantId, { ledgerTypes: Object.keys(PUBLIC_FIELDS), statuses: ['closing'] }, { limit: 1000 });
  const out: PublicItem[] = [];
  for (const item of page.items) {
    const p = await present(deps, item, tz);
    if (p) out.push(p);
  }
  return out.sort((a, b) => b.noticeFrom.localeCompare(a.noticeFrom) || a.number.localeCompare(b.number)).slice(0, limit);
}

/** One item by its number (整改〔2026〕0003号) or id, when it is in its 公示 period; null for anything else. */
export async function findPublicItem(deps: AppDeps, tenantId: string, numberOrId: string): Promise<PublicItem | null> {
  // Ids and numbers are letters, digits and the brackets of a number: anything else cannot name an item, and
  // is not sent to the database (a NUL or a lone surrogate would be refused there as bad input).
  if (numberOrId.length === 0 || numberOrId.length > 200 || !/^[\p{L}\p{N}〔〕[\]_-]+$/u.test(numberOrId)) return null;
  const tz = await timeZoneOf(deps, tenantId);
  if (!tz) return null;
  const byId = await deps.store.read.items.get(tenantId, numberOrId);
  if (byId) return present(deps, byId, tz);
  const listed = await listPublicItems(deps, tenantId, 1000);
  return listed.find((p) => p.number === numberOrId) ?? null;
}
