import type { Command } from 'commander';
import { verifyRecord } from '../../app/index.js';
import { verifySignatures } from '../../app/signatures/verify.js';
import { withStore, withStoreOptions, type StoreFlags } from '../context.js';
import { printJson, processOutput, type Output } from '../output.js';
import { runCommand } from '../run.js';

/**
 * `luoshi verify`: recomputes the keyed chain and checks it against the signed checkpoints. Exit 0 with the
 * event count and head hash; exit 1 naming the first bad event's sequence number and what is wrong.
 */
export function registerVerify(program: Command, o: Output = processOutput): void {
  withStoreOptions(program.command('verify'))
    .description('Verify the tamper-evident record 校验防篡改链')
    .action((flags: StoreFlags) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const r = await verifyRecord(deps, { tenantId, operator: true });
            const s = await verifySignatures(deps, tenantId);
            if (flags.json) printJson(o, { ...r, signatures: s });
            else {
              if (r.ok) o.out(`链完整 chain verified: ${r.count} events, head #${r.headSeq} ${r.headHash} (${r.checkpointsChecked} checkpoints)`);
              else o.err(`链校验失败 chain broken at event #${r.seq}: ${r.problem}\n${r.messageZh}\n${r.message}`);
              o.out(`signatures: ${s.valid} valid${s.invalid.length > 0 ? `, ${s.invalid.length} invalid` : ''} 签章 ${s.valid} 个有效`);
              for (const bad of s.invalid) {
                o.err(`签章无效 signature #${bad.seq} (${bad.decision}, item ${bad.itemId}, signer ${bad.signerUserId}) of event #${bad.signedSeq ?? '?'}: ${bad.problem}`);
              }
            }
            return r.ok && s.invalid.length === 0 ? 0 : 1;
          }),
        o,
      ),
    );
}
