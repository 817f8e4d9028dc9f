/*
 * The 公示 pages of the demo city in Chromium at phone width, JavaScript off: the index lists the item in its
 * notice period, its page reads in one column without scrolling sideways, shows 完成情况 with the resident's ID
 * and mobile number masked, and offers the objection form. Screenshots go to test-results/web/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taggedPng, TAGGED_SECRETS } from '../../src/privacy/testing/tagged-images.js';
import { browserAvailable, login, newPage, shot, startWebHarness, type WebHarness } from './web/harness.js';

const run = browserAvailable();
if (!run) console.warn('public page e2e skipped: /usr/bin/chromium is absent (apt-get install chromium fonts-noto-cjk)');

describe.skipIf(!run)('public 公示 page in Chromium at phone width', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await startWebHarness();
  }, 180_000);
  afterAll(async () => h?.close());

  it('reads on a phone without JavaScript, with personal data masked', async () => {
    const context = await h.browser.newContext({ baseURL: h.url, viewport: { width: 375, height: 740 }, javaScriptEnabled: false, locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto('/public/default/');
    const link = page.getByRole('link', { name: /城西工业园区企业废水直排问题整改/ });
    await link.waitFor();
    await shot(page, 'public-index-phone');
    await link.click();
    await page.getByRole('heading', { name: '城西工业园区企业废水直排问题整改' }).waitFor();
    const text = await page.locator('body').innerText();
    expect(text).toContain('1101**********002X');
    expect(text).toContain('139****5678');
    expect(text).not.toMatch(/13912345678|11010519491231002X|张建华/);
    expect(await page.getByRole('button', { name: '提交' }).isVisible()).toBe(true);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth').catch(() => null);
    // With JavaScript off evaluate is unavailable in some builds; the layout is then checked by the bounding box.
    if (overflow !== null) expect(overflow).toBeLessThanOrEqual(0);
    const box = await page.locator('article').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
    await shot(page, 'public-item-phone');
    await context.close();
  }, 60_000);

  it('lets the supervisor show a picture on the public page from the item page, its metadata removed', async () => {
    const { context, page } = await newPage(h);
    await login(page, 'supervisor');
    const found = (await (await page.request.get(`/api/v1/items?q=${encodeURIComponent('城西工业园区企业废水直排')}`)).json()) as { items: { id: string; number: string }[] };
    const item = found.items[0]!;
    const csrf = (await context.cookies()).find((c) => c.name === 'luoshi_csrf')?.value ?? '';
    const uploaded = await context.request.post(`/api/v1/items/${encodeURIComponent(item.id)}/evidence`, {
      multipart: { file: { name: '整改后现场.png', mimeType: 'image/png', buffer: taggedPng().tagged } },
      headers: { 'x-csrf-token': csrf },
    });
    expect(uploaded.status(), await uploaded.text()).toBe(201);
    await page.goto(`/items/${encodeURIComponent(item.id)}`);
    const toggle = page.getByRole('switch', { name: '在公示页展示 整改后现场.png' });
    await toggle.click();
    await page.locator('.ant-list-item', { hasText: '整改后现场.png' }).getByText('已公示').waitFor();
    await shot(page, 'item-evidence-public');

    const html = await (await page.request.get(`/public/default/items/${encodeURIComponent(item.number)}`)).text();
    const src = /src="([^"]+\/evidence\/[^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
    expect(src).toBeDefined();
    const served = Buffer.from(await (await page.request.get(src!)).body());
    for (const secret of TAGGED_SECRETS) expect(served.indexOf(Buffer.from(secret, 'utf8')), secret).toBe(-1);

    await toggle.click();
    await page.locator('.ant-list-item', { hasText: '整改后现场.png' }).getByText('已公示').waitFor({ state: 'detached' });
    expect(await (await page.request.get(`/public/default/items/${encodeURIComponent(item.number)}`)).text()).not.toContain('/evidence/');
  }, 90_000);
});
