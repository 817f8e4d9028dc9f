import { MS_PER_DAY, localWallMs } from '../calendar-days.js';
import type { Urgency } from './rules.js';

/**
 * Channels that reach one person (a unit's group robots are addressed per unit, see ChannelKind). `work` is
 * the tenant's corp app, 钉钉工作通知 or 企业微信应用消息, whichever it has.
 */
export const PERSONAL_CHANNELS = ['email', 'work', 'sms'] as const;
export type PersonalChannel = (typeof PERSONAL_CHANNELS)[number];

/** The kinds of channel a tenant configures (`luoshi notify channel add --kind`). In-app is always on and not configured. */
export const CHANNEL_KINDS = ['email', 'dingtalk-robot', 'dingtalk-work', 'wecom-robot', 'wecom-app', 'sms-aliyun', 'sms-tencent'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** Group robots post to a unit's group chat; the others reach a person. */
export const isRobot = (k: ChannelKind): boolean => k === 'dingtalk-robot' || k === 'wecom-robot';
export const personalClassOf = (k: ChannelKind): PersonalChannel | null =>
  k === 'email' ? 'email' : k === 'dingtalk-work' || k === 'wecom-app' ? 'work' : k === 'sms-aliyun' || k === 'sms-tencent' ? 'sms' : null;

/** A quiet span of city time, HH:MM to HH:MM; it may run over midnight (22:00–07:30). */
export interface QuietHours {
  readonly from: string;
  readonly to: string;
}

/** A person's preferences. */
export interface NotifyPreferences {
  /** Channels per urgency, besides the app (always). */
  readonly channels: Readonly<Record<Urgency, readonly PersonalChannel[]>>;
  readonly quiet: QuietHours | null;
  /** Nothing but urgent messages goes out at once; the rest waits for the daily digest. */
  readonly digestOnly: boolean;
}

/** SMS only for urgent events by default (issue: phone numbers are personal data, messages cost money). */
export const DEFAULT_PREFERENCES: NotifyPreferences = {
  channels: { urgent: ['email', 'work', 'sms'], normal: ['email', 'work'], low: [] },
  quiet: null,
  digestOnly: false,
};

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
export const isHhMm = (s: string): boolean => HHMM.test(s);
const minutes = (s: string): number => {
  const m = HHMM.exec(s);
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
};

/**
 * When a quiet span that holds at `nowMs` ends (epoch ms), or null when `nowMs` is not in it. The span is read
 * in the city's zone; a span from a time to the same time is empty.
 */
export function quietUntil(nowMs: number, timeZone: string, quiet: QuietHours | null): number | null {
  if (!quiet) return null;
  const from = minutes(quiet.from);
  const to = minutes(quiet.to);
  if (Number.isNaN(from) || Number.isNaN(to) || from === to) return null;
  const wall = ((localWallMs(nowMs, timeZone) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
  const now = wall / 60_000;
  const inside = from < to ? now >= from && now < to : now >= from || now < to;
  if (!inside) return null;
  const wait = (((to - now) % 1440) + 1440) % 1440;
  return nowMs + Math.round(wait * 60_000);
}

/** What to send a person now: by which channels, and from when (the end of quiet hours), or nothing. */
export interface PersonalPlan {
  readonly channels: readonly PersonalChannel[];
  readonly notBefore: number | null;
}

/**
 * The personal channels a notification of `urgency` goes by: an urgent one by the person's urgent channels at
 * once, whatever the quiet hours or digest-only say; others not at all when the person wants the digest only,
 * and after the quiet hours when sent within them.
 */
export function planPersonal(urgency: Urgency, prefs: NotifyPreferences, nowMs: number, timeZone: string): PersonalPlan {
  const channels = prefs.channels[urgency];
  if (urgency === 'urgent') return { channels, notBefore: null };
  if (prefs.digestOnly || channels.length === 0) return { channels: [], notBefore: null };
  return { channels, notBefore: quietUntil(nowMs, timeZone, prefs.quiet) };
}
