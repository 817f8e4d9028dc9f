import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_LEDGER_TYPES } from '../domain/ledger-types/index.js';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

const CONFIG = {
  overrides: {
    directive: {
      name: { zh: '督办事项', en: 'Supervised matter' },
      defaultTimeLimit: { amount: 10, unit: 'calendar_days' },
      warningRules: { warnWorkingDays: 5 },
      fieldOverrides: { sourceName: { label: { zh: '来源文件', en: 'Source document' }, required: true } },
    },
  },
  disabled: ['school_plan'],
};
const URL = '/api/v1/ledger-types/config';

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`ledger type settings over HTTP (${d.name})`, () => {
    let fx: ApiFixture;
    const c: Record<string, Caller> = {};
    beforeAll(async () => {
      fx = await apiFixture(d.name);
      for (const u of ['sup', 'env', 'leader', 'sysadmin', 'secadmin', 'auditor']) c[u] = await fx.login(u);
    });
    afterAll(() => fx?.close());

    it('lets every role read the ledger types, and only the system admin read or change their settings', async () => {
      for (const u of Object.keys(c)) {
        const r = await fx.call(c[u]!, { method: 'GET', url: '/api/v1/ledger-types' });
        expect(r.statusCode, u).toBe(200);
        expect((r.json() as { key: string }[]).map((t) => t.key)).toEqual(BUILTIN_LEDGER_TYPES.map((t) => t.key));
      }
      for (const u of ['sup', 'env', 'leader', 'secadmin', 'auditor']) {
        const get = await fx.call(c[u]!, { method: 'GET', url: URL });
        expect([get.statusCode, get.json().code], u).toEqual([403, 'role_required']);
        const put = await fx.call(c[u]!, { method: 'PUT', url: URL, headers: { 'if-match': '"0"' }, payload: CONFIG });
        expect([put.statusCode, put.json().code], u).toEqual([403, 'role_required']);
      }
      const r = await fx.call(c.sysadmin!, { method: 'GET', url: URL });
      expect(r.statusCode).toBe(200);
      expect(r.headers.etag).toBe('"0"');
      expect(r.json()).toMatchObject({ version: 0, config: {}, updatedAt: null });
      expect(r.json().builtin).toHaveLength(BUILTIN_LEDGER_TYPES.length);
      expect((await fx.call(null, { method: 'GET', url: URL })).statusCode).toBe(401);
    });

    it('refuses a change without If-Match, a broken configuration (in the caller’s language) and a stale version, writing nothing', async () => {
      const noVersion = await fx.call(c.sysadmin!, { method: 'PUT', url: URL, payload: CONFIG });
      expect([noVersion.statusCode, noVersion.json().code]).toEqual([400, 'invalid_input']);
      const broken = { overrides: { directive: { closureStages: [] } } };
      const zh = await fx.call(c.sysadmin!, { method: 'PUT', url: URL, headers: { 'if-match': '"0"', 'accept-language': 'zh-CN' }, payload: broken });
      expect([zh.statusCode, zh.json().code]).toEqual([400, 'validation_failed']);
      expect(zh.headers['content-type']).toContain('application/problem+json');
      expect(zh.json().title).toMatch(/台账/);
      expect(zh.json().details.issues[0]).toMatchObject({ path: 'directive.closureStages' });
      const en = await fx.call(c.sysadmin!, {
        method: 'PUT',
        url: URL,
        headers: { 'if-match': '"0"', 'accept-language': 'en' },
        payload: { overrides: { directive: { fieldOverrides: { nope: { required: true } } } } },
      });
      expect([en.statusCode, en.json().code]).toEqual([400, 'validation_failed']);
      expect(en.json().title).toMatch(/^Ledger configuration: directive has no field nope/);
      const shape = await fx.call(c.sysadmin!, {
        method: 'PUT',
        url: URL,
        headers: { 'if-match': '"0"' },
        payload: { overrides: { directive: { defaultTimeLimit: { amount: -3, unit: 'fortnights' } } } },
      });
      expect([shape.statusCode, shape.json().code]).toEqual([400, 'validation_failed']);
      expect((await fx.call(c.sysadmin!, { method: 'GET', url: URL })).json().version).toBe(0);
      const stale = await fx.call(c.sysadmin!, { method: 'PUT', url: URL, headers: { 'if-match': '"7"' }, payload: CONFIG });
      expect([stale.statusCode, stale.json().code]).toEqual([412, 'version_conflict']);
      expect((await fx.call(c.sysadmin!, { method: 'GET', url: URL })).json().version).toBe(0);
    });

    it('applies a change at once to the types everyone reads and to items created after it', async () => {
      const put = await fx.call(c.sysadmin!, { method: 'PUT', url: URL, headers: { 'if-match': '"0"' }, payload: CONFIG });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.headers.etag).toBe('"1"');
      expect(put.json().types.find((t: { key: string }) => t.key === 'school_plan').disabled).toBe(true);
      const types = (await fx.call(c.sup!, { method: 'GET', url: '/api/v1/ledger-types' })).json() as { key: string; name: { zh: string } }[];
      expect(types.find((t) => t.key === 'directive')?.name.zh).toBe('督办事项');
      expect(types.some((t) => t.key === 'school_plan')).toBe(false);

      // 来源文件 is now required; the deadline defaults to 10 calendar days.
      const missing = await fx.call(c.sup!, { method: 'POST', url: '/api/v1/items', payload: { ledgerType: 'directive', title: '缺来源', fields: { category: 'other' } } });
      expect([missing.statusCode, missing.json().code]).toEqual([400, 'validation_failed']);
      const created = await fx.call(c.sup!, {
        method: 'POST',
        url: '/api/v1/items',
        payload: { ledgerType: 'directive', title: '新配置下的事项', fields: { category: 'other', sourceName: '市委常委会会议' } },
      });
      expect(created.statusCode, created.body).toBe(201);
      const assigned = await fx.call(c.sup!, { method: 'POST', url: `/api/v1/items/${created.json().id}/assign`, payload: { leadUnitId: 'env' } });
      expect(assigned.statusCode, assigned.body).toBe(200);
      expect(assigned.json().currentDeadline).toBe('2026-03-12');
      const off = await fx.call(c.sup!, { method: 'POST', url: '/api/v1/items', payload: { ledgerType: 'school_plan', title: '停用的类型', fields: {} } });
      expect([off.statusCode, off.json().code]).toEqual([409, 'ledger_type_disabled']);

      // The same version cannot be written twice; the auditor finds the change on the verified chain.
      const again = await fx.call(c.sysadmin!, { method: 'PUT', url: URL, headers: { 'if-match': '"0"' }, payload: {} });
      expect([again.statusCode, again.json().code]).toEqual([412, 'version_conflict']);
      const log = await fx.call(c.auditor!, { method: 'GET', url: '/api/v1/audit?limit=1000' });
      expect((log.json().events as { type: string; actorUserId: string }[]).filter((e) => e.type === 'LedgerConfigSet')).toEqual([
        expect.objectContaining({ actorUserId: 'u-sysadmin' }),
      ]);
      expect((await fx.call(c.auditor!, { method: 'GET', url: '/api/v1/audit/verify' })).json().ok).toBe(true);
    });

    it('documents the endpoints in the OpenAPI document', async () => {
      const doc = (await fx.call(null, { method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
      expect(Object.keys(doc.paths['/api/v1/ledger-types/config'] ?? {}).sort()).toEqual(['get', 'put']);
      expect(doc.paths['/api/v1/ledger-types']).toHaveProperty('get');
    });
  });
}
