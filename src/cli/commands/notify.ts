import type { Command } from 'commander';
import { AppError } from '../../app/index.js';
import { readFileSync } from 'node:fs';
import { addNotifyChannel, disableNotifyChannel, listNotifyChannels, notifyLog, resendDelivery, setNotifySettings, type ChannelInput } from '../../app/notify/admin.js';
import { tenantNotifySettings } from '../../app/notify/settings.js';
import { DEFAULT_RULES } from '../../domain/notify/rules.js';
import { CHANNEL_KINDS } from '../../domain/notify/route.js';
import type { NotifyDeliveryStatus } from '../../store/index.js';
import { withStore, withStoreOptions, type CliContext, type StoreFlags } from '../context.js';
import { printJson, printTable, processOutput, type Output } from '../output.js';
import { runCommand } from '../run.js';

interface AsFlags extends StoreFlags {
  as?: string;
}

interface ChannelAddFlags extends AsFlags {
  kind: string;
  unit?: string;
  url?: string;
  set: string[];
  secret: string[];
}

const collect = (v: string, prev: string[]): string[] => [...prev, v];

function pairs(list: readonly string[], flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of list) {
    const i = p.indexOf('=');
    if (i <= 0) throw new AppError('invalid_input', `${flag} takes name=value, got "${p}".`, `${flag} 的格式应为 名称=值，收到 "${p}"。`);
    out[p.slice(0, i)] = p.slice(i + 1);
  }
  return out;
}

function actor(flags: AsFlags, tenantId: string) {
  if (!flags.as) throw new AppError('invalid_input', 'Name the system administrator: --as USER.', '请用 --as 指定系统管理员。');
  return { tenantId, username: flags.as };
}

/** The app's deps with the installation's SSRF setting, which the channel URLs are checked against. */
const depsOf = (c: CliContext) => ({ ...c.deps, allowPrivateWebhooks: c.config.webhooks.allowPrivate });

const STATUS_ZH: Record<string, string> = { pending: '待发送', sent: '已发送', failed: '失败' };

/** Registers `luoshi notify` (channels, the delivery log, resend). */
export function registerNotify(program: Command, o: Output = processOutput): void {
  const notify = program.command('notify').description('Notifications: channels, delivery log, resend 消息通知');
  const channel = notify.command('channel').description('Channels of the tenant: group robots, corp apps, SMS 通知渠道');
  withStoreOptions(channel.command('add'))
    .description('Add a channel (system admin) 添加通知渠道')
    .requiredOption('--kind <kind>', `one of ${CHANNEL_KINDS.filter((k) => k !== 'email').join(', ')}`)
    .option('--unit <unit>', 'the unit whose group a robot posts to')
    .option('--url <url>', "a robot's webhook URL, or a vendor API's base URL (default: the vendor's)")
    .option('--set <name=value>', 'a setting (appKey, agentId, corpId, accessKeyId, signName, templateCode, secretId, sdkAppId, templateId, region); repeatable', collect, [])
    .option('--secret <name=value>', "a secret, sealed and never shown again (a robot's secret, appSecret, corpSecret, accessKeySecret, secretKey); repeatable", collect, [])
    .option('--as <username>', 'the system administrator')
    .action((flags: ChannelAddFlags) =>
      runCommand(
        () =>
          withStore(flags, async (c) => {
            const input: ChannelInput = {
              kind: flags.kind as ChannelInput['kind'],
              unitId: flags.unit ?? null,
              url: flags.url ?? null,
              settings: pairs(flags.set, '--set'),
              secrets: pairs(flags.secret, '--secret'),
            };
            const ch = await addNotifyChannel(depsOf(c), actor(flags, c.tenantId), input);
            if (flags.json) printJson(o, ch);
            else o.out(`已添加渠道 / channel added: ${ch.id} ${ch.kind} ${ch.unitId ?? ''} ${ch.url}`);
          }),
        o,
      ),
    );
  withStoreOptions(channel.command('list'))
    .description("The tenant's channels (system admin) 通知渠道列表")
    .option('--as <username>', 'the system administrator')
    .action((flags: AsFlags) =>
      runCommand(
        () =>
          withStore(flags, async (c) => {
            const list = await listNotifyChannels(depsOf(c), actor(flags, c.tenantId));
            if (flags.json) printJson(o, list);
            else {
              printTable(
                o,
                ['编号 id', '类型 kind', '单位 unit', '地址 url', '停用 disabled'],
                list.map((x) => [x.id, x.kind, x.unitId ?? '', x.url, x.disabledAt ?? '']),
              );
            }
          }),
        o,
      ),
    );
  withStoreOptions(channel.command('disable <id>'))
    .description('Switch a channel off (system admin) 停用通知渠道')
    .option('--as <username>', 'the system administrator')
    .action((id: string, flags: AsFlags) =>
      runCommand(
        () =>
          withStore(flags, async (c) => {
            await disableNotifyChannel(depsOf(c), actor(flags, c.tenantId), id);
            o.out(`已停用 / disabled: ${id}`);
          }),
        o,
      ),
    );
  withStoreOptions(notify.command('log'))
    .description('The delivery log: sent, retried, failed and why (system admin) 发送记录')
    .option('--status <status>', 'pending, sent or failed')
    .option('--limit <n>', 'rows (default 100)', (v) => Number(v))
    .option('--as <username>', 'the system administrator (default: the operator at the command line)')
    .action((flags: AsFlags & { status?: string; limit?: number }) =>
      runCommand(
        () =>
          withStore(flags, async (c) => {
            const status = flags.status as NotifyDeliveryStatus | undefined;
            if (status !== undefined && !['pending', 'sent', 'failed'].includes(status)) {
              throw new AppError('invalid_input', '--status is pending, sent or failed.', '--status 应为 pending、sent 或 failed。');
            }
            const limit = flags.limit !== undefined && Number.isInteger(flags.limit) && flags.limit > 0 ? flags.limit : undefined;
            // The operator holds the database anyway; with --as, a system admin's view is checked as on the web.
            const rows = flags.as
              ? await notifyLog(depsOf(c), actor(flags, c.tenantId), { status, limit })
              : (await c.store.read.notifyOutbox.list(c.tenantId, { status, limit })).map(({ message: _m, dedupeKey: _k, ...rest }) => rest);
            if (flags.json) printJson(o, rows);
            else {
              printTable(
                o,
                ['编号 id', '渠道 channel', '收件 to', '状态 status', '次数 attempts', '原因 last error', '创建 created', '发送 sent'],
                rows.map((r) => [
                  r.id,
                  r.channelKind,
                  `${r.recipientKind}:${r.recipientId}`,
                  `${STATUS_ZH[r.status] ?? r.status} ${r.status}`,
                  r.attempts,
                  r.lastError ?? '',
                  r.createdAt,
                  r.sentAt ?? '',
                ]),
              );
            }
          }),
        o,
      ),
    );
  withStoreOptions(notify.command('settings'))
    .description("The tenant's digest time and rule overrides; with --digest-at or --rules, sets them (system admin) 通知设置")
    .option('--digest-at <HH:MM>', 'city time of the daily digest on working days (default 08:30)')
    .option('--rules <file.json>', 'rule overrides: [{"key":"urged","ledgerType":"hazard","urgency":"urgent"}, {"key":"instruction","off":true}, …]')
    .option('--as <username>', 'the system administrator (needed to set)')
    .action((flags: AsFlags & { digestAt?: string; rules?: string }) =>
      runCommand(
        () =>
          withStore(flags, async (c) => {
            let rules: unknown;
            if (flags.rules !== undefined) {
              try {
                rules = JSON.parse(readFileSync(flags.rules, 'utf8')) as unknown;
              } catch (e) {
                throw new AppError('invalid_input', `Cannot read ${flags.rules} as JSON: ${(e as Error).message}`, `无法将 ${flags.rules} 读取为 JSON。`);
              }
            }
            const s =
              flags.digestAt !== undefined || rules !== undefined
                ? await setNotifySettings(depsOf(c), actor(flags, c.tenantId), { digestAt: flags.digestAt, rules })
                : await tenantNotifySettings(c.store.read, c.tenantId);
            if (flags.json) printJson(o, { ...s, builtIn: DEFAULT_RULES.map((r) => ({ key: r.key, event: r.event, audience: r.audience, urgency: r.urgency, label: r.label })) });
            else {
              o.out(`每日摘要时间 / digest at: ${s.digestAt}`);
              printTable(
                o,
                ['规则 rule', '事件 event', '对象 audience', '紧急程度 urgency', '说明 label'],
                DEFAULT_RULES.map((r) => [r.key, r.event, r.audience.join('+'), r.urgency, r.label]),
              );
              if (s.overrides.length > 0) printJson(o, s.overrides);
            }
          }),
        o,
      ),
    );
  withStoreOptions(notify.command('resend <id>'))
    .description('Send a delivery again (system admin) 重新发送')
    .option('--as <username>', 'the system administrator')
    .action((id: string, flags: AsFlags) =>
      runCommand(
        () =>
          withStore(flags, async (c) => {
            await resendDelivery(depsOf(c), actor(flags, c.tenantId), id);
            o.out(`已重新排队 / queued again: ${id}`);
          }),
        o,
      ),
    );
}
