import type { Command } from 'commander';
import { AppError } from '../../app/index.js';
import { enrolSigningKey, registerSigningKey, revokeSigningKey, tenantKeys } from '../../app/signatures/keys.js';
import { readSigningPolicy, setSigningPolicy } from '../../app/signatures/policy.js';
import { withStore, withStoreOptions, type StoreFlags } from '../context.js';
import { printJson, printTable, processOutput, type Output } from '../output.js';
import { readPassphrase, type PassphraseFlags } from '../passphrase.js';
import { runCommand } from '../run.js';

interface KeyFlags extends StoreFlags, PassphraseFlags {
  as?: string;
  reason?: string;
  set?: string;
}

const POLICY_ZH = { required: '必须签章 required', when_enrolled: '有密钥时签章 when_enrolled' } as const;

function actor(flags: KeyFlags): string {
  if (!flags.as) throw new AppError('invalid_input', 'Say who acts: --as USERNAME', '请用 --as 用户名 指明操作人');
  return flags.as;
}

/**
 * `luoshi keys enrol|register|revoke|list|policy`: personal SM2 signing keys. A person enrols their own key
 * (sealed by a passphrase that is never stored); the security admin registers or revokes it, and sets the
 * city's signing policy (签章要求).
 */
export function registerKeys(program: Command, o: Output = processOutput): void {
  const keys = program.command('keys').description('Personal SM2 signing keys 个人签章密钥');

  withStoreOptions(keys.command('enrol'))
    .description('Enrol your own SM2 signing key, sealed by your passphrase 申领签章密钥')
    .option('--as <username>', 'whose key (required)')
    .option('--passphrase-file <file>', 'read the passphrase from this file (else LUOSHI_SIGNING_PASSPHRASE, else typed)')
    .action((flags: KeyFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const who = actor(flags);
            const passphrase = await readPassphrase(flags, { ask: true, confirm: true });
            if (passphrase === undefined) {
              throw new AppError(
                'invalid_input',
                'Give a passphrase: --passphrase-file, LUOSHI_SIGNING_PASSPHRASE or a terminal.',
                '请提供口令：--passphrase-file、LUOSHI_SIGNING_PASSPHRASE 或在终端输入。',
              );
            }
            const r = await enrolSigningKey(deps, { tenantId, username: who }, passphrase);
            if (flags.json) printJson(o, r);
            else o.out(`已申领 enrolled key ${r.keyId} for ${who}; 待安全管理员登记 the security admin must register it:\n${r.publicKeyPem}`);
          }),
        o,
      ),
    );

  withStoreOptions(keys.command('register'))
    .description('Register an enrolled key (security admin) 登记签章密钥')
    .argument('<keyId>', 'key id')
    .option('--as <username>', 'the security admin')
    .action((keyId: string, flags: KeyFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const k = await registerSigningKey(deps, { tenantId, username: actor(flags) }, keyId);
            if (flags.json) printJson(o, { keyId: k.keyId, userId: k.userId, registeredAt: k.registeredAt });
            else o.out(`已登记 registered ${k.keyId}`);
          }),
        o,
      ),
    );

  withStoreOptions(keys.command('revoke'))
    .description('Revoke a key: earlier signatures stay valid (security admin) 吊销签章密钥')
    .argument('<keyId>', 'key id')
    .requiredOption('--reason <text>', 'why')
    .option('--as <username>', 'the security admin')
    .action((keyId: string, flags: KeyFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const k = await revokeSigningKey(deps, { tenantId, username: actor(flags) }, keyId, String(flags.reason));
            if (flags.json) printJson(o, { keyId: k.keyId, userId: k.userId, revokedAt: k.revokedAt });
            else o.out(`已吊销 revoked ${k.keyId}`);
          }),
        o,
      ),
    );

  withStoreOptions(keys.command('policy'))
    .description("The city's signing policy 签章要求; with --set, sets it (security admin)")
    .option('--set <policy>', 'required: 审签, 销号 and 印发通报 refused without a registered key; when_enrolled: signed when the person has one')
    .option('--as <username>', 'the security admin (needed to set)')
    .action((flags: KeyFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const policy =
              flags.set !== undefined ? await setSigningPolicy(deps, { tenantId, username: actor(flags) }, flags.set) : await readSigningPolicy(deps, { tenantId, operator: true });
            if (flags.json) printJson(o, { policy });
            else o.out(`签章要求 signing policy: ${POLICY_ZH[policy]}`);
          }),
        o,
      ),
    );

  withStoreOptions(keys.command('list'))
    .description('The signing keys and their state 签章密钥列表')
    .action((flags: KeyFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const rows = [...(await tenantKeys(deps, tenantId)).values()].map((k) => ({
              keyId: k.keyId,
              userId: k.userId,
              state: k.revokedAt ? 'revoked' : k.registeredAt ? 'registered' : 'enrolled',
              enrolledAt: k.enrolledAt,
              registeredAt: k.registeredAt,
              revokedAt: k.revokedAt,
            }));
            if (flags.json) printJson(o, rows);
            else {
              printTable(
                o,
                ['key', 'user', 'state 状态', 'enrolled', 'registered', 'revoked'],
                rows.map((r) => [r.keyId, r.userId, r.state, r.enrolledAt, r.registeredAt, r.revokedAt]),
              );
            }
          }),
        o,
      ),
    );
}
