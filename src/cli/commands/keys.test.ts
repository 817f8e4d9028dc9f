import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { createItem, performAction } from '../../app/index.js';
import { addUsers } from '../../app/organisation.js';
import { seedCity, testClock, testDeps } from '../../app/testing/city.js';
import { openStore } from '../../store/index.js';
import { asAttacker } from '../../store/testing/tamper.js';
import { tempDir } from '../../store/testing/dialects.js';
import type { Output } from '../output.js';
import { registerItem } from './item.js';
import { registerKeys } from './keys.js';
import { registerVerify } from './verify.js';

async function luoshi(args: string[]): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  const o: Output = { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) };
  const program = new Command('luoshi').exitOverride();
  registerKeys(program, o);
  registerItem(program, o);
  registerVerify(program, o);
  process.exitCode = 0;
  await program.parseAsync(['node', 'luoshi', ...args]);
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out, err, code };
}

describe('luoshi keys / item pass with a signature / verify', () => {
  afterEach(() => {
    process.exitCode = 0;
  });

  it('enrols, registers, signs 销号, and verify reports `signatures: 1 valid`, then names a tampered signed event', async () => {
    const dir = tempDir('luoshi-keys-cli-');
    const file = path.join(dir, 'luoshi.db');
    const store = await openStore({ database: { kind: 'sqlite', file }, dataDir: dir });
    const deps = testDeps(store, testClock(new Date().toISOString()));
    const { tenantId, as } = await seedCity(deps);
    await addUsers(deps, tenantId, [{ id: 'u-sec', username: 'sec', displayName: '安全管理员', unitId: 'city', roles: ['security_admin'] }]);
    const { item } = await createItem(deps, as('sup'), { ledgerType: 'directive', title: '建立机制', fields: { category: 'meeting_decision' } });
    await performAction(deps, as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env', deadline: '2099-03-31' } });
    await performAction(deps, as('env'), item.id, { type: 'AcceptItem', data: {} });
    await performAction(deps, as('env'), item.id, { type: 'RequestClosure', data: { summary: '已办结', evidence: ['file:1'], fields: { outcome: '已建立' } } });
    await store.close();
    const flags = ['--db', file, '--data', dir, '--tenant', tenantId];
    const pass = path.join(dir, 'pass.txt');
    writeFileSync(pass, '督办签章口令-2026-示范市\n', { mode: 0o600 });

    const enrolled = await luoshi(['keys', 'enrol', ...flags, '--as', 'sup', '--passphrase-file', pass, '--json']);
    expect(enrolled.code, enrolled.err).toBe(0);
    const { keyId } = JSON.parse(enrolled.out) as { keyId: string };
    expect((await luoshi(['keys', 'register', keyId, ...flags, '--as', 'sup'])).code).toBe(4);
    expect((await luoshi(['keys', 'register', keyId, ...flags, '--as', 'sec'])).code).toBe(0);

    const unsigned = await luoshi(['item', 'pass', item.id, ...flags, '--as', 'sup']);
    expect(unsigned.code).toBe(4);
    expect(unsigned.err).toMatch(/signature_required/);
    const signed = await luoshi(['item', 'pass', item.id, ...flags, '--as', 'sup', '--passphrase-file', pass]);
    expect(signed.code, signed.err).toBe(0);
    expect(signed.out).toMatch(/StagePassed, DecisionSigned, ItemClosed/);

    const shown = await luoshi(['item', 'show', item.id, ...flags, '--as', 'sup', '--json']);
    expect(JSON.parse(shown.out)).toMatchObject({ signatures: [{ decision: 'close', signerName: '督办员', valid: true }] });

    const ok = await luoshi(['verify', ...flags]);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/signatures: 1 valid/);

    const list = JSON.parse((await luoshi(['keys', 'list', ...flags, '--json'])).out) as { state: string }[];
    expect(list.map((k) => k.state)).toEqual(['registered']);

    await asAttacker({ kind: 'sqlite', file }, async (db) => {
      const row = await db.selectFrom('events').selectAll().where('tenant_id', '=', tenantId).where('type', '=', 'StagePassed').executeTakeFirstOrThrow();
      await db
        .updateTable('events')
        .set({ payload: row.payload.replace('"stageKey"', '"note":"改过","stageKey"') })
        .where('tenant_id', '=', tenantId)
        .where('seq', '=', row.seq)
        .execute();
    });
    const bad = await luoshi(['verify', ...flags]);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/signatures: 0 valid, 1 invalid/);
    expect(bad.err).toMatch(/signature #\d+ \(close, item .*\) of event #\d+: event_altered/);
  });

  it('shows the signing policy, lets only the security admin set it, and under required refuses 销号 by someone without a key', async () => {
    const dir = tempDir('luoshi-keys-policy-');
    const file = path.join(dir, 'luoshi.db');
    const store = await openStore({ database: { kind: 'sqlite', file }, dataDir: dir });
    const deps = testDeps(store, testClock(new Date().toISOString()));
    const { tenantId, as } = await seedCity(deps);
    await addUsers(deps, tenantId, [{ id: 'u-sec', username: 'sec', displayName: '安全管理员', unitId: 'city', roles: ['security_admin'] }]);
    const { item } = await createItem(deps, as('sup'), { ledgerType: 'directive', title: '建立机制', fields: { category: 'meeting_decision' } });
    await performAction(deps, as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env', deadline: '2099-03-31' } });
    await performAction(deps, as('env'), item.id, { type: 'AcceptItem', data: {} });
    await performAction(deps, as('env'), item.id, { type: 'RequestClosure', data: { summary: '已办结', evidence: ['file:1'], fields: { outcome: '已建立' } } });
    await store.close();
    const flags = ['--db', file, '--data', dir, '--tenant', tenantId];

    expect(JSON.parse((await luoshi(['keys', 'policy', ...flags, '--json'])).out)).toEqual({ policy: 'when_enrolled' });
    const notYours = await luoshi(['keys', 'policy', ...flags, '--set', 'required', '--as', 'sup']);
    expect(notYours.code).toBe(4);
    expect(notYours.err).toMatch(/role_required/);
    expect((await luoshi(['keys', 'policy', ...flags, '--set', 'always', '--as', 'sec'])).code).toBe(2);
    const set = await luoshi(['keys', 'policy', ...flags, '--set', 'required', '--as', 'sec']);
    expect(set.code, set.err).toBe(0);
    expect(set.out).toMatch(/必须签章 required/);

    const refused = await luoshi(['item', 'pass', item.id, ...flags, '--as', 'sup']);
    expect(refused.code).toBe(4);
    expect(refused.err).toMatch(/signing_key_not_active/);
    expect(refused.err).toContain('luoshi keys enrol');
    const shown = JSON.parse((await luoshi(['item', 'show', item.id, ...flags, '--as', 'sup', '--json'])).out) as { status: string };
    expect(shown.status).toBe('closing');
  });
});
