import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { createItem, performAction } from '../../app/index.js';
import { seedCity, testClock, testDeps } from '../../app/testing/city.js';
import { KEY_FILES, openStore } from '../../store/index.js';
import { tempDir } from '../../store/testing/dialects.js';
import { asAttacker, eventRows } from '../../store/testing/tamper.js';
import type { Output } from '../output.js';
import { registerVerify } from './verify.js';

async function luoshi(args: string[]): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  const o: Output = { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) };
  const program = new Command('luoshi').exitOverride();
  registerVerify(program, o);
  process.exitCode = 0;
  await program.parseAsync(['node', 'luoshi', ...args]);
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out, err, code };
}

/** A data folder whose tenant has a few items, each action checkpointed; the store closed again. */
async function recorded() {
  const dir = tempDir('luoshi-verify-cli-');
  const file = path.join(dir, 'luoshi.db');
  const store = await openStore({ database: { kind: 'sqlite', file }, dataDir: dir, checkpoints: { everyEvents: 1 } });
  const deps = testDeps(store, testClock(new Date().toISOString()));
  const { tenantId, as } = await seedCity(deps);
  const { item } = await createItem(deps, as('sup'), { ledgerType: 'directive', title: '建立机制', fields: { category: 'meeting_decision' } });
  await performAction(deps, as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env', deadline: '2099-03-31' } });
  await performAction(deps, as('env'), item.id, { type: 'AcceptItem', data: {} });
  await store.close();
  const database = { kind: 'sqlite' as const, file };
  const flags = ['--db', file, '--data', dir, '--tenant', tenantId];
  expect((await luoshi(['verify', ...flags])).code).toBe(0);
  /** Deletes the last event and moves the head back, as restoring an older database would. */
  const rollBack = () =>
    asAttacker(database, async (db) => {
      const rows = await eventRows(db, tenantId);
      const keep = rows.length - 1;
      await db.deleteFrom('events').where('tenant_id', '=', tenantId).where('seq', '>', keep).execute();
      await db
        .updateTable('chain_heads')
        .set({ head_seq: keep, head_hash: rows[keep - 1]!.hash })
        .where('tenant_id', '=', tenantId)
        .execute();
      return keep;
    });
  return { dir, flags, tenantId, rollBack, log: path.join(dir, KEY_FILES.checkpointLog) };
}

describe('luoshi verify and the checkpoint log', () => {
  afterEach(() => {
    process.exitCode = 0;
  });

  it('fails when events were rolled back and the log trimmed to match', async () => {
    const { flags, tenantId, rollBack, log } = await recorded();
    await rollBack();
    const lines = readFileSync(log, 'utf8').trimEnd().split('\n');
    const ours = lines.filter((l) => l.includes(`"tenant":"${tenantId}"`));
    writeFileSync(log, `${lines.filter((l) => l !== ours.at(-1)).join('\n')}\n`);
    const r = await luoshi(['verify', ...flags]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/checkpoint_log_short/);
    expect(r.err).toMatch(/检查点日志缺少已写入的检查点/);
  });

  it('fails when events were rolled back and the log deleted', async () => {
    const { flags, rollBack, log } = await recorded();
    await rollBack();
    rmSync(log);
    const r = await luoshi(['verify', ...flags]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/checkpoint_log_short/);
    expect(r.err).toMatch(/no log; checkpoints were written up to event/);
  });
});
