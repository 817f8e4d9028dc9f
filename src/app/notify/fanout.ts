import { composeMessage } from '../../domain/notify/message.js';
import { isRobot, personalClassOf, planPersonal, type ChannelKind, type PersonalChannel } from '../../domain/notify/route.js';
import { notifiedEventTypes, rulesFor, URGENCIES, type Audience, type Urgency } from '../../domain/notify/rules.js';
import type { TenantId, UnitId, UserId } from '../../domain/ids.js';
import type { ContactKind, NewInboxEntry, NewNotifyDelivery, NotifyChannel, TransactionContext, User } from '../../store/index.js';
import type { StoredEvent } from '../../store/chain.js';
import type { AppDeps } from '../context.js';
import { tenantZone } from '../items/load.js';
import { notifiedTitles } from './masked-title.js';
import { INSPECTION_ROUND_DUE } from '../inspection/round-reminders.js';
import { preferencesFrom, tenantNotifySettings } from './settings.js';

/** What the installation adds to notifications: whether e-mail is configured, and the public URL links start from. */
export interface NotifyInstallation {
  readonly mail: boolean;
  readonly publicUrl: string | null;
}

export interface FanOutReport {
  readonly events: number;
  readonly notified: number;
  readonly inbox: number;
  readonly deliveries: number;
  readonly lastSeq: number;
}

/** Events read per transaction: one round turns this many into notifications and moves the cursor past them. */
const BATCH = 1000;

/** The contact a personal channel reaches a person by. */
export const CONTACT_OF: Partial<Record<ChannelKind, ContactKind>> = {
  email: 'email',
  'dingtalk-work': 'dingtalk',
  'wecom-app': 'wecom',
  'sms-aliyun': 'phone',
  'sms-tencent': 'phone',
};

const rank = (u: Urgency): number => URGENCIES.indexOf(u);

/**
 * What an event is about, as notifications need it: an item, or (for an event without one) what stands in its
 * place — an inspection plan's open rounds, whose inspecting unit is the `lead`. `path` is the web page it opens.
 */
interface Target {
  readonly itemId: string | null;
  readonly number: string;
  readonly title: string;
  readonly ledgerType: string;
  readonly leadUnitId: UnitId | null;
  readonly coUnitIds: readonly UnitId[];
  readonly ownerUnitId: UnitId;
  readonly path: string;
}

/** Events about no item that notify: the open rounds of an inspection plan (see app/inspection/round-reminders). */
function roundTarget(e: StoredEvent): Target | null {
  if (e.type !== INSPECTION_ROUND_DUE) return null;
  const p = e.payload as Partial<Record<'planTitle' | 'unitId' | 'period' | 'dueOn', unknown>> & { places?: unknown };
  if (typeof p.unitId !== 'string' || typeof p.planTitle !== 'string') return null;
  return {
    itemId: null,
    number: p.planTitle,
    title: `${String(p.period)} 起 ${String(p.places)} 处，${String(p.dueOn)} 前完成`,
    ledgerType: 'inspection',
    leadUnitId: p.unitId,
    coUnitIds: [],
    ownerUnitId: p.unitId,
    path: '/inspection',
  };
}

/** Who the audiences of an item are: users by unit and role, the event's actor left out (they know). */
function audienceOf(item: Target, audience: Audience, byUnitRole: Map<string, User[]>): User[] {
  const at = (unit: UnitId | null, role: string): User[] => (unit === null ? [] : (byUnitRole.get(`${unit}|${role}`) ?? []));
  switch (audience) {
    case 'lead':
      return at(item.leadUnitId, 'handler');
    case 'lead_leader':
      return at(item.leadUnitId, 'leader');
    case 'co':
      return item.coUnitIds.flatMap((u) => at(u, 'handler'));
    case 'owner':
      return at(item.ownerUnitId, 'supervisor');
    case 'owner_leader':
      return at(item.ownerUnitId, 'leader');
  }
}

const unitsOf = (item: Target, audience: Audience): UnitId[] =>
  audience === 'lead' || audience === 'lead_leader' ? (item.leadUnitId ? [item.leadUnitId] : []) : audience === 'co' ? [...item.coUnitIds] : [item.ownerUnitId];

interface Round {
  readonly tenantId: TenantId;
  readonly zone: string;
  readonly nowMs: number;
  readonly installation: NotifyInstallation;
  readonly newId: () => string;
  readonly byUnitRole: Map<string, User[]>;
  readonly channels: readonly NotifyChannel[];
  readonly contacts: Map<UserId, Set<ContactKind>>;
  readonly prefs: Map<UserId, string>;
  readonly overrides: Awaited<ReturnType<typeof tenantNotifySettings>>['overrides'];
}

/** The notifications of one event: in-app entries for every person of its audiences, deliveries by their channels. */
function plan(r: Round, e: StoredEvent, item: Target, inbox: NewInboxEntry[], out: NewNotifyDelivery[]): boolean {
  // A loop event carries its data under `data` (with the item's version beside it); other events carry it directly.
  const data = e.payload.data;
  const payload = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : e.payload;
  const rules = rulesFor({ type: e.type, payload, ledgerType: item.ledgerType }, r.overrides);
  if (rules.length === 0) return false;
  // One message per person and unit however many rules name them: the most urgent rule's.
  const people = new Map<UserId, { user: User; urgency: Urgency; label: string; key: string }>();
  const units = new Map<UnitId, { urgency: Urgency; label: string }>();
  for (const rule of rules) {
    for (const a of rule.audience) {
      for (const u of audienceOf(item, a, r.byUnitRole)) {
        if (u.id === e.actorUserId) continue;
        const had = people.get(u.id);
        if (!had || rank(rule.urgency) < rank(had.urgency)) people.set(u.id, { user: u, urgency: rule.urgency, label: rule.label, key: rule.key });
      }
      for (const unit of unitsOf(item, a)) {
        const had = units.get(unit);
        if (!had || rank(rule.urgency) < rank(had.urgency)) units.set(unit, { urgency: rule.urgency, label: rule.label });
      }
    }
  }
  const link = r.installation.publicUrl ? `${r.installation.publicUrl.replace(/\/+$/, '')}${item.path}` : null;
  const at = e.at;
  const base = { eventSeq: e.seq, itemId: item.itemId, createdAt: at };
  const live = r.channels.filter((c) => c.disabledAt === null);
  for (const [userId, p] of people) {
    const message = composeMessage({ number: item.number, title: item.title, label: p.label, urgent: p.urgency === 'urgent', link });
    inbox.push({ ...base, id: r.newId(), userId, dedupeKey: `e${e.seq}`, ruleKey: p.key, urgency: p.urgency, subject: message.subject });
    const personal = planPersonal(p.urgency, preferencesFrom(r.prefs.get(userId)), r.nowMs, r.zone);
    const has = r.contacts.get(userId);
    const notBefore = personal.notBefore === null ? at : new Date(Math.max(personal.notBefore, Date.parse(at))).toISOString();
    const body = JSON.stringify(message);
    const add = (kind: ChannelKind, channelId: string | null) => {
      const contact = CONTACT_OF[kind];
      if (!contact || !has?.has(contact)) return;
      out.push({
        ...base,
        id: r.newId(),
        dedupeKey: `e${e.seq}|${kind}|${channelId ?? ''}|u:${userId}`,
        channelKind: kind,
        channelId,
        recipientKind: 'user',
        recipientId: userId,
        urgency: p.urgency,
        message: body,
        nextAttemptAt: notBefore,
      });
    };
    for (const cls of personal.channels as readonly PersonalChannel[]) {
      if (cls === 'email' && r.installation.mail) add('email', null);
      // The corp apps each reach the person; SMS goes by one account only (the first configured).
      if (cls === 'work') for (const c of live.filter((c) => personalClassOf(c.kind as ChannelKind) === 'work')) add(c.kind as ChannelKind, c.id);
      if (cls === 'sms') {
        const sms = live.find((c) => personalClassOf(c.kind as ChannelKind) === 'sms' && has?.has('phone'));
        if (sms) add(sms.kind as ChannelKind, sms.id);
      }
    }
  }
  for (const [unitId, u] of units) {
    if (u.urgency === 'low') continue;
    const message = JSON.stringify(composeMessage({ number: item.number, title: item.title, label: u.label, urgent: u.urgency === 'urgent', link }));
    for (const c of live.filter((c) => c.unitId === unitId && isRobot(c.kind as ChannelKind))) {
      out.push({
        ...base,
        id: r.newId(),
        dedupeKey: `e${e.seq}|${c.kind}|${c.id}|g:${unitId}`,
        channelKind: c.kind,
        channelId: c.id,
        recipientKind: 'unit',
        recipientId: unitId,
        urgency: u.urgency,
        message,
        nextAttemptAt: at,
      });
    }
  }
  return true;
}

async function round(deps: AppDeps, tx: TransactionContext, tenantId: TenantId, installation: NotifyInstallation, startSeq: number): Promise<FanOutReport> {
  const now = deps.now();
  const last = await tx.notify.lockCursor(tenantId, startSeq, now.toISOString());
  const events = await tx.events.listAfter(tenantId, last, BATCH);
  if (events.length === 0) return { events: 0, notified: 0, inbox: 0, deliveries: 0, lastSeq: last };
  const types = notifiedEventTypes();
  const wanted = events.filter((e) => types.has(e.type) && (e.itemId !== null || e.type === INSPECTION_ROUND_DUE));
  const inbox: NewInboxEntry[] = [];
  const out: NewNotifyDelivery[] = [];
  let notified = 0;
  if (wanted.length > 0) {
    const [items, users, channels, contacts, prefs, settings, zone, titleOf] = await Promise.all([
      tx.items.getMany(tenantId, [...new Set(wanted.flatMap((e) => (e.itemId === null ? [] : [e.itemId])))]),
      tx.users.list(tenantId),
      tx.notify.listChannels(tenantId),
      tx.notify.contactKinds(tenantId),
      tx.notify.allPreferences(tenantId),
      tenantNotifySettings(tx, tenantId),
      tenantZone(deps.store, tx, tenantId),
      notifiedTitles(deps, tx, tenantId),
    ]);
    const byUnitRole = new Map<string, User[]>();
    for (const u of users) {
      if (u.disabledAt !== null) continue;
      for (const role of u.roles) byUnitRole.set(`${u.unitId}|${role}`, [...(byUnitRole.get(`${u.unitId}|${role}`) ?? []), u]);
    }
    const byId = new Map(items.map((i) => [i.id, i]));
    const r: Round = { tenantId, zone, nowMs: now.getTime(), installation, newId: deps.newId, byUnitRole, channels, contacts, prefs, overrides: settings.overrides };
    for (const e of wanted) {
      const item = e.itemId === null ? null : byId.get(e.itemId);
      const target: Target | null = item
        ? {
            itemId: item.id,
            number: item.number,
            title: titleOf(item),
            ledgerType: item.ledgerType,
            leadUnitId: item.leadUnitId,
            coUnitIds: item.coUnitIds,
            ownerUnitId: item.ownerUnitId,
            path: `/items/${encodeURIComponent(item.id)}`,
          }
        : roundTarget(e);
      if (target && plan(r, e, target, inbox, out)) notified += 1;
    }
  }
  const newInbox = await tx.notify.insertInbox(tenantId, inbox);
  const newDeliveries = await tx.notifyOutbox.insert(tenantId, out);
  const lastSeq = events[events.length - 1]!.seq;
  await tx.notify.moveCursor(tenantId, lastSeq, now.toISOString());
  return { events: events.length, notified, inbox: newInbox, deliveries: newDeliveries, lastSeq };
}

/**
 * Turns the tenant's new events into notifications: the event chain is the outbox — every action's event is
 * committed with the action, on the transaction path and on PostgreSQL's one-statement path alike — and this
 * reads on from a cursor, in rounds of one transaction each that write the in-app notifications and the
 * deliveries of a batch of events and move the cursor past them, all or nothing. Two nodes never notify an
 * event twice (the cursor's row lock orders them; the rows' dedupe keys make a repeat a no-op). An action
 * never waits for any of this and cannot fail because of it. A tenant's first round starts at its chain head:
 * switching notifications on does not send the history.
 * @returns what the rounds did, summed, until no event is left (or `maxRounds`).
 */
export async function fanOutNotifications(deps: AppDeps, tenantId: TenantId, installation: NotifyInstallation, o: { maxRounds?: number } = {}): Promise<FanOutReport> {
  const head = (await deps.store.read.events.head(tenantId)).seq;
  const total = { events: 0, notified: 0, inbox: 0, deliveries: 0, lastSeq: head };
  for (let i = 0; i < (o.maxRounds ?? 1000); i++) {
    const r = await deps.store.transaction((tx) => round(deps, tx, tenantId, installation, head));
    total.events += r.events;
    total.notified += r.notified;
    total.inbox += r.inbox;
    total.deliveries += r.deliveries;
    total.lastSeq = r.lastSeq;
    if (r.events < BATCH) break;
  }
  return total;
}
