import { composeMessage } from '../../domain/notify/message.js';
import { personalClassOf, planPersonal, type ChannelKind } from '../../domain/notify/route.js';
import type { TenantId } from '../../domain/ids.js';
import type { NewNotifyDelivery } from '../../store/index.js';
import type { ChainAlarm } from '../chain-watch.js';
import type { AppDeps } from '../context.js';
import { CONTACT_OF, type NotifyInstallation } from './fanout.js';
import { preferencesFrom } from './settings.js';

/**
 * Tells every active security admin that the running server found the record altered: an urgent in-app
 * notification and a message by each of their urgent channels (quiet hours do not hold it back). The alarm is not
 * an event — the chain it would go on is the thing in doubt — so it is written straight to the inbox and the
 * outbox, keyed by the event it names: a second alarm about the same event, from this node or another, adds
 * nothing. Returns the number of people told.
 */
export async function notifyTamperAlarm(deps: AppDeps, tenantId: TenantId, installation: NotifyInstallation, alarm: ChainAlarm): Promise<number> {
  const [users, channels, contacts, prefs] = await Promise.all([
    deps.store.read.users.list(tenantId),
    deps.store.read.notify.listChannels(tenantId),
    deps.store.read.notify.contactKinds(tenantId),
    deps.store.read.notify.allPreferences(tenantId),
  ]);
  const admins = users.filter((u) => u.disabledAt === null && u.roles.includes('security_admin'));
  if (admins.length === 0) return 0;
  const at = deps.now().toISOString();
  const key = `tamper:${alarm.seq}:${alarm.problem}`;
  const base = installation.publicUrl?.replace(/\/+$/, '') ?? null;
  // The alarm's own words, never an item's: the auditor's and security admin's view of the record.
  const message = composeMessage({ number: `第 ${alarm.seq} 号记录`, title: alarm.messageZh, label: '防篡改告警', urgent: true, link: base ? `${base}/audit` : null });
  const body = JSON.stringify(message);
  const live = channels.filter((c) => c.disabledAt === null);
  const deliveries: NewNotifyDelivery[] = [];
  for (const user of admins) {
    const has = contacts.get(user.id);
    // Urgent: no quiet hours, no digest, so the city's time zone does not matter here.
    const plan = planPersonal('urgent', preferencesFrom(prefs.get(user.id)), deps.now().getTime(), 'UTC');
    const add = (kind: string, channelId: string | null) => {
      const contact = CONTACT_OF[kind as ChannelKind];
      if (!contact || !has?.has(contact)) return;
      deliveries.push({
        id: deps.newId(),
        dedupeKey: `${key}|${kind}|${channelId ?? ''}|u:${user.id}`,
        channelKind: kind,
        channelId,
        recipientKind: 'user',
        recipientId: user.id,
        eventSeq: null,
        itemId: null,
        urgency: 'urgent',
        message: body,
        nextAttemptAt: at,
        createdAt: at,
      });
    };
    for (const cls of plan.channels) {
      if (cls === 'email' && installation.mail) add('email', null);
      if (cls === 'work') for (const c of live.filter((c) => personalClassOf(c.kind as ChannelKind) === 'work')) add(c.kind, c.id);
      if (cls === 'sms') {
        const sms = live.find((c) => personalClassOf(c.kind as ChannelKind) === 'sms');
        if (sms) add(sms.kind, sms.id);
      }
    }
  }
  return deps.store.transaction(async (tx) => {
    const told = await tx.notify.insertInbox(
      tenantId,
      admins.map((u) => ({
        id: deps.newId(),
        userId: u.id,
        dedupeKey: key,
        eventSeq: null,
        itemId: null,
        ruleKey: 'tamper_alarm',
        urgency: 'urgent',
        subject: message.subject,
        createdAt: at,
      })),
    );
    await tx.notifyOutbox.insert(tenantId, deliveries);
    return told;
  });
}
