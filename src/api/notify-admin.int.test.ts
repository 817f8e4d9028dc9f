/*
 * Notification administration over HTTP (the admin page's data): only the system admin reaches it; a robot's
 * token never comes back; the log names its recipients; contacts are reported by kind, never by value; bad
 * input is refused in both languages before anything is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanOutNotifications } from '../app/notify/fanout.js';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture, type Caller } from './testing/fixture.js';

const ROBOT = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=secret-robot-key';

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`notification administration (${d.name})`, () => {
    let fx: ApiFixture;
    let sys: Caller;
    let sup: Caller;
    beforeAll(async () => {
      fx = await apiFixture(d.name);
      [sys, sup] = await Promise.all([fx.login('sysadmin'), fx.login('sup')]);
    });
    afterAll(() => fx?.close());

    it("is the system admin's alone", async () => {
      for (const url of ['/api/v1/admin/notify/channels', '/api/v1/admin/notify/log', '/api/v1/admin/notify/settings', '/api/v1/admin/notify/contacts']) {
        expect((await fx.call(sup, { method: 'GET', url })).statusCode, url).toBe(403);
      }
    });

    it("adds a unit robot without showing its key, logs its delivery by the unit's name, and disables it", async () => {
      const added = await fx.call(sys, {
        method: 'POST',
        url: '/api/v1/admin/notify/channels',
        payload: { kind: 'wecom-robot', unitId: 'env', url: ROBOT, settings: {}, secrets: {} },
      });
      expect(added.statusCode).toBe(201);
      const channel = added.json() as { id: string; url: string; disabledAt: string | null };
      expect(channel).toMatchObject({ url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send', disabledAt: null });
      const listed = await fx.call(sys, { method: 'GET', url: '/api/v1/admin/notify/channels' });
      expect(listed.body).not.toContain('secret-robot-key');

      await fanOutNotifications(fx.deps.app, fx.tenantId, { mail: false, publicUrl: null });
      const item = (
        await fx.call(sup, { method: 'POST', url: '/api/v1/items', payload: { ledgerType: 'directive', title: '落实防汛值守', fields: { category: 'other' } } })
      ).json() as { id: string };
      expect((await fx.call(sup, { method: 'POST', url: `/api/v1/items/${item.id}/assign`, payload: { leadUnitId: 'env', deadline: '2099-03-31' } })).statusCode).toBe(200);
      await fanOutNotifications(fx.deps.app, fx.tenantId, { mail: false, publicUrl: null });
      const log = (await fx.call(sys, { method: 'GET', url: '/api/v1/admin/notify/log?status=pending' })).json() as {
        id: string;
        channelKind: string;
        recipientKind: string;
        recipientName: string;
        itemId: string;
      }[];
      const robot = log.find((r) => r.channelKind === 'wecom-robot' && r.itemId === item.id);
      expect(robot).toMatchObject({ recipientKind: 'unit', recipientName: '市生态环境局' });
      expect((await fx.call(sys, { method: 'POST', url: `/api/v1/admin/notify/log/${robot!.id}/resend` })).statusCode).toBe(200);
      expect((await fx.call(sys, { method: 'GET', url: '/api/v1/admin/notify/log?status=sent' })).json()).toEqual([]);

      expect((await fx.call(sys, { method: 'POST', url: `/api/v1/admin/notify/channels/${channel.id}/disable` })).statusCode).toBe(200);
      const after = (await fx.call(sys, { method: 'GET', url: '/api/v1/admin/notify/channels' })).json() as { id: string; disabledAt: string | null }[];
      expect(after.find((c) => c.id === channel.id)?.disabledAt).not.toBeNull();
      expect((await fx.call(sys, { method: 'POST', url: `/api/v1/admin/notify/channels/${channel.id}/disable` })).statusCode).toBe(400);
    });

    it('refuses an incomplete corp app and a private robot address, in Chinese and English', async () => {
      const missing = await fx.call(sys, {
        method: 'POST',
        url: '/api/v1/admin/notify/channels',
        headers: { 'accept-language': 'en' },
        payload: { kind: 'wecom-app', unitId: null, url: null, settings: { corpId: 'ww1', agentId: '1' }, secrets: {} },
      });
      expect(missing.statusCode).toBe(400);
      expect(missing.json()).toMatchObject({ code: 'invalid_input', details: { missing: ['corpSecret'] } });
      const zh = await fx.call(sys, {
        method: 'POST',
        url: '/api/v1/admin/notify/channels',
        headers: { 'accept-language': 'zh-CN' },
        payload: { kind: 'wecom-robot', unitId: 'env', url: 'http://127.0.0.1:9/cgi-bin/webhook/send?key=k', settings: {}, secrets: {} },
      });
      expect(zh.statusCode).toBe(400);
      expect((zh.json() as { code: string; title: string }).code).toBe('webhook_url_forbidden');
      expect((zh.json() as { title: string }).title).toMatch(/[\u4e00-\u9fff]/);
    });

    it('sets contacts by user id and reports only which kinds are set', async () => {
      const users = (await fx.call(sys, { method: 'GET', url: '/api/v1/admin/users' })).json() as { id: string; username: string }[];
      const water = users.find((u) => u.username === 'water')!;
      const set = await fx.call(sys, { method: 'PUT', url: `/api/v1/admin/users/${water.id}/contacts`, payload: { email: 'water@example.gov.cn', wecom: 'zhang.san' } });
      expect(set.json()).toEqual({ changed: ['email', 'wecom'] });
      const kinds = await fx.call(sys, { method: 'GET', url: '/api/v1/admin/notify/contacts' });
      expect((kinds.json() as Record<string, string[]>)[water.id]).toEqual(['email', 'wecom']);
      expect(kinds.body).not.toContain('water@example.gov.cn');
      expect((await fx.call(sys, { method: 'PUT', url: `/api/v1/admin/users/${water.id}/contacts`, payload: { wecom: null } })).statusCode).toBe(200);
      expect(((await fx.call(sys, { method: 'GET', url: '/api/v1/admin/notify/contacts' })).json() as Record<string, string[]>)[water.id]).toEqual(['email']);
      expect((await fx.call(sys, { method: 'PUT', url: `/api/v1/admin/users/${water.id}/contacts`, payload: { phone: 'call me' } })).statusCode).toBe(400);
      expect((await fx.call(sys, { method: 'PUT', url: '/api/v1/admin/users/nobody/contacts', payload: { phone: '13800000000' } })).statusCode).toBe(404);
    });

    it('keeps the digest time, and refuses one that is not HH:MM', async () => {
      expect((await fx.call(sys, { method: 'GET', url: '/api/v1/admin/notify/settings' })).json()).toMatchObject({ digestAt: '08:30', overrides: 0, ruleOverrides: [] });
      expect((await fx.call(sys, { method: 'PUT', url: '/api/v1/admin/notify/settings', payload: { digestAt: '07:45' } })).json()).toMatchObject({
        digestAt: '07:45',
        overrides: 0,
      });
      expect((await fx.call(sys, { method: 'PUT', url: '/api/v1/admin/notify/settings', payload: { digestAt: '25:00' } })).statusCode).toBe(400);
      expect((await fx.call(sys, { method: 'GET', url: '/api/v1/admin/notify/settings' })).json()).toMatchObject({ digestAt: '07:45', overrides: 0 });
    });

    it('shows the rules table and sets overrides per ledger type, refusing an unknown rule and keeping the digest time', async () => {
      const shown = (await fx.call(sys, { method: 'GET', url: '/api/v1/admin/notify/settings' })).json();
      expect(shown.rules).toEqual(expect.arrayContaining([{ key: 'near_deadline', event: 'DeadlineNear', label: '临近办理期限', audience: ['lead'], urgency: 'normal' }]));
      expect(shown.builtInOverrides).toEqual([expect.objectContaining({ key: 'assigned', ledgerType: 'signal', urgency: 'urgent' })]);
      const rules = [
        { key: 'urged', ledgerType: 'hazard', urgency: 'urgent' },
        { key: 'instruction', off: true },
      ];
      const put = await fx.call(sys, { method: 'PUT', url: '/api/v1/admin/notify/settings', payload: { rules } });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json()).toMatchObject({ overrides: 2, ruleOverrides: rules });
      const unknown = await fx.call(sys, { method: 'PUT', url: '/api/v1/admin/notify/settings', payload: { rules: [{ key: 'no_such_rule', off: true }] } });
      expect(unknown.statusCode).toBe(400);
      expect((await fx.call(sys, { method: 'GET', url: '/api/v1/admin/notify/settings' })).json()).toMatchObject({ digestAt: shown.digestAt, overrides: 2 });
      expect((await fx.call(sup, { method: 'PUT', url: '/api/v1/admin/notify/settings', payload: { rules: [] } })).statusCode).toBe(403);
    });
  });
}
