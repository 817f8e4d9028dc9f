import type { Command } from 'commander';
import { AppError } from '../../app/index.js';
import { setUserContacts } from '../../app/notify/admin.js';
import { withStore, withStoreOptions, type StoreFlags } from '../context.js';
import { printJson, processOutput, type Output } from '../output.js';
import { runCommand } from '../run.js';

interface UserSetFlags extends StoreFlags {
  as?: string;
  email?: string;
  phone?: string;
  dingtalk?: string;
  wecom?: string;
}

/** `--email ''` removes the address; absent leaves it as it is. */
const orNull = (v: string | undefined): string | null | undefined => (v === undefined ? undefined : v.trim() === '' ? null : v);

/** Registers `luoshi user set` (a person's contacts for notifications). */
export function registerUser(program: Command, o: Output = processOutput): void {
  const user = program.command('user').description('Accounts 用户');
  withStoreOptions(user.command('set <username>'))
    .description("Set a person's contacts for notifications (system admin); an empty value removes one 设置用户联系方式")
    .option('--email <address>', 'e-mail address')
    .option('--phone <number>', 'mobile number (SMS for urgent events)')
    .option('--dingtalk <userid>', 'DingTalk user id (工作通知)')
    .option('--wecom <userid>', 'WeCom user id (应用消息)')
    .option('--as <username>', 'the system administrator')
    .action((username: string, flags: UserSetFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            if (!flags.as) throw new AppError('invalid_input', 'Name the system administrator: --as USER.', '请用 --as 指定系统管理员。');
            const r = await setUserContacts(deps, { tenantId, username: flags.as }, username, {
              email: orNull(flags.email),
              phone: orNull(flags.phone),
              dingtalk: orNull(flags.dingtalk),
              wecom: orNull(flags.wecom),
            });
            if (flags.json) printJson(o, r);
            else o.out(`已更新 ${r.username} 的联系方式：${r.changed.join('、')} / contacts of ${r.username} set: ${r.changed.join(', ')}`);
          }),
        o,
      ),
    );
}
