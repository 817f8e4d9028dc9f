/*
 * The notification centre over HTTP (the bell's data): an assignment shows in the lead unit's handler's list with
 * its unread count; marking read works for one's own notifications only; preferences are validated and kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanOutNotifications } from '../app/notify/fanout.js';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

const installation = { mail: false, publicUrl: null };

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`notification centre (${d.name})`, () => {
    let fx: ApiFixture;
    let sup: Caller;
    let env: Caller;
    let water: Caller;
    beforeAll(async () => {
      fx = await apiFixture(d.name);
      [sup, env, water] = await Promise.all([fx.login('sup'), fx.login('env'), fx.login('water')]);
      await fanOutNotifications(fx.deps.app, fx.tenantId, installation);
    });
    afterAll(() => fx?.close());

    it("lists an assignment for the lead unit's handler with the item's number, unread until marked read", async () => {
      const created = await fx.call(sup, { method: 'POST', url: '/api/v1/items', payload: { ledgerType: 'directive', title: '落实防汛值守', fields: { category: 'other' } } });
      expect(created.statusCode).toBe(201);
      const item = created.json() as { id: string; number: string };
      const assigned = await fx.call(sup, { method: 'POST', url: `/api/v1/items/${item.id}/assign`, payload: { leadUnitId: 'env', deadline: '2026-03-31' } });
      expect(assigned.statusCode).toBe(200);
      await fanOutNotifications(fx.deps.app, fx.tenantId, installation);

      const list = (await fx.call(env, { method: 'GET', url: '/api/v1/notifications' })).json() as {
        unread: number;
        notifications: { id: string; itemId: string; subject: string; rule: string }[];
      };
      expect(list.unread).toBe(1);
      expect(list.notifications[0]).toMatchObject({ itemId: item.id, rule: 'assigned' });
      expect(list.notifications[0]!.subject).toContain(item.number);
      expect((await fx.call(water, { method: 'GET', url: '/api/v1/notifications' })).json()).toEqual({ unread: 0, notifications: [] });

      // Another person's ids mark nothing.
      const foreign = await fx.call(water, { method: 'POST', url: '/api/v1/notifications/read', payload: { ids: [list.notifications[0]!.id] } });
      expect(foreign.json()).toEqual({ marked: 0 });
      const own = await fx.call(env, { method: 'POST', url: '/api/v1/notifications/read', payload: { ids: null } });
      expect(own.json()).toEqual({ marked: 1 });
      expect((await fx.call(env, { method: 'GET', url: '/api/v1/notifications?unread=1' })).json() as { unread: number; notifications: unknown[] }).toEqual({
        unread: 0,
        notifications: [],
      });
    });

    it('keeps valid preferences and refuses invalid ones with 400, changing nothing', async () => {
      const defaults = (await fx.call(env, { method: 'GET', url: '/api/v1/notifications/preferences' })).json() as { digestOnly: boolean };
      expect(defaults.digestOnly).toBe(false);
      const prefs = { channels: { urgent: ['sms', 'work'], normal: ['email'], low: [] }, quiet: { from: '22:00', to: '07:30' }, digestOnly: true };
      expect((await fx.call(env, { method: 'PUT', url: '/api/v1/notifications/preferences', payload: prefs })).statusCode).toBe(200);
      const bad = await fx.call(env, { method: 'PUT', url: '/api/v1/notifications/preferences', payload: { ...prefs, quiet: { from: '25:00', to: '07:00' } } });
      expect(bad.statusCode).toBe(400);
      expect((await fx.call(env, { method: 'GET', url: '/api/v1/notifications/preferences' })).json()).toEqual(prefs);
      expect((await fx.call(null, { method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
    });
  });
}
