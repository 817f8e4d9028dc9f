/*
 * Notifications through the app on both databases: what an action sets off (in-app entries and deliveries, to
 * exactly the audience of the rules, once even with two notifiers racing — on PostgreSQL the actions take the
 * one-statement path), the outbox's retries, rate limit and resend, and the daily digest sent once per person
 * and day with two nodes racing.
 */
import { afterAll, beforeAll, expect, it, onTestFinished } from 'vitest';
import { addUsers } from '../organisation.js';
import { createItem, performAction } from '../index.js';
import { dispatchNotifications } from '../../jobs/notify/dispatch.js';
import { fakeWecomRobot, type Fake } from '../../jobs/notify/testing/fakes.js';
import { describeOnStores } from '../../store/testing/suite.js';
import { errorCode, seedCity, testClock, testDeps } from '../testing/city.js';
import { addNotifyChannel, notifyLog, resendDelivery, setNotifySettings, setUserContacts } from './admin.js';
import { sendDigests } from './digest.js';
import { fanOutNotifications } from './fanout.js';

const installation = { mail: true, publicUrl: 'https://luoshi.example.gov.cn' };

describeOnStores('notifications', (t) => {
  let robot: Fake;
  beforeAll(async () => {
    robot = await fakeWecomRobot('k');
  });
  afterAll(() => robot.close());

  async function city(start?: string) {
    const clock = testClock(start);
    const deps = { ...testDeps(t.store, clock), allowPrivateWebhooks: true };
    const c = await seedCity(deps);
    await addUsers(deps, c.tenantId, [{ id: 'u-sys', username: 'sys', displayName: '系统管理员', unitId: 'city', roles: ['system_admin'] }]);
    for (const u of ['env', 'water', 'sup']) await setUserContacts(deps, c.as('sys'), u, { email: `${u}@example.gov.cn` });
    // Switching notifications on starts at the chain's head: the setup above is history, not news.
    await fanOutNotifications(deps, c.tenantId, installation);
    return { ...c, clock, deps };
  }

  const inbox = (tenantId: string, userId: string) => t.store.read.notify.listInbox(tenantId, userId);

  it("tells an assignment to the lead and co-units' handlers (not the supervisor who acted), exactly once", async () => {
    const { tenantId, as, deps } = await city();
    const ch = await addNotifyChannel(deps, as('sys'), { kind: 'wecom-robot', unitId: 'env', url: `${robot.url}/cgi-bin/webhook/send?key=k`, settings: {}, secrets: {} });
    expect(ch.url).toBe(`${robot.url}/cgi-bin/webhook/send`);
    const { item } = await createItem(deps, as('sup'), { ledgerType: 'directive', title: '建立安全检查机制', fields: { category: 'other' } });
    await performAction(deps, as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env', coUnitIds: ['water'], deadline: '2026-03-31' } });
    const r = await fanOutNotifications(deps, tenantId, installation);
    expect([r.notified, r.inbox, r.deliveries]).toEqual([1, 2, 3]);
    expect((await inbox(tenantId, 'u-env')).map((n) => [n.ruleKey, n.urgency, n.subject, n.itemId])).toEqual([
      ['assigned', 'normal', '【落实】督办〔2026〕0001号 新交办：建立安全检查机制', item.id],
    ]);
    expect(await inbox(tenantId, 'u-water')).toHaveLength(1);
    expect(await inbox(tenantId, 'u-sup')).toEqual([]);
    const log = await notifyLog(deps, as('sys'));
    expect(log.map((d) => [d.channelKind, d.recipientKind, d.recipientId, d.status]).sort()).toEqual([
      ['email', 'user', 'u-env', 'pending'],
      ['email', 'user', 'u-water', 'pending'],
      ['wecom-robot', 'unit', 'env', 'pending'],
    ]);
    expect(JSON.stringify(log)).not.toContain('example.gov.cn');
    // Nothing new: the cursor moved past the event.
    expect((await fanOutNotifications(deps, tenantId, installation)).inbox).toBe(0);
    // The handler accepts, the supervisor urges twice; two notifiers racing write each notification once.
    await performAction(deps, as('env'), item.id, { type: 'AcceptItem', data: {} });
    await performAction(deps, as('sup'), item.id, { type: 'UrgeItem', data: { kind: 'urge' } });
    await performAction(deps, as('sup'), item.id, { type: 'UrgeItem', data: { kind: 'bulletin' } });
    const [a, b] = await Promise.all([fanOutNotifications(deps, tenantId, installation), fanOutNotifications(deps, tenantId, installation)]);
    expect(a.inbox + b.inbox).toBe(2);
    expect((await inbox(tenantId, 'u-env')).map((n) => [n.ruleKey, n.urgency])).toEqual([
      ['bulletin', 'urgent'],
      ['urged', 'normal'],
      ['assigned', 'normal'],
    ]);
    // 通报 goes to the lead unit's leaders too: the city has none at 生态环境局, so the handler alone.
    expect(await t.store.read.notify.unreadCount(tenantId, 'u-env')).toBe(3);
  });

  it('sends the outbox: retries a 5xx with backoff, holds a robot to its rate limit, and resends on request', async () => {
    const { tenantId, as, deps, clock } = await city();
    // A robot of its own: the dispatcher sends every tenant's due deliveries, those of the other tests too.
    const robot = await fakeWecomRobot('k2');
    onTestFinished(() => robot.close());
    await addNotifyChannel(deps, as('sys'), { kind: 'wecom-robot', unitId: 'water', url: `${robot.url}/cgi-bin/webhook/send?key=k2`, settings: {}, secrets: {} });
    for (const title of ['一', '二', '三']) {
      const { item } = await createItem(deps, as('sup'), { ledgerType: 'directive', title, fields: { category: 'other' } });
      await performAction(deps, as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'water', deadline: '2026-03-31' } });
    }
    await fanOutNotifications(deps, tenantId, installation);
    const before = robot.accepted.length;
    robot.failNext(1);
    const opts = { now: () => clock.now, email: null, http: { allowPrivate: true }, robotPerMinute: 2 };
    await dispatchNotifications(t.store, opts);
    const robots = () => notifyLog(deps, as('sys')).then((l) => l.filter((d) => d.channelKind === 'wecom-robot'));
    const first = await robots();
    // Two of three were within the limit: one of those met the 502 and waits 10 s; the third was held back, unattempted.
    expect(first.map((d) => [d.status, d.attempts]).sort()).toEqual([
      ['pending', 0],
      ['pending', 1],
      ['sent', 1],
    ]);
    expect(first.find((d) => d.attempts === 1 && d.status === 'pending')?.lastError).toBe('HTTP 502');
    clock.now = new Date(clock.now.getTime() + 61_000);
    await dispatchNotifications(t.store, opts);
    expect((await robots()).every((d) => d.status === 'sent')).toBe(true);
    expect(robot.accepted.length - before).toBe(3);
    // E-mail without an SMTP server: retried at each round once its wait is over, then resent by hand once fixed.
    const mail = (await notifyLog(deps, as('sys'))).find((d) => d.channelKind === 'email')!;
    expect(mail).toMatchObject({ status: 'pending', attempts: 2, lastError: 'e-mail is not configured (LUOSHI_SMTP_URL)' });
    await resendDelivery(deps, as('sys'), mail.id);
    expect((await notifyLog(deps, as('sys'))).find((d) => d.id === mail.id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await errorCode(resendDelivery(deps, as('sup'), mail.id))).toBe('role_required');
    expect(
      await errorCode(
        addNotifyChannel({ ...deps, allowPrivateWebhooks: false }, as('sys'), { kind: 'wecom-robot', unitId: 'water', url: `${robot.url}/x`, settings: {}, secrets: {} }),
      ),
    ).toBe('webhook_url_forbidden');
    expect(await errorCode(addNotifyChannel(deps, as('sys'), { kind: 'sms-aliyun', unitId: null, url: null, settings: { accessKeyId: 'a' }, secrets: {} }))).toBe('invalid_input');
  });

  it('sends the daily digest once per person and day with two nodes racing, from the digest time on a working day', async () => {
    // Monday 2026-03-02, 08:00 in Shanghai: before the digest time.
    const { tenantId, as, deps, clock } = await city('2026-03-02T00:00:00.000Z');
    const { item } = await createItem(deps, as('sup'), { ledgerType: 'directive', title: '待签收事项', fields: { category: 'other' } });
    await performAction(deps, as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env', deadline: '2026-03-04' } });
    expect((await sendDigests(deps, tenantId, installation, { node: 'a' })).due).toBe(false);
    clock.now = new Date('2026-03-02T01:00:00.000Z');
    const [a, b] = await Promise.all([sendDigests(deps, tenantId, installation, { node: 'a' }), sendDigests(deps, tenantId, installation, { node: 'b' })]);
    // env (handler, one item) and the leader's weekly summary, each written by one node and found taken by the other;
    // sup (supervisor, nothing to review or overdue) gets none.
    expect([a.daily + b.daily, a.weekly + b.weekly, a.taken + b.taken]).toEqual([1, 1, 2]);
    const digest = (await inbox(tenantId, 'u-env')).filter((n) => n.ruleKey === 'digest_daily');
    expect(digest.map((n) => n.subject)).toEqual(['【落实】每日待办 2026-03-02：待签收 1 项，临近期限 1 项']);
    expect((await inbox(tenantId, 'u-leader')).map((n) => n.ruleKey)).toEqual(['digest_weekly']);
    const again = await sendDigests(deps, tenantId, installation, { node: 'c' });
    expect([again.daily, again.weekly]).toEqual([0, 0]);
    // Saturday: not a working day.
    clock.now = new Date('2026-03-07T01:00:00.000Z');
    expect((await sendDigests(deps, tenantId, installation, { node: 'a' })).due).toBe(false);
  });

  it("applies the tenant's rule overrides by ledger type and refuses unknown rules", async () => {
    const { tenantId, as, deps } = await city();
    await setNotifySettings(deps, as('sys'), {
      rules: [
        { key: 'instruction', ledgerType: 'directive', off: true },
        { key: 'urged', urgency: 'urgent' },
      ],
    });
    const { item } = await createItem(deps, as('sup'), { ledgerType: 'directive', title: '事项', fields: { category: 'other' } });
    await performAction(deps, as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env', deadline: '2026-03-31' } });
    await performAction(deps, as('env'), item.id, { type: 'AcceptItem', data: {} });
    await performAction(deps, as('leader'), item.id, { type: 'GiveInstruction', data: { text: '请抓紧' } });
    await performAction(deps, as('sup'), item.id, { type: 'UrgeItem', data: { kind: 'urge' } });
    await fanOutNotifications(deps, tenantId, installation);
    expect((await inbox(tenantId, 'u-env')).map((n) => [n.ruleKey, n.urgency])).toEqual([
      ['urged', 'urgent'],
      ['assigned', 'normal'],
    ]);
    expect(await errorCode(setNotifySettings(deps, as('sys'), { rules: [{ key: 'no_such_rule', off: true }] }))).toBe('invalid_input');
    expect(await errorCode(setNotifySettings(deps, as('sys'), { digestAt: '8:30' }))).toBe('invalid_input');
    expect(await errorCode(setNotifySettings(deps, as('sup'), { digestAt: '09:00' }))).toBe('role_required');
  });
});
