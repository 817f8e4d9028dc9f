import { z } from 'zod';
import { CHANNEL_KINDS, isHhMm, isRobot, type ChannelKind } from '../../domain/notify/route.js';
import { DEFAULT_RULES } from '../../domain/notify/rules.js';
import { checkWebhookUrl, describeWebhookUrlProblem } from '../../domain/webhook-target.js';
import type { UnitId } from '../../domain/ids.js';
import type { NotifyChannel, NotifyDelivery, NotifyDeliveryStatus } from '../../store/index.js';
import { resolveActor, type ResolvedActor } from '../actors.js';
import { AccountError, roleRequired } from '../accounts/errors.js';
import { nowInstant, type ActorRef, type AppDeps } from '../context.js';
import { AppError } from '../errors.js';
import { RuleOverrideSchema, tenantNotifySettings, type TenantNotifySettings } from './settings.js';

/*
 * Administration of notifications (system admin, 三权分立: organisation and accounts, never business data): people's
 * contacts, the tenant's channels, the delivery log without the messages' words, and resending.
 */

async function systemAdmin(deps: AppDeps, ref: ActorRef): Promise<ResolvedActor> {
  const r = await resolveActor(deps.store.read, ref);
  if (!r.actor.roles.includes('system_admin')) throw roleRequired('system_admin', '系统管理员');
  return r;
}

const bad = (en: string, zh: string, details?: Record<string, unknown>) => new AppError('invalid_input', en, zh, details);

export interface ContactInput {
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly dingtalk?: string | null;
  readonly wecom?: string | null;
}

const EMAIL = /^[^\s@<>(),;:"]{1,64}@[^\s@<>(),;:"]{1,255}\.[^\s@<>(),;:"]{1,63}$/;
const PHONE = /^\+?\d{6,16}$/;
const VENDOR_ID = /^[\w.@-]{1,64}$/;

/**
 * Sets a person's contacts (e-mail, mobile, DingTalk and WeCom user ids); null removes one. Values are personal
 * data: sealed in the store, and the record says only which kinds changed, never the values.
 * @throws AccountError `role_required`; AppError `user_not_found`, `invalid_input`.
 */
export async function setUserContacts(deps: AppDeps, ref: ActorRef, username: string, input: ContactInput): Promise<{ username: string; changed: string[] }> {
  const admin = await systemAdmin(deps, ref);
  const user = await deps.store.read.users.getByUsername(ref.tenantId, username);
  if (!user) throw new AppError('user_not_found', `No user ${username}.`, `用户 ${username} 不存在。`, { user: username });
  const checks: [keyof ContactInput, RegExp, string, string][] = [
    ['email', EMAIL, 'an e-mail address such as name@example.gov.cn', '电子邮箱地址，例如 name@example.gov.cn'],
    ['phone', PHONE, 'a mobile number of digits, optionally with +country code', '手机号码（数字，可带 + 国家代码）'],
    ['dingtalk', VENDOR_ID, 'a DingTalk user id', '钉钉用户 ID'],
    ['wecom', VENDOR_ID, 'a WeCom user id', '企业微信用户 ID'],
  ];
  const changed: string[] = [];
  for (const [key, re, en, zh] of checks) {
    const v = input[key];
    if (v === undefined) continue;
    if (v !== null && !re.test(v.trim())) throw bad(`--${key} must be ${en}.`, `--${key} 应为${zh}。`, { field: key });
    changed.push(key);
  }
  if (changed.length === 0) throw bad('Give at least one of --email, --phone, --dingtalk, --wecom.', '请至少提供 --email、--phone、--dingtalk、--wecom 之一。');
  await deps.store.transaction(async (tx) => {
    const at = nowInstant(deps);
    for (const key of changed) {
      await tx.notify.setContact(
        ref.tenantId,
        user.id,
        key === 'email' ? 'email' : key === 'phone' ? 'phone' : key === 'dingtalk' ? 'dingtalk' : 'wecom',
        input[key as keyof ContactInput]?.trim() ?? null,
        at,
      );
    }
    await tx.appendEvents(ref.tenantId, [
      { itemId: null, type: 'UserContactsSet', actorUserId: admin.user.id, actorUnitId: admin.user.unitId, at, payload: { userId: user.id, kinds: changed } },
    ]);
  });
  return { username, changed };
}

/** Default API addresses per kind (the robots' URL is their webhook URL and has no default). */
const DEFAULT_BASE: Partial<Record<ChannelKind, string>> = {
  'dingtalk-work': 'https://oapi.dingtalk.com',
  'wecom-app': 'https://qyapi.weixin.qq.com',
  'sms-aliyun': 'https://dysmsapi.aliyuncs.com',
  'sms-tencent': 'https://sms.tencentcloudapi.com',
};

/** Settings and secrets each kind needs (names as given with --set / --secret). */
const NEEDS: Record<Exclude<ChannelKind, 'email'>, { settings: readonly string[]; secrets: readonly string[] }> = {
  'dingtalk-robot': { settings: [], secrets: [] },
  'wecom-robot': { settings: [], secrets: [] },
  'dingtalk-work': { settings: ['appKey', 'agentId'], secrets: ['appSecret'] },
  'wecom-app': { settings: ['corpId', 'agentId'], secrets: ['corpSecret'] },
  'sms-aliyun': { settings: ['accessKeyId', 'signName', 'templateCode'], secrets: ['accessKeySecret'] },
  'sms-tencent': { settings: ['secretId', 'sdkAppId', 'signName', 'templateId'], secrets: ['secretKey'] },
};

export const ChannelInputSchema = z.object({
  kind: z.enum(CHANNEL_KINDS.filter((k) => k !== 'email') as [Exclude<ChannelKind, 'email'>, ...Exclude<ChannelKind, 'email'>[]]),
  unitId: z.string().min(1).max(100).nullable(),
  url: z.string().min(1).max(2000).nullable(),
  settings: z.record(z.string().regex(/^[A-Za-z]\w{0,40}$/), z.string().max(500)),
  secrets: z.record(z.string().regex(/^[A-Za-z]\w{0,40}$/), z.string().min(1).max(500)),
});
export type ChannelInput = z.infer<typeof ChannelInputSchema>;

/**
 * Adds a channel: a unit's group robot (its webhook URL, and for 钉钉 the 加签 secret), or a tenant-wide corp
 * app or SMS account (API base URL, default the vendor's; settings; secrets). The URL passes the webhooks' SSRF
 * policy; the secrets — a robot's URL among them, as it carries the token — are sealed like webhook secrets and
 * never shown again.
 * @throws AccountError `role_required`, `webhook_url_invalid`, `webhook_url_forbidden`; AppError `invalid_input`.
 */
export async function addNotifyChannel(deps: AppDeps, ref: ActorRef, raw: ChannelInput): Promise<NotifyChannel> {
  const admin = await systemAdmin(deps, ref);
  const parsed = ChannelInputSchema.safeParse(raw);
  if (!parsed.success) {
    throw bad(`Invalid channel: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, '渠道参数有误。', {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  const input = parsed.data;
  const robot = isRobot(input.kind);
  if (robot && input.unitId === null) throw bad('A group robot belongs to a unit: give --unit.', '群机器人属于某个单位：请提供 --unit。');
  if (robot && input.url === null) throw bad("Give the robot's webhook URL with --url.", '请用 --url 提供机器人的 Webhook 地址。');
  const url = input.url ?? DEFAULT_BASE[input.kind]!;
  const checked = checkWebhookUrl(url, deps.allowPrivateWebhooks === true);
  if (!checked.ok) {
    const { en, zh } = describeWebhookUrlProblem(checked.problem);
    const p = checked.problem;
    throw p.kind === 'invalid'
      ? new AccountError('webhook_url_invalid', en, zh, { reason: p.reason })
      : new AccountError('webhook_url_forbidden', en, zh, { host: p.host, addressKind: p.addressKind, setting: 'LUOSHI_WEBHOOK_ALLOW_PRIVATE' });
  }
  const need = NEEDS[input.kind];
  const missing = [...need.settings.filter((k) => !input.settings[k]), ...need.secrets.filter((k) => !input.secrets[k])];
  if (missing.length > 0) throw bad(`A ${input.kind} channel needs ${missing.join(', ')}.`, `${input.kind} 渠道缺少：${missing.join('、')}。`, { missing });
  if (input.unitId !== null && !(await deps.store.read.units.get(ref.tenantId, input.unitId))) {
    throw new AppError('invalid_input', `No unit ${input.unitId}.`, `单位 ${input.unitId} 不存在。`, { unitId: input.unitId });
  }
  // A robot's URL carries its token: kept sealed; the row shows it without the query.
  const shown = robot ? `${checked.url.origin}${checked.url.pathname}` : url;
  const secrets = robot ? { ...input.secrets, url } : input.secrets;
  const channel: NotifyChannel = {
    id: deps.newId(),
    tenantId: ref.tenantId,
    kind: input.kind,
    unitId: (input.unitId ?? null) as UnitId | null,
    url: shown,
    settings: input.settings,
    createdBy: admin.user.id,
    createdAt: nowInstant(deps),
    disabledAt: null,
  };
  await deps.store.transaction(async (tx) => {
    await tx.notify.insertChannel(channel, secrets);
    await tx.appendEvents(ref.tenantId, [
      {
        itemId: null,
        type: 'NotifyChannelAdded',
        actorUserId: admin.user.id,
        actorUnitId: admin.user.unitId,
        at: channel.createdAt,
        payload: { channelId: channel.id, kind: channel.kind, unitId: channel.unitId, url: shown },
      },
    ]);
  });
  return channel;
}

/** The tenant's channels (no secrets). @throws AccountError `role_required`. */
export async function listNotifyChannels(deps: AppDeps, ref: ActorRef): Promise<NotifyChannel[]> {
  await systemAdmin(deps, ref);
  return deps.store.read.notify.listChannels(ref.tenantId);
}

/** Switches a channel off; its pending deliveries fail when their turn comes. @throws AccountError `role_required`; AppError `invalid_input`. */
export async function disableNotifyChannel(deps: AppDeps, ref: ActorRef, id: string): Promise<void> {
  const admin = await systemAdmin(deps, ref);
  await deps.store.transaction(async (tx) => {
    const at = nowInstant(deps);
    if (!(await tx.notify.disableChannel(ref.tenantId, id, at))) throw bad(`No live channel ${id}.`, `没有启用中的渠道 ${id}。`);
    await tx.appendEvents(ref.tenantId, [
      { itemId: null, type: 'NotifyChannelDisabled', actorUserId: admin.user.id, actorUnitId: admin.user.unitId, at, payload: { channelId: id } },
    ]);
  });
}

/** A row of the delivery log as the admin sees it: who, how, what became of it — not the message's words. */
export type DeliveryLogEntry = Omit<NotifyDelivery, 'message' | 'dedupeKey'>;

/** The delivery log, newest first (sent, retried, failed and why). @throws AccountError `role_required`. */
export async function notifyLog(deps: AppDeps, ref: ActorRef, o: { status?: NotifyDeliveryStatus; limit?: number } = {}): Promise<DeliveryLogEntry[]> {
  await systemAdmin(deps, ref);
  const rows = await deps.store.read.notifyOutbox.list(ref.tenantId, o);
  return rows.map(({ message: _m, dedupeKey: _k, ...rest }) => rest);
}

/** Queues a delivery again, due now, with a fresh count of attempts. @throws AccountError `role_required`; AppError `invalid_input`. */
export async function resendDelivery(deps: AppDeps, ref: ActorRef, id: string): Promise<void> {
  const admin = await systemAdmin(deps, ref);
  await deps.store.transaction(async (tx) => {
    const at = nowInstant(deps);
    if (!(await tx.notifyOutbox.resend(ref.tenantId, id, at))) throw bad(`No delivery ${id}.`, `没有发送记录 ${id}。`);
    await tx.appendEvents(ref.tenantId, [
      { itemId: null, type: 'NotificationResent', actorUserId: admin.user.id, actorUnitId: admin.user.unitId, at, payload: { deliveryId: id } },
    ]);
  });
}

/**
 * Sets the tenant's notification settings (system admin): the digest's city time and the rule overrides
 * (per rule, for every ledger type or one: off, another audience, another urgency). Recorded on the chain.
 * @throws AccountError `role_required`; AppError `invalid_input` (a bad time, an unknown rule, a malformed override).
 */
export async function setNotifySettings(deps: AppDeps, ref: ActorRef, input: { digestAt?: string; rules?: unknown }): Promise<TenantNotifySettings> {
  const admin = await systemAdmin(deps, ref);
  const current = await tenantNotifySettings(deps.store.read, ref.tenantId);
  const digestAt = input.digestAt ?? current.digestAt;
  if (!isHhMm(digestAt)) throw bad('--digest-at is a city time written HH:MM, e.g. 08:30.', '--digest-at 应为 HH:MM 格式的时间，例如 08:30。');
  let overrides = current.overrides;
  if (input.rules !== undefined) {
    const parsed = z.array(RuleOverrideSchema).max(500).safeParse(input.rules);
    if (!parsed.success) throw bad(`Invalid rules: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, '通知规则设置有误。');
    const known = new Set(DEFAULT_RULES.map((r) => r.key));
    const unknown = parsed.data.filter((o) => !known.has(o.key)).map((o) => o.key);
    if (unknown.length > 0) throw bad(`Unknown rules: ${unknown.join(', ')} (known: ${[...known].join(', ')}).`, `未知的通知规则：${unknown.join('、')}。`, { unknown });
    overrides = parsed.data;
  }
  await deps.store.transaction(async (tx) => {
    const at = nowInstant(deps);
    await tx.notify.putSettings(ref.tenantId, { rules: JSON.stringify(overrides), digestAt }, at);
    await tx.appendEvents(ref.tenantId, [
      { itemId: null, type: 'NotifySettingsSet', actorUserId: admin.user.id, actorUnitId: admin.user.unitId, at, payload: { digestAt, rules: overrides.length } },
    ]);
  });
  return { overrides, digestAt };
}

/** The tenant's notification settings as they apply (defaults filled in). @throws AccountError `role_required`. */
export async function notifySettings(deps: AppDeps, ref: ActorRef): Promise<TenantNotifySettings> {
  await systemAdmin(deps, ref);
  return tenantNotifySettings(deps.store.read, ref.tenantId);
}

/**
 * Which contacts each person has (kinds only): the admin page shows that an address is set, never the address,
 * which is personal data sealed in the store. @throws AccountError `role_required`.
 */
export async function contactKinds(deps: AppDeps, ref: ActorRef): Promise<Map<string, Set<string>>> {
  await systemAdmin(deps, ref);
  return deps.store.read.notify.contactKinds(ref.tenantId);
}
