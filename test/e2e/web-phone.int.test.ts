/*
 * A phone (390 × 844) in Chromium: the ledger's first card is on the first screen because the filters fold
 * behind one 筛选 button that counts the filters in force; the menu opens under the header over a backdrop that
 * closes it; language and logout keep their words. Screenshots of the first screen go to test-results/web/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, browserAvailable, login, newPage, startWebHarness, type WebHarness } from './web/harness.js';

const run = browserAvailable();
if (!run) console.warn('web phone e2e skipped: /usr/bin/chromium is absent (apt-get install chromium fonts-noto-cjk; CI sets LUOSHI_REQUIRE_BROWSER=1)');

const W = 390;
const H = 844;

/** A screenshot of what the phone shows, not the whole page: the first screen is the point. */
async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** The first card's top, the page not scrolled. */
async function firstCardTop(page: Page): Promise<number> {
  await page.goto('/ledgers');
  const card = page.getByTestId('item-card').first();
  await card.waitFor();
  expect(await page.evaluate<number>('window.scrollY')).toBe(0);
  return (await card.boundingBox())!.y;
}

describe.skipIf(!run)('a phone in Chromium', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await startWebHarness();
  }, 120_000);
  afterAll(async () => h?.close());

  it('folds the ledger filters behind 筛选 with their count, and opens the menu under the header over a backdrop', async () => {
    const { page } = await newPage(h, W, H);
    await login(page, 'wjw.handler');
    expect(await firstCardTop(page)).toBeLessThan(H);
    await shot(page, 'phone-ledger-folded');

    // The filters open from the one button; 办理中 narrows the list, and the button counts one filter.
    const toggle = page.getByTestId('filters-toggle');
    expect((await toggle.innerText()).replace(/\s/g, '')).toBe('筛选');
    await toggle.click();
    await page.getByRole('combobox', { name: '状态' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '办理中' }).click();
    await page.waitForURL((u) => u.searchParams.get('state') === 'in_progress');
    await page.keyboard.press('Escape');
    const label = async () => (await toggle.innerText()).replace(/\s/g, '');
    await expect.poll(label).toBe('筛选(1)');
    await toggle.click();
    // Folded again, the filter stays in sight as a tag, and its × drops it.
    const tag = page.getByTestId('filter-tag-state');
    expect(await tag.innerText()).toContain('办理中');
    await shot(page, 'phone-ledger-filtered');
    await tag.locator('.ant-tag-close-icon').click();
    await page.waitForURL((u) => !u.searchParams.has('state'));
    await expect.poll(label).toBe('筛选');

    // The menu: under the header (its button stays reachable), over a backdrop; a tap on the backdrop closes it.
    const menuButton = page.getByRole('button', { name: '导航菜单' });
    await menuButton.click();
    const backdrop = page.getByTestId('nav-backdrop');
    await backdrop.waitFor();
    const header = (await page.locator('header.ant-layout-header').boundingBox())!;
    const drawer = (await page.locator('#app-nav').boundingBox())!;
    expect(drawer.y).toBeGreaterThanOrEqual(header.y + header.height - 1);
    expect(await menuButton.getAttribute('aria-expanded')).toBe('true');
    await shot(page, 'phone-menu-open');
    await backdrop.click({ position: { x: W - 40, y: 200 } });
    await backdrop.waitFor({ state: 'detached' });
    expect(await page.locator('#app-nav').isVisible()).toBe(false);

    // Going somewhere from the menu closes it too.
    await menuButton.click();
    await page.locator('#app-nav').getByRole('menuitem', { name: '工作台' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await backdrop.waitFor({ state: 'detached' });

    // Language and logout in words, in both languages, and the header fits the width.
    const overflow = () => page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(await page.getByTestId('logout').innerText()).toBe('退出登录');
    expect(await overflow()).toBeLessThanOrEqual(1);
    await page.getByTestId('language-switch').click();
    // The English catalogue loads on the switch.
    await expect.poll(() => page.getByTestId('logout').innerText()).toBe('Log out');
    expect(await page.getByTestId('language-switch').innerText()).toBe('中文');
    expect(await overflow()).toBeLessThanOrEqual(1);
    await shot(page, 'phone-header-en');
  }, 120_000);

  it("shows a supervisor's first ledger card on the first screen too", async () => {
    const { page } = await newPage(h, W, H);
    await login(page, 'supervisor');
    expect(await firstCardTop(page)).toBeLessThan(H);
    await shot(page, 'phone-ledger-supervisor');
  }, 60_000);
});
