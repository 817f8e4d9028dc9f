/*
 * The supervision office's week in Chromium: a readout reviewed in one table (kept, edited by keyboard and
 * pickers) and confirmed after seeing what will be created; 导入记录 reopening and discarding drafts; a closed item
 * read as 100 % and 按期办结 on the ledger, the item page and a phone card; the 考核 ranking with its stated rule.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, login, newPage, shot, startWebHarness, type WebHarness } from './web/harness.js';

const SEED = readFileSync(new URL('../fixtures/corpus/readouts/seed-urumqi-2020-09-12.txt', import.meta.url), 'utf8');
const TITLE = '健全常态化防控机制（核对表）';

const run = browserAvailable();
if (!run) console.warn('web review e2e skipped: /usr/bin/chromium is absent (apt-get install chromium fonts-noto-cjk; CI sets LUOSHI_REQUIRE_BROWSER=1)');

interface Directive {
  i: number;
  kind: string;
  keep: boolean;
  deadline: string | null;
  cadence: string | null;
  ledgerType: string;
  leadUnitId: string | null;
}
interface Draft {
  id: string;
  version: number;
  data: { directives: Directive[] };
  defaults: Record<string, { deadline: string | null }>;
}

async function importSeed(page: Page): Promise<Draft> {
  await page.goto('/readouts/new');
  await page.getByTestId('readout-text').fill(SEED);
  await page.getByRole('button', { name: '提取部署事项' }).click();
  await page.waitForURL((u) => /^\/readouts\/(?!new$)[^/]+$/.test(u.pathname));
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
  return (await (await page.request.get(`/api/v1/readouts/${encodeURIComponent(id)}`)).json()) as Draft;
}

async function apiGet<T>(context: BrowserContext, path: string): Promise<T> {
  const res = await context.request.get(`/api/v1${path}`);
  expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

describe.skipIf(!run)('supervision office in Chromium', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await startWebHarness();
  }, 120_000);
  afterAll(async () => h?.close());

  it('reviews a readout in the table by keyboard and pickers, shows the plan with the defaulted deadline, and lists what was created', async () => {
    const { page } = await newPage(h, 1440, 900);
    await login(page, 'supervisor');
    const draft = await importSeed(page);
    const tasks = draft.data.directives.filter((d) => d.kind === 'task');
    const target = tasks.find((d) => d.deadline === null && d.cadence === null);
    expect(target, 'the seed readout has a task without a deadline').toBeDefined();
    const row = page.getByTestId(`directive-${target!.i}`);
    await row.waitFor();
    // Lead units and deadlines are on screen for every row, without opening anything.
    expect(await page.locator('.review-table [data-testid="directive-lead"]').count()).toBe(draft.data.directives.length);
    await shot(page, 'readout-review');

    await page.getByTestId('drop-all').click();
    await page.getByText('已保存（第 2 版）').waitFor();
    // Keyboard: focus the row, Space keeps it, ↓ moves to the next row and the source follows.
    await row.focus();
    await page.keyboard.press(' ');
    await page.getByText('已保存（第 3 版）').waitFor();
    expect(await row.getByRole('checkbox').isChecked()).toBe(true);
    expect(await row.getAttribute('aria-selected')).toBe('true');
    const order = await page.locator('.review-table tr[data-row]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-row'))));
    const next = order[order.indexOf(target!.i) + 1];
    if (next !== undefined) {
      await page.keyboard.press('ArrowDown');
      expect(await page.getByTestId(`directive-${next}`).getAttribute('aria-selected')).toBe('true');
      await page.locator(`.source-text mark[data-directive="${next}"][aria-current="true"]`).waitFor();
      await page.keyboard.press('ArrowUp');
      expect(await row.getAttribute('aria-selected')).toBe('true');
    }
    // Enter goes to the title; Enter again saves it.
    await page.keyboard.press('Enter');
    const title = row.getByTestId('directive-title');
    expect(await page.evaluate<string | null>('document.activeElement?.getAttribute("data-testid") ?? null')).toBe('directive-title');
    await title.fill(TITLE);
    await title.press('Enter');
    await page.getByText('已保存（第 4 版）').waitFor();
    let version = 4;
    if (target!.leadUnitId !== 'dept-wjw') {
      await row.getByTestId('directive-lead').click();
      await page.keyboard.type('市卫生健康委员会');
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '市卫生健康委员会' }).first().click();
      await page.getByText(`已保存（第 ${++version} 版）`).waitFor();
    }
    // No deadline in the readout: the row says which default it will get.
    const fallback = draft.defaults[target!.ledgerType]?.deadline;
    expect(fallback).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await row.getByTestId('default-term').innerText()).toBe(`默认 30 天：${fallback}`);

    // 确认并交办 shows the plan first; nothing is created until 确认.
    await page.getByTestId('confirm-assign').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('确认并交办以下 1 个事项？').waitFor();
    const planned = dialog.locator('.ant-table-row', { hasText: TITLE });
    await planned.getByText('市卫生健康委员会').waitFor();
    await planned.getByText(fallback!).waitFor();
    await planned.getByTestId('plan-defaulted').waitFor();
    await dialog.getByText('原文未写时限').waitFor();
    await shot(page, 'readout-confirm-plan');
    await dialog.locator('.ant-modal-footer .ant-btn:not(.ant-btn-primary)').click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await apiGet<{ items: unknown[] }>(page.context(), `/items?q=${encodeURIComponent(TITLE)}`)).items).toHaveLength(0);
    await page.getByTestId('confirm-assign').click();
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();

    // The result names titles, units, deadline and state.
    await page.getByText('已生成 1 个事项，其中 1 个已交办。').waitFor();
    const created = page.locator('.ant-table-row', { has: page.getByTestId('created-item') });
    expect(await created.count()).toBe(1);
    await created.getByText(TITLE).waitFor();
    await created.getByText('市卫生健康委员会').waitFor();
    await created.getByText(fallback!).waitFor();
    await created.getByText('已交办').waitFor();
    await shot(page, 'readout-confirmed');
    await created.getByTestId('created-item').click();
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await page.locator('.ant-tag', { hasText: '待签收' }).first().waitFor();
  }, 120_000);

  it('lists drafts in 导入记录 with state and counts, reopens an open one and discards another', async () => {
    const { page } = await newPage(h, 1440, 900);
    await login(page, 'supervisor');
    const open = await importSeed(page);
    const other = await importSeed(page);
    await page.getByRole('link', { name: '导入记录' }).click();
    await page.waitForURL(/\/readouts$/);
    const rowOf = (id: string) => page.getByTestId(`draft-${id}`);
    await rowOf(open.id).waitFor();
    const kept = open.data.directives.filter((d) => d.keep).length;
    await rowOf(open.id).getByText(`共 ${open.data.directives.length} 条 · 保留 ${kept} 条 · 已生成 0 个事项`).waitFor();
    await rowOf(open.id).getByText('待确认').waitFor();
    // The draft confirmed by the test before (same city) is listed as such, with the item it created.
    await page.locator('.ant-table-row', { hasText: '已确认' }).getByText('已生成 1 个事项').first().waitFor();
    await shot(page, 'readout-history');

    await rowOf(open.id).getByTestId('draft-open').click();
    await page.waitForURL(new RegExp(`/readouts/${encodeURIComponent(open.id)}$`));
    await page.locator('.review-table').waitFor();
    expect(await page.locator('.review-table tr[data-row]').count()).toBe(open.data.directives.length);

    await page.goBack();
    await rowOf(other.id).getByTestId('draft-discard').click();
    await page.locator('.ant-popover:visible .ant-btn-primary').click();
    await rowOf(other.id).getByText('已放弃').waitFor();
    expect(await rowOf(other.id).getByTestId('draft-discard').count()).toBe(0);
    await page.goto(`/readouts/${encodeURIComponent(other.id)}`);
    await page.getByText('这份草稿已放弃，不能再修改。').waitFor();
    expect(await page.locator('.review-table').count()).toBe(0);
  }, 90_000);

  it('shows a closed item as 100 % and 按期办结 on the ledger, its page and a phone card', async () => {
    const { context, page } = await newPage(h, 1440, 900);
    await login(page, 'supervisor');
    const closed = await apiGet<{ items: { id: string; title: string; progress: number; light: { closure?: { onTime: boolean; daysLate: number | null } } }[] }>(
      context,
      '/items?state=closed&limit=200',
    );
    const onTime = closed.items.find((x) => x.light.closure?.onTime === true);
    expect(onTime, 'the demo city has an item closed on time').toBeDefined();
    expect(closed.items.every((x) => x.progress === 100)).toBe(true);

    await page.goto(`/ledgers?state=closed&q=${encodeURIComponent(onTime!.title)}`);
    const row = page.locator('.ant-table-row', { has: page.getByRole('link', { name: onTime!.title, exact: true }) }).first();
    await row.waitFor();
    await row.getByText('按期办结').waitFor();
    expect(await row.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    const late = closed.items.find((x) => x.light.closure?.onTime === false && x.light.closure.daysLate !== null);
    if (late) {
      await page.goto(`/ledgers?state=closed&q=${encodeURIComponent(late.title)}`);
      const n = late.light.closure!.daysLate!;
      await page
        .locator('.ant-table-row', { has: page.getByRole('link', { name: late.title, exact: true }) })
        .first()
        .getByText(n === 1 ? '超期办结 1 天' : `超期办结 ${n} 天`)
        .waitFor();
    }

    await page.goto(`/items/${encodeURIComponent(onTime!.id)}`);
    await page.getByRole('heading', { name: onTime!.title }).waitFor();
    await page.locator('.ant-descriptions').getByText('按期办结').waitFor();
    expect(await page.getByTestId('item-progress').innerText()).toContain('100%');
    await shot(page, 'item-closed-on-time');

    const phone = (await newPage(h, 390, 844)).page;
    await login(phone, 'supervisor');
    await phone.goto(`/ledgers?state=closed&q=${encodeURIComponent(onTime!.title)}`);
    const card = phone.getByTestId('item-card').filter({ hasText: onTime!.title }).first();
    await card.getByText('按期办结').waitFor();
    expect(await card.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
  }, 60_000);

  it('shows days overdue on the desk on one line, the zh-CN picker for the ledger deadline filter, and why a past deadline is refused', async () => {
    const { context, page } = await newPage(h, 1440, 900);
    await login(page, 'supervisor');
    const due = page.getByTestId('desk-overdue').getByTestId('desk-deadline').first();
    await due.waitFor();
    expect(await due.innerText()).toMatch(/^\d{4}-\d{2}-\d{2} 超期 \d+ 天$/);
    const box = await due.boundingBox();
    expect(box!.height).toBeLessThan(30);

    await page.goto('/ledgers');
    await page.getByPlaceholder('办结时限起').waitFor();
    expect(await page.locator('input[type="date"]').count()).toBe(0);
    await page.getByPlaceholder('办结时限起').click();
    await page
      .locator('.ant-picker-dropdown:visible')
      .getByText(/\d{4}年/)
      .first()
      .waitFor();
    await page.keyboard.press('Escape');

    const draft = (await (await context.request.get('/api/v1/items?state=draft&ledger=directive&limit=1')).json()) as { items: { id: string }[] };
    await page.goto(`/items/${encodeURIComponent(draft.items[0]!.id)}`);
    await page.locator('[data-action="assign"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('办结时限').click();
    await dialog.getByLabel('办结时限').fill('2020-01-06');
    await dialog.getByLabel('办结时限').press('Enter');
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await dialog.getByText('时限不能早于今天').waitFor();
    expect(await dialog.getByText('请填写').count()).toBe(0);
  }, 60_000);

  it('states the ranking rule on 考核, ranks only units with something due and lists the others apart', async () => {
    const { context, page } = await newPage(h, 1440, 900);
    await login(page, 'supervisor');
    await page.goto('/stats');
    const rule = page.getByTestId('ranking-rule');
    await rule.waitFor();
    expect(await rule.innerText()).toContain('按期办结率由高到低；按期办结率相同的，超期事项少者在前');
    const card = page.locator('.ant-card', { has: rule });
    const ranks = (await card.locator('.ant-table-row td:first-child').allInnerTexts()).map(Number);
    expect(ranks.length).toBeGreaterThan(0);
    expect(ranks.every((r, k) => Number.isInteger(r) && r >= 1 && (k === 0 || r >= ranks[k - 1]!))).toBe(true);
    expect(await card.innerText()).not.toContain('未交办');
    const stats = await apiGet<{ ranking: { key: string | null; rank: number | null }[] }>(context, '/stats');
    const apart = stats.ranking.filter((r) => r.rank === null && r.key !== null).length;
    if (apart > 0) expect(await card.getByTestId('nothing-due').innerText()).toContain(`（${apart} 个）`);
    expect(ranks).toHaveLength(stats.ranking.filter((r) => r.rank !== null).length);
    await shot(page, 'stats-ranking-rule');
  }, 60_000);
});
