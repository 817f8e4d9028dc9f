import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { addUsers } from '../../app/organisation.js';
import { seedCity, testClock, testDeps } from '../../app/testing/city.js';
import { openStore } from '../../store/index.js';
import { tempDir } from '../../store/testing/dialects.js';
import type { Output } from '../output.js';
import { registerLedgerTypes } from './ledger-types.js';

async function luoshi(args: string[]): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  const o: Output = { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) };
  const program = new Command('luoshi').exitOverride();
  registerLedgerTypes(program, o);
  process.exitCode = 0;
  await program.parseAsync(['node', 'luoshi', ...args]);
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out, err, code };
}

describe('luoshi ledger-types show / set', () => {
  afterEach(() => {
    process.exitCode = 0;
  });

  it('shows the settings, lets the system admin change them from a file, and refuses bad files, other roles and stale versions', async () => {
    const dir = tempDir('luoshi-ledger-cli-');
    const file = path.join(dir, 'luoshi.db');
    const store = await openStore({ database: { kind: 'sqlite', file }, dataDir: dir });
    const deps = testDeps(store, testClock(new Date().toISOString()));
    const { tenantId } = await seedCity(deps);
    await addUsers(deps, tenantId, [{ id: 'u-admin', username: 'admin', displayName: '系统管理员', unitId: 'city', roles: ['system_admin'] }]);
    await store.close();
    const flags = ['--db', file, '--data', dir, '--tenant', tenantId];

    const shown = await luoshi(['ledger-types', 'show', ...flags]);
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out).toMatch(/version 0/);
    expect(shown.out).toMatch(/会议部署事项/);

    const json = JSON.parse((await luoshi(['ledger-types', 'show', ...flags, '--json'])).out) as { version: number; config: Record<string, unknown> };
    const edited = path.join(dir, 'edited.json');
    writeFileSync(
      edited,
      JSON.stringify({
        ...json,
        config: { overrides: { directive: { name: { zh: '督办事项', en: 'Supervised matter' }, defaultTimeLimit: { amount: 15, unit: 'working_days' } } } },
      }),
    );
    expect((await luoshi(['ledger-types', 'set', edited, ...flags])).err).toMatch(/--as/);
    const refused = await luoshi(['ledger-types', 'set', edited, ...flags, '--as', 'sup']);
    expect([refused.code, refused.err]).toEqual([4, expect.stringMatching(/role_required/)]);

    const saved = await luoshi(['ledger-types', 'set', edited, ...flags, '--as', 'admin']);
    expect(saved.code, saved.err).toBe(0);
    expect(saved.out).toMatch(/version 1/);
    expect(saved.out).toMatch(/督办事项.*15 工作日/s);
    // The same file again starts from version 0, which is stale now.
    const stale = await luoshi(['ledger-types', 'set', edited, ...flags, '--as', 'admin']);
    expect([stale.code, stale.err]).toEqual([5, expect.stringMatching(/version_conflict/)]);

    const bare = path.join(dir, 'bare.json');
    writeFileSync(bare, JSON.stringify({ overrides: { directive: { closureStages: [] } } }));
    expect((await luoshi(['ledger-types', 'set', bare, ...flags, '--as', 'admin'])).err).toMatch(/--expected-version/);
    const invalid = await luoshi(['ledger-types', 'set', bare, ...flags, '--as', 'admin', '--expected-version', '1']);
    expect([invalid.code, invalid.err]).toEqual([2, expect.stringMatching(/validation_failed[\s\S]*closureStages/)]);
    writeFileSync(bare, '{ not json');
    expect((await luoshi(['ledger-types', 'set', bare, ...flags, '--as', 'admin', '--expected-version', '1'])).code).toBe(2);
    expect((await luoshi(['ledger-types', 'show', ...flags])).out).toMatch(/version 1/);
  });
});
