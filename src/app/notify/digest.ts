import { defaultWorkCalendar } from '../../domain/calendar.js';
import { MS_PER_DAY, localWallMs } from '../../domain/calendar-days.js';
import { composeDigest, type DigestEntry, type DigestSection } from '../../domain/notify/digest.js';
import type { Message } from '../../domain/notify/message.js';
import { personalClassOf, type ChannelKind } from '../../domain/notify/route.js';
import type { LocalDate, TenantId, UnitId } from '../../domain/ids.js';
import type { Item } from '../../domain/item.js';
import { addDays, toLocalDate } from '../../domain/time.js';
import type { NewNotifyDelivery, User } from '../../store/index.js';
import type { AppDeps } from '../context.js';
import { lightOf, tenantZone } from '../items/load.js';
import type { NotifyInstallation } from './fanout.js';
import { notifiedTitles } from './masked-title.js';
import { preferencesFrom, tenantNotifySettings } from './settings.js';

export interface DigestReport {
  readonly day: LocalDate;
  /** Nothing was due: not a working day, or before the digest time. */
  readonly due: boolean;
  /** Digests this call claimed and wrote. */
  readonly daily: number;
  readonly weekly: number;
  /** People whose digest another node (or an earlier call) already claimed today. */
  readonly taken: number;
}

/** Near deadline: due within this many days. */
const NEAR_DAYS = 3;
const OPEN = ['assigned', 'in_progress', 'closing'] as const;

async function openItems(deps: AppDeps, tenantId: TenantId): Promise<Item[]> {
  const out: Item[] = [];
  let after: string | null = null;
  do {
    const page = await deps.store.read.items.list(tenantId, { statuses: [...OPEN] }, { order: 'created_asc', limit: 500, after });
    out.push(...page.items);
    after = page.nextCursor;
  } while (after !== null);
  return out;
}

const entry =
  (link: (i: Item) => string | null) =>
  (i: Item): DigestEntry => ({ number: i.number, title: i.title, link: link(i) });
const section = (label: string, items: readonly Item[], link: (i: Item) => string | null): DigestSection => ({
  label,
  total: items.length,
  entries: items.slice(0, 20).map(entry(link)),
});

/** What waits for a person today: as handler of their unit, as supervisor of the items their unit owns. */
function dailySections(user: User, items: readonly Item[], today: LocalDate, link: (i: Item) => string | null): DigestSection[] {
  const near = addDays(today, NEAR_DAYS);
  const sections: DigestSection[] = [];
  if (user.roles.includes('handler')) {
    const lead = items.filter((i) => i.leadUnitId === user.unitId);
    sections.push(
      section(
        '待签收',
        lead.filter((i) => i.status === 'assigned'),
        link,
      ),
      section(
        '待反馈',
        lead.filter((i) => i.status === 'in_progress'),
        link,
      ),
      section(
        '临近期限',
        lead.filter((i) => i.currentDeadline !== null && i.currentDeadline >= today && i.currentDeadline <= near && i.status !== 'closing'),
        link,
      ),
      section(
        '已逾期',
        lead.filter((i) => i.currentDeadline !== null && i.currentDeadline < today && i.status !== 'closing'),
        link,
      ),
    );
  }
  if (user.roles.includes('supervisor')) {
    const owned = items.filter((i) => i.ownerUnitId === user.unitId);
    sections.push(
      section(
        '待审核',
        owned.filter((i) => i.status === 'closing'),
        link,
      ),
      section(
        '所督办事项已逾期',
        owned.filter((i) => i.currentDeadline !== null && i.currentDeadline < today && i.status !== 'closing'),
        link,
      ),
    );
  }
  return sections;
}

/** A leader's week: their area's lights, the units with most red, and what turned red (overdue) this past week. */
function weeklySummary(
  deps: AppDeps,
  user: User,
  items: readonly Item[],
  within: (u: UnitId | null) => boolean,
  today: LocalDate,
  now: Date,
  zone: string,
  link: (i: Item) => string | null,
  unitName: (u: string) => string,
) {
  const area = items.filter((i) => within(i.leadUnitId) || within(i.ownerUnitId));
  const lights = { red: 0, yellow: 0, green: 0 };
  const redBy = new Map<string, number>();
  for (const i of area) {
    const l = lightOf(deps, { now: now.toISOString(), timeZone: zone }, i).light;
    if (l === 'red' || l === 'yellow' || l === 'green') lights[l] += 1;
    if (l === 'red' && i.leadUnitId) redBy.set(i.leadUnitId, (redBy.get(i.leadUnitId) ?? 0) + 1);
  }
  const worst = [...redBy.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 5);
  const newlyRed = area.filter((i) => i.currentDeadline !== null && i.currentDeadline < today && i.currentDeadline >= addDays(today, -7) && i.status !== 'closing');
  return composeDigest({
    heading: '每周督办概况',
    day: today,
    lines: [
      `红灯 ${lights.red} 项，黄灯 ${lights.yellow} 项，绿灯 ${lights.green} 项`,
      ...(worst.length ? [`红灯最多的单位：${worst.map(([u, n]) => `${unitName(u)} ${n} 项`).join('，')}`] : []),
    ],
    sections: [section('本周新增逾期（红灯）', newlyRed, link)],
  });
}

/** Deliveries of a digest to one person by their normal-urgency channels (the digest is what digest-only people wait for). */
function digestDeliveries(
  tx: { channels: readonly { id: string; kind: string; disabledAt: string | null }[] },
  user: User,
  kinds: ReadonlySet<string> | undefined,
  prefsText: string | undefined,
  message: Message,
  key: string,
  at: string,
  newId: () => string,
  mail: boolean,
): NewNotifyDelivery[] {
  const prefs = preferencesFrom(prefsText);
  const out: NewNotifyDelivery[] = [];
  const body = JSON.stringify(message);
  const add = (kind: string, channelId: string | null, contact: string) => {
    if (!kinds?.has(contact)) return;
    out.push({
      id: newId(),
      dedupeKey: `${key}|${kind}|${channelId ?? ''}|u:${user.id}`,
      channelKind: kind,
      channelId,
      recipientKind: 'user',
      recipientId: user.id,
      eventSeq: null,
      itemId: null,
      urgency: 'low',
      message: body,
      nextAttemptAt: at,
      createdAt: at,
    });
  };
  const wanted = new Set(prefs.channels.normal);
  if (wanted.has('email') && mail) add('email', null, 'email');
  if (wanted.has('work')) {
    for (const c of tx.channels.filter((c) => c.disabledAt === null && personalClassOf(c.kind as ChannelKind) === 'work')) {
      add(c.kind, c.id, c.kind === 'dingtalk-work' ? 'dingtalk' : 'wecom');
    }
  }
  return out;
}

/**
 * Sends the day's digests once the city's digest time (default 08:30) has come on a working day: to every
 * handler and supervisor with something waiting, what waits (to accept, to report, to review, near deadline,
 * overdue) with links; on the week's first working day, to every leader a summary of their area (lights, the
 * units with most red, what turned red). Each person's digest is claimed by a row keyed by person, kind and day,
 * in the same transaction as the notification it writes: sent once per person and day however many nodes run
 * this at once, and a failed write leaves it to the next try.
 */
export async function sendDigests(deps: AppDeps, tenantId: TenantId, installation: NotifyInstallation, o: { node: string; force?: boolean }): Promise<DigestReport> {
  const now = deps.now();
  const zone = await tenantZone(deps.store, deps.store.read, tenantId);
  const today = toLocalDate(now.toISOString(), zone);
  const calendar = deps.calendar ?? defaultWorkCalendar();
  const settings = await tenantNotifySettings(deps.store.read, tenantId);
  const [h, m] = settings.digestAt.split(':').map(Number) as [number, number];
  const minutes = Math.floor((((localWallMs(now.getTime(), zone) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / 60_000);
  if (!o.force && (!calendar.isWorkday(today) || minutes < h * 60 + m)) return { day: today, due: false, daily: 0, weekly: 0, taken: 0 };
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay() || 7;
  const firstOfWeek = Array.from({ length: weekday - 1 }, (_, k) => addDays(today, -(k + 1))).every((d) => !calendar.isWorkday(d));
  const [open, users, units, channels, contacts, prefs, titleOf] = await Promise.all([
    openItems(deps, tenantId),
    deps.store.read.users.list(tenantId),
    deps.store.read.units.list(tenantId),
    deps.store.read.notify.listChannels(tenantId),
    deps.store.read.notify.contactKinds(tenantId),
    deps.store.read.notify.allPreferences(tenantId),
    notifiedTitles(deps, deps.store.read, tenantId),
  ]);
  const items = open.map((i) => ({ ...i, title: titleOf(i) }));
  const base = installation.publicUrl?.replace(/\/+$/, '') ?? null;
  const link = (i: Item) => (base ? `${base}/items/${encodeURIComponent(i.id)}` : null);
  const parent = new Map(units.map((u) => [u.id, u.parentId]));
  const name = new Map(units.map((u) => [u.id, u.name]));
  const at = now.toISOString();
  let daily = 0;
  let weekly = 0;
  let taken = 0;
  for (const user of users) {
    if (user.disabledAt !== null) continue;
    const plans: { kind: 'daily' | 'weekly'; message: Message | null }[] = [];
    if (user.roles.includes('handler') || user.roles.includes('supervisor')) {
      plans.push({ kind: 'daily', message: composeDigest({ heading: '每日待办', day: today, sections: dailySections(user, items, today, link) }) });
    }
    if (firstOfWeek && user.roles.includes('leader')) {
      const within = (u: UnitId | null) => {
        for (let x = u, n = 0; x !== null && x !== undefined && n < 64; x = parent.get(x) ?? null, n++) if (x === user.unitId) return true;
        return false;
      };
      plans.push({ kind: 'weekly', message: weeklySummary(deps, user, items, within, today, now, zone, link, (u) => name.get(u) ?? u) });
    }
    for (const p of plans) {
      if (!p.message) continue;
      const message = p.message;
      const key = `digest:${p.kind}:${today}`;
      const wrote = await deps.store.transaction(async (tx) => {
        if (!(await tx.notifyOutbox.claimDigest(tenantId, user.id, p.kind, today, o.node, at))) return false;
        await tx.notify.insertInbox(tenantId, [
          { id: deps.newId(), userId: user.id, dedupeKey: key, eventSeq: null, itemId: null, ruleKey: `digest_${p.kind}`, urgency: 'low', subject: message.subject, createdAt: at },
        ]);
        await tx.notifyOutbox.insert(tenantId, digestDeliveries({ channels }, user, contacts.get(user.id), prefs.get(user.id), message, key, at, deps.newId, installation.mail));
        return true;
      });
      if (!wrote) taken += 1;
      else if (p.kind === 'daily') daily += 1;
      else weekly += 1;
    }
  }
  return { day: today, due: true, daily, weekly, taken };
}
