import type { Message } from '../../domain/notify/message.js';
import { isRobot, type ChannelKind } from '../../domain/notify/route.js';
import type { ClaimedNotifyDelivery, ContactKind, OpenChannel, Store } from '../../store/index.js';
import type { ChannelAdapter, SendContext, SendResult } from './adapter.js';
import { dingtalkWork, wecomApp } from './corp-apps.js';
import { dingtalkRobot, wecomRobot } from './robots.js';
import { aliyunSms, tencentSms } from './sms.js';

/** Waits between attempts: 10 s, 1 min, 5 min, 30 min, 2 h, 6 h; then the delivery is marked failed. */
export const NOTIFY_BACKOFF_MS = [10_000, 60_000, 300_000, 1_800_000, 7_200_000, 21_600_000] as const;

/** Messages a group robot may post per minute: both vendors cut a robot off at about 20. */
export const ROBOT_PER_MINUTE = 20;

const CONTACT: Partial<Record<string, ContactKind>> = { email: 'email', 'dingtalk-work': 'dingtalk', 'wecom-app': 'wecom', 'sms-aliyun': 'phone', 'sms-tencent': 'phone' };

export interface NotifyDispatchOptions extends SendContext {
  /** The e-mail adapter (null when LUOSHI_SMTP_URL is not set: e-mail deliveries then wait, then fail). */
  readonly email: ChannelAdapter | null;
  /** Deliveries claimed per round (default 50), sent at the same time. */
  readonly batch?: number;
  readonly backoffMs?: readonly number[];
  readonly robotPerMinute?: number;
}

const ADAPTERS: Record<Exclude<ChannelKind, 'email'>, ChannelAdapter> = {
  'dingtalk-robot': dingtalkRobot,
  'wecom-robot': wecomRobot,
  'dingtalk-work': dingtalkWork,
  'wecom-app': wecomApp,
  'sms-aliyun': aliyunSms,
  'sms-tencent': tencentSms,
};

async function sendOne(store: Store, d: ClaimedNotifyDelivery, o: NotifyDispatchOptions, channels: Map<string, OpenChannel | undefined>): Promise<SendResult> {
  const message = JSON.parse(d.message) as Message;
  let channel: OpenChannel | null = null;
  if (d.channelId !== null) {
    if (!channels.has(d.channelId)) channels.set(d.channelId, await store.read.notify.openChannel(d.tenantId, d.channelId));
    const c = channels.get(d.channelId);
    if (!c || c.disabledAt !== null) return { ok: false, retry: false, error: 'channel removed or disabled' };
    if (c.secrets === null) return { ok: false, retry: false, error: "not sent: the channel's sealed secrets fail their integrity check; add the channel again" };
    channel = c;
  }
  const contact = CONTACT[d.channelKind];
  const address = d.recipientKind === 'user' && contact ? await store.read.notify.getContact(d.tenantId, d.recipientId, contact) : null;
  if (d.recipientKind === 'user' && address === null) return { ok: false, retry: false, error: `the recipient has no ${contact ?? 'address'} (any more)` };
  const adapter = d.channelKind === 'email' ? o.email : ADAPTERS[d.channelKind as Exclude<ChannelKind, 'email'>];
  if (!adapter) return { ok: false, retry: true, error: d.channelKind === 'email' ? 'e-mail is not configured (LUOSHI_SMTP_URL)' : `unknown channel kind ${d.channelKind}` };
  return adapter.send(message, { channel, address }, o);
}

/**
 * Sends the due deliveries of the notification outbox once: claims them (several nodes never send one twice at
 * the same time), holds back what would take a group robot over its rate limit (counted across nodes from the
 * outbox itself) for a later round without counting an attempt, sends the rest — all at once — and records
 * sent, retry-at (backoff) or failed. Returns how many it claimed.
 */
export async function dispatchNotifications(store: Store, o: NotifyDispatchOptions): Promise<number> {
  const backoff = o.backoffMs ?? NOTIFY_BACKOFF_MS;
  const leaseMs = Math.max(60_000, 2 * (o.http.timeoutMs ?? 10_000));
  const due = await store.transaction((tx) => tx.notifyOutbox.claimDue(o.now().toISOString(), o.batch ?? 50, leaseMs));
  const channels = new Map<string, OpenChannel | undefined>();
  const limit = o.robotPerMinute ?? ROBOT_PER_MINUTE;
  const start = o.now();
  // Each robot's budget for this round, taken before any request goes out: what it sent in the last minute, on any node.
  const budget = new Map<string, number>();
  for (const d of due) {
    if (d.channelId === null || !isRobot(d.channelKind as ChannelKind) || budget.has(d.channelId)) continue;
    budget.set(d.channelId, limit - (await store.read.notifyOutbox.sentSince(d.tenantId, d.channelId, new Date(start.getTime() - 60_000).toISOString())));
  }
  const results = await Promise.allSettled(
    due.map(async (d) => {
      const left = d.channelId === null ? undefined : budget.get(d.channelId);
      if (left !== undefined) {
        budget.set(d.channelId!, left - 1);
        if (left <= 0) {
          const later = new Date(start.getTime() + Math.ceil(60_000 / limit) * (1 - left)).toISOString();
          await store.transaction((tx) =>
            tx.notifyOutbox.recordAttempt(d.tenantId, d.id, d.claimedUntil, { ok: false, error: null, at: start.toISOString(), nextAttemptAt: later, postponed: true }),
          );
          return;
        }
      }
      const r = await sendOne(store, d, o, channels);
      const wait = backoff[d.attempts];
      const done = o.now();
      await store.transaction((tx) =>
        tx.notifyOutbox.recordAttempt(d.tenantId, d.id, d.claimedUntil, {
          ok: r.ok,
          error: r.ok ? null : r.error,
          at: done.toISOString(),
          nextAttemptAt: r.ok || !r.retry || wait === undefined ? null : new Date(done.getTime() + wait).toISOString(),
        }),
      );
    }),
  );
  const failedRound = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failedRound) throw failedRound.reason;
  return due.length;
}
