/*
 * Bulk actions on the ledger in Chromium: a supervisor ticks draft items and assigns them in one go, each by
 * the same use case as on its own page; an item the action does not fit is refused on its own row while the
 * others go ahead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, login, newPage, shot, startWebHarness, type WebHarness } from './web/harness.js';

const run = browserAvailable();

describe.skipIf(!run)('bulk actions in Chromium (demo city)', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await startWebHarness();
  }, 120_000);
  afterAll(async () => h?.close());

  it('assigns two drafts at once, and refuses an item already under way on its own row', async () => {
    const page = (await newPage(h, 1440, 900)).page;
    await login(page, 'supervisor');
    const drafts = (await (await page.request.get('/api/v1/items?state=draft&ledger=directive&limit=2')).json()) as { items: { id: string; number: string }[] };
    const busy = (await (await page.request.get('/api/v1/items?state=in_progress&ledger=directive&limit=1')).json()) as { items: { id: string; number: string }[] };
    expect(drafts.items.length).toBeGreaterThan(0);
    expect(busy.items).toHaveLength(1);
    const picked = [...drafts.items, busy.items[0]!];
    await page.goto('/ledgers/directive?state=draft,in_progress&size=100');
    for (const it of picked) {
      const row = page.locator('.ant-table-row', { hasText: it.number });
      await row.getByRole('checkbox').check();
    }
    await page.getByTestId('bulk-bar').getByText(`已选 ${picked.length} 项`).waitFor();
    await page.getByTestId('bulk-assign').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('牵头单位').click();
    await page.keyboard.type('市卫生健康委员会');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '市卫生健康委员会' }).first().click();
    await dialog.getByTestId('bulk-submit').click();
    const summary = dialog.getByTestId('bulk-summary');
    await summary.waitFor({ timeout: 30_000 });
    expect(await summary.innerText()).toContain(`已办理 ${drafts.items.length} 项，未办理 1 项`);
    const refused = dialog.locator('.ant-table-row', { hasText: busy.items[0]!.number });
    expect(await refused.innerText()).toContain('未办理');
    await shot(page, 'bulk-assign');
    for (const d of drafts.items) {
      const item = (await (await page.request.get(`/api/v1/items/${encodeURIComponent(d.id)}`)).json()) as { item: { status: string; leadUnitId: string } };
      expect(item.item).toMatchObject({ status: 'assigned', leadUnitId: 'dept-wjw' });
    }
    const still = (await (await page.request.get(`/api/v1/items/${encodeURIComponent(busy.items[0]!.id)}`)).json()) as { item: { status: string } };
    expect(still.item.status).toBe('in_progress');
  }, 120_000);

  it('lists the 挂牌督办 items at work on the desk, and opens the ledger filtered to them', async () => {
    const page = (await newPage(h, 1440, 900)).page;
    await login(page, 'supervisor');
    const box = page.getByTestId('desk-listed');
    await box.getByText('建筑工地塔吊未按期检测').waitFor();
    expect(await box.locator('.ant-tag', { hasText: '市级挂牌' }).count()).toBeGreaterThan(0);
    await box.getByRole('link', { name: '查看全部' }).click();
    await page.waitForURL(/listed=any/);
    await page.getByTestId('ledger-listed').waitFor();
    const rows = page.locator('.ant-table-tbody .ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('建筑工地塔吊未按期检测');
    await shot(page, 'ledger-listed');
    // Closing the filter's tag shows the whole ledger again.
    await page.getByTestId('ledger-listed').locator('.ant-tag-close-icon').click();
    await page.waitForURL((u) => !u.search.includes('listed='));
  }, 90_000);

  it('立项并交办 from 全部台账: the type chosen in the form, the lead unit and co-unit in the same step', async () => {
    const page = (await newPage(h, 1440, 900)).page;
    await login(page, 'supervisor');
    await page.goto('/ledgers');
    await page.getByTestId('new-item').click();
    const dialog = page.getByRole('dialog');
    const pick = async (label: string, option: string) => {
      await dialog.getByLabel(label, { exact: true }).click();
      await page.keyboard.type(option);
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
    };
    await pick('台账类型', '会议部署事项');
    await dialog.getByLabel('事项', { exact: true }).fill('一步立项交办的督办事项');
    await pick('事项类别', '会议决定');
    await pick('牵头单位', '市卫生健康委员会');
    await pick('配合单位', '市教育局');
    await dialog.getByRole('button', { name: '立项并交办' }).click();
    await page.waitForURL(/\/items\//);
    await page.getByRole('heading', { name: '一步立项交办的督办事项' }).waitFor();
    await page.locator('.ant-tag', { hasText: '待签收' }).first().waitFor();
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);
    const shown = (await (await page.request.get(`/api/v1/items/${encodeURIComponent(id)}`)).json()) as {
      item: { status: string; leadUnitId: string; coUnitIds: string[]; currentDeadline: string | null; version: number };
    };
    expect(shown.item).toMatchObject({ status: 'assigned', leadUnitId: 'dept-wjw', coUnitIds: ['dept-jyj'], version: 2 });
    // No deadline given: the type's default time limit.
    expect(shown.item.currentDeadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await shot(page, 'create-and-assign');
  }, 90_000);
});
