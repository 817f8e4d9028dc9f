import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_FIELDS } from '../domain/ledger-types/examples.js';
import { buildApp } from './app.js';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

/** The value of a sample line of the Prometheus text, by metric name and the labels it must carry. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`health, readiness and metrics (${d.name})`, () => {
    let fx: ApiFixture;
    let sup: Caller;
    let env: Caller;
    beforeAll(async () => {
      fx = await apiFixture(d.name);
      sup = await fx.login('sup');
      env = await fx.login('env');
    });
    afterAll(() => fx?.close());

    it('answers /healthz without a session', async () => {
      const res = await fx.call(null, { method: 'GET', url: '/healthz' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok' });
    });

    it('is ready when the database answers, its migrations are current and the keys are readable', async () => {
      const res = await fx.call(null, { method: 'GET', url: '/readyz' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().checks.map((c: { name: string; ok: boolean }) => [c.name, c.ok])).toEqual([
        ['database', true],
        ['migrations', true],
        ['keys', true],
      ]);
    });

    it('is not ready while a check that joined the list fails, and says which', async () => {
      const app = await buildApp({ ...fx.deps, readyChecks: [{ name: 'chain_alarm', probe: () => Promise.resolve('the chain failed verification') }] });
      try {
        const res = await app.inject({ method: 'GET', url: '/readyz' });
        expect(res.statusCode).toBe(503);
        expect(res.json().checks.find((c: { name: string }) => c.name === 'chain_alarm')).toEqual({ name: 'chain_alarm', ok: false, reason: 'the chain failed verification' });
      } finally {
        await app.close();
      }
    });

    it('counts requests per route and actions per type, and reports the chain head and the outbox', async () => {
      const created = await fx.call(sup, {
        method: 'POST',
        url: '/api/v1/items',
        payload: { ledgerType: 'directive', title: '指标测试事项', fields: EXAMPLE_FIELDS.directive!.draft },
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      const assign = await fx.call(sup, { method: 'POST', url: `/api/v1/items/${id}/assign`, payload: { leadUnitId: 'env', deadline: '2026-06-30' } });
      expect(assign.statusCode, assign.body).toBe(200);
      const accept = await fx.call(env, { method: 'POST', url: `/api/v1/items/${id}/accept`, payload: {} });
      expect(accept.statusCode, accept.body).toBe(200);
      const refused = await fx.call(env, { method: 'POST', url: `/api/v1/items/${id}/accept`, payload: {} });
      expect(refused.statusCode).toBe(409);
      await fx.call(sup, { method: 'GET', url: `/api/v1/items/${id}` });

      const res = await fx.call(null, { method: 'GET', url: '/metrics' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/plain');
      const text = res.body;
      expect(sample(text, 'luoshi_http_requests_total', { method: 'GET', route: '/api/v1/items/:id', status: '200' })).toBe(1);
      expect(sample(text, 'luoshi_http_requests_total', { route: '/api/v1/items/:id/accept', status: '409' })).toBe(1);
      expect(sample(text, 'luoshi_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/items' })).toBe(1);
      expect(sample(text, 'luoshi_actions_total', { type: 'assign' })).toBe(1);
      expect(sample(text, 'luoshi_actions_total', { type: 'accept' })).toBe(1);
      const head = await fx.ts.store.read.events.head(fx.tenantId);
      expect(sample(text, 'luoshi_chain_head_seq')).toBe(head.seq);
      expect(sample(text, 'luoshi_checkpoint_age_seconds')).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'luoshi_outbox_pending', { channel: 'webhook' })).toBe(0);
      expect(sample(text, 'luoshi_outbox_lag_seconds', { channel: 'webhook' })).toBe(0);
      expect(sample(text, 'luoshi_ops_scrape_ok')).toBe(1);
      expect(text).toContain('luoshi_process_cpu_seconds_total');
      // Counts and ages only: nothing of the item leaves through /metrics.
      expect(text).not.toContain('指标测试事项');
      expect(text).not.toContain(id);
    });

    it.skipIf(d.name !== 'sqlite')('is not ready when a key file has become readable by others', async () => {
      const file = join(fx.ts.dir, 'chain.key');
      chmodSync(file, 0o644);
      try {
        const res = await fx.call(null, { method: 'GET', url: '/readyz' });
        expect(res.statusCode).toBe(503);
        const keys = res.json().checks.find((c: { name: string }) => c.name === 'keys');
        expect(keys.ok).toBe(false);
        expect(keys.reason).toContain('chmod 600');
      } finally {
        chmodSync(file, 0o600);
      }
    });
  });
}
