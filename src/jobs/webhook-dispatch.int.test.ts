/*
 * The webhook outbox end to end on both databases: actions write deliveries, the dispatcher posts them signed to
 * a real HTTP receiver on 127.0.0.1, retries with backoff on the test's clock, records what happened, keeps a
 * hanging receiver from holding up the others, and stops without waiting for one. Private targets such as that
 * receiver are refused unless allowed, at registration and after resolving the host when sending.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSecureContext, createServer as createTlsServer } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWebhook, disableWebhook, showWebhook } from '../app/accounts/webhooks.js';
import type { AppDeps } from '../app/context.js';
import { createItem, performAction } from '../app/index.js';
import { addUsers } from '../app/organisation.js';
import { seedCity, testClock, testDeps, type TestClock } from '../app/testing/city.js';
import { DIALECTS, openTestStore, type TestStore } from '../store/testing/dialects.js';
import { BACKOFF_MS, dispatchWebhooks, startWebhookDispatcher } from './webhook-dispatch.js';

interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly at: number;
}

type Answer = number | 'hang';

/** A receiver on a random port: each path answers from its queue (the last answer repeats), 200 by default. */
async function startReceiver() {
  const got: Received[] = [];
  const answers = new Map<string, Answer[]>();
  const state = { allOk: false };
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const path = req.url ?? '/';
      got.push({ path, headers: req.headers, body, at: Date.now() });
      const queue = answers.get(path) ?? [200];
      const answer = state.allOk ? 200 : queue.length > 1 ? queue.shift()! : queue[0]!;
      if (answer !== 'hang') res.writeHead(answer, { 'content-type': 'text/plain' }).end(`answer ${answer}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    got,
    answers,
    state,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    to: (path: string) => got.filter((r) => r.path === path),
    under: (prefix: string) => got.filter((r) => r.path.startsWith(prefix)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Checks `t=<s>,v1=<hex>` against HMAC-SHA256 of "<t>.<body>" under the secret. */
function signatureOk(secret: string, header: string | string[] | undefined, body: string): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(header));
  if (!m) return false;
  return timingSafeEqual(createHmac('sha256', secret).update(`${m[1]}.${body}`).digest(), Buffer.from(m[2]!, 'hex'));
}

const until = async (what: () => boolean, ms = 15_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

type City = Awaited<ReturnType<typeof seedCity>>;

/** A self-signed certificate for hooks.example.invalid and its key, made for this test only and trusted nowhere. */
const TLS_TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg4U8dBAx/PKg0ngMu
VsSc2wCccWw9ODVP6C5ylkiTblOhRANCAATZzlJW8m/p9m4XqG/BltmSmdp/DwTn
x6In0FwXzrUQvLfAMpGqwvuM+0SLbXwJjfMsheP3Ls+nE7CRvR3g4FYU
-----END PRIVATE KEY-----`;
const TLS_TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBujCCAV+gAwIBAgIUGigCxrT6nD7hVw44MF3f12DACbswCgYIKoZIzj0EAwIw
IDEeMBwGA1UEAwwVaG9va3MuZXhhbXBsZS5pbnZhbGlkMCAXDTI2MTEyNzAyNTgw
MFoYDzIxMjYxMTAzMDI1ODAwWjAgMR4wHAYDVQQDDBVob29rcy5leGFtcGxlLmlu
dmFsaWQwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATZzlJW8m/p9m4XqG/BltmS
mdp/DwTnx6In0FwXzrUQvLfAMpGqwvuM+0SLbXwJjfMsheP3Ls+nE7CRvR3g4FYU
o3UwczAdBgNVHQ4EFgQUZMP7yTWVDCbz9sQ33wm0KuM1AkIwHwYDVR0jBBgwFoAU
ZMP7yTWVDCbz9sQ33wm0KuM1AkIwDwYDVR0TAQH/BAUwAwEB/zAgBgNVHREEGTAX
ghVob29rcy5leGFtcGxlLmludmFsaWQwCgYIKoZIzj0EAwIDSQAwRgIhALxpM1TT
lWZmV+595iNdRhVjiBNePyvSDinIRq1WLUfqAiEAui6RtU52StxR3hSWPxVdF3Gm
B+taJJ0IBAieLQJyQTs=
-----END CERTIFICATE-----`;

/** The receiver listens on 127.0.0.1: dispatchers of these tests allow private targets explicitly (LUOSHI_WEBHOOK_ALLOW_PRIVATE). */
const LOOPBACK = { allowPrivate: true } as const;

describe.each(DIALECTS)('webhook dispatcher on $name', ({ name, skip }) => {
  let t: TestStore;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    rx = await startReceiver();
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await rx?.close();
    await t?.dispose();
  });
  // The outbox is shared by the tests of this store: whatever a test leaves pending is delivered (every path
  // answering 200, the clock a day past any backoff or claim) so that it cannot reach the next test's rounds.
  afterEach(async () => {
    if (skip) return;
    rx.state.allOk = true;
    const later = () => new Date(Date.now() + 86_400_000);
    while ((await dispatchWebhooks(t.store, { ...LOOPBACK, now: later, timeoutMs: 5_000 })) > 0);
    rx.state.allOk = false;
  });

  /** seedCity plus `citysup`, a supervisor of the whole city (who may register webhooks for any unit). */
  async function city(): Promise<{ clock: TestClock; deps: AppDeps; c: City }> {
    const clock = testClock();
    // The receiver listens on 127.0.0.1: private targets are allowed explicitly, as an intranet deployment would.
    const deps: AppDeps = { ...testDeps(t.store, clock), allowPrivateWebhooks: true };
    const c = await seedCity(deps);
    await addUsers(deps, c.tenantId, [{ id: 'u-citysup', username: 'citysup', displayName: '市督办员', unitId: 'city', roles: ['supervisor'] }]);
    return { clock, deps, c };
  }

  /** A draft by `by` assigned to `lead`. */
  async function assigned(deps: AppDeps, c: City, by: string, lead: string, title: string): Promise<string> {
    const { item } = await createItem(deps, c.as(by), { ledgerType: 'directive', title, fields: { category: 'other' } });
    await performAction(deps, c.as(by), item.id, { type: 'AssignItem', data: { leadUnitId: lead, deadline: '2026-03-31' } });
    return item.id;
  }

  /** A draft of the city supervisor: one event, so one delivery for each webhook of its unit 督查室 (dcs). */
  async function draft(deps: AppDeps, c: City, title: string): Promise<string> {
    return (await createItem(deps, c.as('sup'), { ledgerType: 'directive', title, fields: { category: 'other' } })).item.id;
  }

  it.skipIf(skip)('posts signed deliveries to the webhooks covering an item after an action, and none to another unit', async () => {
    const { clock, deps, c } = await city();
    const env = await createWebhook(deps, c.as('citysup'), { url: rx.url('/t1/env'), unitId: 'env' });
    const envRect = await createWebhook(deps, c.as('citysup'), { url: rx.url('/t1/env-rect'), unitId: 'env', ledgerType: 'rectification' });
    const d1 = await createWebhook(deps, c.as('d1sup'), { url: rx.url('/t1/d1'), unitId: 'd1' });
    const cityItem = await assigned(deps, c, 'sup', 'env', '城区河道整治');
    await performAction(deps, c.as('env'), cityItem, { type: 'AcceptItem', data: {} });
    const streetItem = await assigned(deps, c, 'd1sup', 'd1s1', '街道消防通道');

    expect(await dispatchWebhooks(t.store, { ...LOOPBACK, now: () => clock.now })).toBeGreaterThanOrEqual(3);
    const toEnv = rx.to('/t1/env');
    expect(toEnv.map((r) => JSON.parse(r.body).event.type)).toEqual(expect.arrayContaining(['ItemAssigned', 'ItemAccepted']));
    for (const r of toEnv) {
      const body = JSON.parse(r.body) as { event: { itemId: string; type: string; seq: number }; item: { id: string; ledgerType: string } };
      expect(body.item.id).toBe(cityItem);
      expect(signatureOk(env.secret, r.headers['x-luoshi-signature'], r.body)).toBe(true);
      // The same body under another webhook's secret, or with a byte changed, does not verify.
      expect(signatureOk(d1.secret, r.headers['x-luoshi-signature'], r.body)).toBe(false);
      expect(signatureOk(env.secret, r.headers['x-luoshi-signature'], r.body.replace('"seq":', '"seq": '))).toBe(false);
      expect(String(r.headers['x-luoshi-signature'])).toContain(`t=${Math.floor(clock.now.getTime() / 1000)},`);
      expect(r.headers['x-luoshi-event']).toBe(body.event.type);
      expect(r.headers['content-type']).toBe('application/json');
    }
    // The district's webhook hears its street's item only; the city's, nothing of it; a ledger filter holds.
    const toD1 = rx.to('/t1/d1');
    expect(toD1.length).toBeGreaterThan(0);
    expect(toD1.every((r) => JSON.parse(r.body).item.id === streetItem && signatureOk(d1.secret, r.headers['x-luoshi-signature'], r.body))).toBe(true);
    expect(toEnv.some((r) => JSON.parse(r.body).item.id === streetItem)).toBe(false);
    expect(rx.to('/t1/env-rect')).toEqual([]);

    // Status through the listing the API serves (GET /webhooks/:id): each delivery once, delivered with 200.
    const shown = await showWebhook(deps, c.as('citysup'), env.webhook.id);
    expect(shown.deliveries.map((d) => d.id).sort()).toEqual(toEnv.map((r) => String(r.headers['x-luoshi-delivery'])).sort());
    for (const d of shown.deliveries) expect(d).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 200, lastError: null, deliveredAt: clock.now.toISOString() });
    expect((await showWebhook(deps, c.as('citysup'), envRect.webhook.id)).deliveries).toEqual([]);
    // Webhooks follow the area rule: the city's 督查室 sees the district's, the district never the city department's.
    expect((await showWebhook(deps, c.as('sup'), d1.webhook.id)).webhook.id).toBe(d1.webhook.id);
    await expect(showWebhook(deps, c.as('d1sup'), env.webhook.id)).rejects.toMatchObject({ code: 'webhook_not_found' });
    expect(await dispatchWebhooks(t.store, { ...LOOPBACK, now: () => clock.now })).toBe(0);
    expect(rx.under('/t1/')).toHaveLength(toEnv.length + toD1.length);
  });

  it.skipIf(skip)('retries a receiver that answered 500 after the backoff and records each attempt; gives up after the last wait', async () => {
    const { clock, deps, c } = await city();
    rx.answers.set('/t2/flaky', [500, 200]);
    const flaky = await createWebhook(deps, c.as('sup'), { url: rx.url('/t2/flaky'), unitId: 'dcs' });
    await draft(deps, c, '重试测试');
    const sentAt = clock.now;
    expect(await dispatchWebhooks(t.store, { ...LOOPBACK, now: () => clock.now })).toBe(1);
    expect(rx.to('/t2/flaky')).toHaveLength(1);
    let [d] = (await showWebhook(deps, c.as('sup'), flaky.webhook.id)).deliveries;
    expect(d).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatus: 500,
      lastError: 'HTTP 500',
      deliveredAt: null,
      nextAttemptAt: new Date(sentAt.getTime() + BACKOFF_MS[0]).toISOString(),
    });
    // Not before the backoff has passed.
    clock.now = new Date(sentAt.getTime() + BACKOFF_MS[0] - 1);
    expect(await dispatchWebhooks(t.store, { ...LOOPBACK, now: () => clock.now })).toBe(0);
    clock.now = new Date(sentAt.getTime() + BACKOFF_MS[0]);
    expect(await dispatchWebhooks(t.store, { ...LOOPBACK, now: () => clock.now })).toBe(1);
    const [first, second] = rx.to('/t2/flaky');
    expect(second!.headers['x-luoshi-delivery']).toBe(first!.headers['x-luoshi-delivery']);
    expect(signatureOk(flaky.secret, second!.headers['x-luoshi-signature'], second!.body)).toBe(true);
    expect(second!.headers['x-luoshi-signature']).not.toBe(first!.headers['x-luoshi-signature']);
    [d] = (await showWebhook(deps, c.as('sup'), flaky.webhook.id)).deliveries;
    expect(d).toMatchObject({ status: 'delivered', attempts: 2, lastStatus: 200, lastError: null, deliveredAt: clock.now.toISOString() });

    // With the waits given as [1 s]: one retry, then failed for good and never sent again.
    rx.answers.set('/t2/down', [503]);
    const down = await createWebhook(deps, c.as('sup'), { url: rx.url('/t2/down'), unitId: 'dcs' });
    await draft(deps, c, '放弃测试');
    const quick = { ...LOOPBACK, now: () => clock.now, backoffMs: [1_000] };
    await dispatchWebhooks(t.store, quick);
    clock.now = new Date(clock.now.getTime() + 1_000);
    await dispatchWebhooks(t.store, quick);
    clock.now = new Date(clock.now.getTime() + 86_400_000);
    expect(await dispatchWebhooks(t.store, quick)).toBe(0);
    expect(rx.to('/t2/down')).toHaveLength(2);
    expect((await showWebhook(deps, c.as('sup'), down.webhook.id)).deliveries).toMatchObject([
      { status: 'failed', attempts: 2, lastStatus: 503, lastError: 'HTTP 503', deliveredAt: null },
    ]);
  });

  it.skipIf(skip)('sends nothing more to a webhook once it is disabled; its pending deliveries show as failed', async () => {
    const { clock, deps, c } = await city();
    const hook = await createWebhook(deps, c.as('sup'), { url: rx.url('/t5/off'), unitId: 'dcs' });
    const other = await createWebhook(deps, c.as('sup'), { url: rx.url('/t5/on'), unitId: 'dcs' });
    await draft(deps, c, '停用测试');
    await disableWebhook(deps, c.as('sup'), hook.webhook.id);
    expect(await dispatchWebhooks(t.store, { ...LOOPBACK, now: () => clock.now })).toBe(1);
    expect(rx.to('/t5/off')).toEqual([]);
    expect(rx.to('/t5/on')).toHaveLength(1);
    expect((await showWebhook(deps, c.as('sup'), hook.webhook.id)).deliveries).toMatchObject([{ status: 'failed', lastError: 'webhook disabled', deliveredAt: null }]);
    expect((await showWebhook(deps, c.as('sup'), other.webhook.id)).deliveries).toMatchObject([{ status: 'delivered' }]);
    clock.now = new Date(clock.now.getTime() + 86_400_000);
    expect(await dispatchWebhooks(t.store, { ...LOOPBACK, now: () => clock.now })).toBe(0);
  });

  it.skipIf(skip)('does not let receivers that never answer hold up the others: each request has its own timeout', async () => {
    const { clock, deps, c } = await city();
    const hooks = [];
    for (const p of ['/t3/hang1', '/t3/hang2', '/t3/hang3', '/t3/hang4']) {
      rx.answers.set(p, ['hang']);
      hooks.push(await createWebhook(deps, c.as('sup'), { url: rx.url(p), unitId: 'dcs' }));
    }
    const fast = await createWebhook(deps, c.as('sup'), { url: rx.url('/t3/fast'), unitId: 'dcs' });
    await draft(deps, c, '超时测试');
    const timeoutMs = 1_500;
    const start = Date.now();
    expect(await dispatchWebhooks(t.store, { ...LOOPBACK, now: () => clock.now, timeoutMs })).toBe(5);
    const took = Date.now() - start;
    // One after another the four hanging ones would take 4 × 1.5 s before the round ends.
    expect(took).toBeLessThan(3 * timeoutMs);
    expect(rx.to('/t3/fast')[0]!.at - start).toBeLessThan(timeoutMs);
    expect((await showWebhook(deps, c.as('sup'), fast.webhook.id)).deliveries).toMatchObject([{ status: 'delivered', attempts: 1 }]);
    for (const h of hooks) {
      const [d] = (await showWebhook(deps, c.as('sup'), h.webhook.id)).deliveries;
      expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatus: null, nextAttemptAt: new Date(clock.now.getTime() + BACKOFF_MS[0]).toISOString() });
      expect(d!.lastError).toMatch(/timed out/);
    }
  });

  it.skipIf(skip)('stops on shutdown without waiting for a hanging receiver, and sends nothing afterwards', async () => {
    const { clock, deps, c } = await city();
    rx.answers.set('/t4/hang', ['hang']);
    const hang = await createWebhook(deps, c.as('sup'), { url: rx.url('/t4/hang'), unitId: 'dcs' });
    const ok = await createWebhook(deps, c.as('sup'), { url: rx.url('/t4/ok'), unitId: 'dcs' });
    const errors: unknown[] = [];
    const stop = startWebhookDispatcher(t.store, { ...LOOPBACK, now: () => clock.now, everyMs: 20, timeoutMs: 60_000, onError: (e) => errors.push(e) });
    await draft(deps, c, '停机测试');
    await until(() => rx.to('/t4/hang').length === 1 && rx.to('/t4/ok').length === 1);
    // The receiver having the request is not the dispatcher having its answer recorded: wait for the record.
    await vi.waitFor(async () => expect((await showWebhook(deps, c.as('sup'), ok.webhook.id)).deliveries).toMatchObject([{ status: 'delivered' }]), {
      timeout: 15_000,
      interval: 20,
    });
    const start = Date.now();
    await stop();
    expect(Date.now() - start).toBeLessThan(5_000);
    expect(errors).toEqual([]);
    expect((await showWebhook(deps, c.as('sup'), ok.webhook.id)).deliveries).toMatchObject([{ status: 'delivered', attempts: 1 }]);
    // Cut off by the shutdown, not by the receiver: no attempt is counted; the claim runs out and it goes again.
    expect((await showWebhook(deps, c.as('sup'), hang.webhook.id)).deliveries).toMatchObject([{ status: 'pending', attempts: 0, lastError: null }]);
    const before = rx.got.length;
    await draft(deps, c, '停机之后');
    await new Promise((r) => setTimeout(r, 300));
    expect(rx.got.length).toBe(before);
    // Stopping twice, or a dispatcher that never ran a round, resolves at once.
    await stop();
    await startWebhookDispatcher(t.store, { ...LOOPBACK, now: () => clock.now, everyMs: 60_000 })();
  });
  it.skipIf(skip)('refuses private targets unless allowed: registration writes nothing, and a webhook at localhost gets no delivery', async () => {
    const { clock, deps, c } = await city();
    const strict: AppDeps = { ...deps, allowPrivateWebhooks: false };
    const hooksBefore = await t.store.read.webhooks.list(c.tenantId);
    const headBefore = await t.store.read.events.head(c.tenantId);
    const forbidden = [
      rx.url('/t6/literal'),
      rx.url('/t6/name').replace('127.0.0.1', 'localhost'),
      rx.url('/t6/mapped').replace('127.0.0.1', '[::ffff:127.0.0.1]'),
      'http://169.254.169.254/latest/meta-data/',
      'https://10.0.0.8/hook',
    ];
    for (const url of forbidden) {
      await expect(createWebhook(strict, c.as('sup'), { url, unitId: 'dcs' })).rejects.toMatchObject({
        code: 'webhook_url_forbidden',
        message: expect.stringMatching(/webhooks may post only to public addresses.*LUOSHI_WEBHOOK_ALLOW_PRIVATE=1/),
        messageZh: expect.stringContaining('LUOSHI_WEBHOOK_ALLOW_PRIVATE=1'),
      });
    }
    for (const url of ['https://user:pw@hooks.example.org/x', 'ftp://hooks.example.org/x']) {
      await expect(createWebhook(deps, c.as('sup'), { url, unitId: 'dcs' })).rejects.toMatchObject({ code: 'webhook_url_invalid' });
    }
    expect(await t.store.read.webhooks.list(c.tenantId)).toEqual(hooksBefore);
    expect(await t.store.read.events.head(c.tenantId)).toEqual(headBefore);

    // Registered where private targets are allowed, then sent by a dispatcher that does not allow them.
    const local = await createWebhook(deps, c.as('sup'), { url: rx.url('/t6/local').replace('127.0.0.1', 'localhost'), unitId: 'dcs' });
    await draft(deps, c, '内网地址测试');
    expect(await dispatchWebhooks(t.store, { now: () => clock.now, allowPrivate: false })).toBe(1);
    expect(rx.to('/t6/local')).toEqual([]);
    const [d] = (await showWebhook(deps, c.as('sup'), local.webhook.id)).deliveries;
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatus: null, deliveredAt: null });
    expect(d!.lastError).toMatch(/^Webhook target refused: localhost is a loopback address.*LUOSHI_WEBHOOK_ALLOW_PRIVATE=1/);
    // The same delivery goes once private targets are allowed (the system resolver's address for localhost): the
    // refusal was the check, not the receiver.
    clock.now = new Date(clock.now.getTime() + BACKOFF_MS[0]);
    expect(await dispatchWebhooks(t.store, { ...LOOPBACK, now: () => clock.now })).toBe(1);
    expect(rx.to('/t6/local')).toHaveLength(1);
    expect((await showWebhook(deps, c.as('sup'), local.webhook.id)).deliveries).toMatchObject([{ status: 'delivered', attempts: 2 }]);
  });

  it.skipIf(skip)('checks every address a name resolves to, and sends to the address it checked without resolving again', async () => {
    const { clock, deps, c } = await city();
    const port = new URL(rx.url('/')).port;
    // Names under .invalid resolve nowhere but through the dispatcher's resolver; registration does not resolve.
    const strict: AppDeps = { ...deps, allowPrivateWebhooks: false };
    const named = await createWebhook(strict, c.as('sup'), { url: `http://hooks.example.invalid:${port}/t7/named`, unitId: 'dcs' });
    const mixed = await createWebhook(strict, c.as('sup'), { url: `http://mixed.example.invalid:${port}/t7/mixed`, unitId: 'dcs' });
    const asked: string[] = [];
    const resolve = (host: string): Promise<string[]> => {
      asked.push(host);
      return Promise.resolve(host === 'hooks.example.invalid' ? ['127.0.0.1'] : ['8.8.8.8', '127.0.0.1']);
    };
    await draft(deps, c, '解析测试');
    expect(await dispatchWebhooks(t.store, { now: () => clock.now, resolve })).toBe(2);
    expect(rx.under('/t7/')).toEqual([]);
    for (const h of [named, mixed]) {
      expect((await showWebhook(deps, c.as('sup'), h.webhook.id)).deliveries[0]!.lastError).toMatch(
        /^Webhook target refused: \w+\.example\.invalid \(127\.0\.0\.1\) is a loopback address/,
      );
    }
    await disableWebhook(deps, c.as('sup'), mixed.webhook.id);
    clock.now = new Date(clock.now.getTime() + BACKOFF_MS[0]);
    expect(await dispatchWebhooks(t.store, { ...LOOPBACK, now: () => clock.now, resolve })).toBe(1);
    const [got] = rx.to('/t7/named');
    expect(got!.headers.host).toBe(`hooks.example.invalid:${port}`);
    expect(asked.sort()).toEqual(['hooks.example.invalid', 'hooks.example.invalid', 'mixed.example.invalid']);
  });
  it.skipIf(skip)("posts over https under the URL's host name (SNI, certificate check) while connecting to the checked address", async () => {
    const names: string[] = [];
    const context = createSecureContext({ key: TLS_TEST_KEY, cert: TLS_TEST_CERT });
    const tls = createTlsServer({
      key: TLS_TEST_KEY,
      cert: TLS_TEST_CERT,
      SNICallback: (name, cb) => {
        names.push(name);
        cb(null, context);
      },
    });
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    try {
      const { clock, deps, c } = await city();
      const { port } = tls.address() as AddressInfo;
      const hook = await createWebhook(deps, c.as('sup'), { url: `https://hooks.example.invalid:${port}/t8/tls`, unitId: 'dcs' });
      await draft(deps, c, '加密推送测试');
      const resolve = (host: string): Promise<string[]> => Promise.resolve(host === 'hooks.example.invalid' ? ['127.0.0.1'] : []);
      expect(await dispatchWebhooks(t.store, { ...LOOPBACK, now: () => clock.now, resolve })).toBe(1);
      expect(names).toEqual(['hooks.example.invalid']);
      // The certificate is checked: one trusted by no authority is refused, and the attempt counts as failed.
      const [d] = (await showWebhook(deps, c.as('sup'), hook.webhook.id)).deliveries;
      expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatus: null });
      expect(d!.lastError).toMatch(/self[- ]signed certificate/);
      await disableWebhook(deps, c.as('sup'), hook.webhook.id);
    } finally {
      await new Promise<void>((resolve) => tls.close(() => resolve()));
    }
  });
  it.skipIf(skip)('fails, when it starts, the deliveries of a disabled webhook left claimed by a dispatcher that stopped', async () => {
    const { clock, deps, c } = await city();
    const hook = await createWebhook(deps, c.as('sup'), { url: rx.url('/t9/left'), unitId: 'dcs' });
    await draft(deps, c, '遗留投递测试');
    // A node claims the delivery and stops before sending it; meanwhile the webhook is disabled.
    const [left] = await t.store.transaction((tx) => tx.webhooks.claimDue(clock.now.toISOString(), 20, 60_000));
    expect(left!.webhookId).toBe(hook.webhook.id);
    await disableWebhook(deps, c.as('sup'), hook.webhook.id);
    expect((await showWebhook(deps, c.as('sup'), hook.webhook.id)).deliveries).toMatchObject([{ status: 'pending' }]);
    clock.now = new Date(clock.now.getTime() + 61_000);
    const stop = startWebhookDispatcher(t.store, { ...LOOPBACK, now: () => clock.now, everyMs: 10 });
    try {
      const status = async () => (await showWebhook(deps, c.as('sup'), hook.webhook.id)).deliveries[0]!.status;
      for (const end = Date.now() + 10_000; (await status()) === 'pending' && Date.now() < end;) await new Promise((r) => setTimeout(r, 20));
      expect((await showWebhook(deps, c.as('sup'), hook.webhook.id)).deliveries).toMatchObject([{ status: 'failed', attempts: 0, lastError: 'webhook disabled' }]);
      expect(rx.to('/t9/left')).toEqual([]);
    } finally {
      await stop();
    }
  });
});
