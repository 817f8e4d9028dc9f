/*
 * The web app end to end in Chromium, as its users work: a supervisor imports the seed readout and assigns one
 * directive; the lead unit's handler accepts it, reports with evidence and asks to close; the supervisor rejects
 * once with a reason, then approves; the dashboard moves; the auditor sees the chain verified; another unit's
 * handler can neither open the item by URL nor find it. Screenshots of every main page go to test-results/web/.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SIGNING_PASSPHRASE } from '../../src/app/demo/signing-keys.js';
import { browserAvailable, loginAdminFirstTime, login, newPage, shot, startWebHarness, type WebHarness } from './web/harness.js';

const SEED = readFileSync(new URL('../fixtures/corpus/readouts/seed-urumqi-2020-09-12.txt', import.meta.url), 'utf8');
const TITLE = '严格落实八大疫情防控监测预警机制（端到端）';

const run = browserAvailable();
if (!run) console.warn('web e2e skipped: /usr/bin/chromium is absent (apt-get install chromium fonts-noto-cjk; CI sets LUOSHI_REQUIRE_BROWSER=1)');

/** A date N days from today in the city's zone. */
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

async function act(page: Page, slug: string, fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void>, done: string): Promise<void> {
  await page.locator(`[data-action="${slug}"]`).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await fill(dialog);
  await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
  const ok = page.getByText(`操作成功：${done}`).first();
  const refused = dialog.locator('.ant-alert-error, .ant-form-item-explain-error').first();
  await ok.or(refused).waitFor();
  if (!(await ok.isVisible())) throw new Error(`${slug} refused: ${await dialog.innerText()}`);
  await dialog.waitFor({ state: 'hidden' });
}

async function figures(page: Page): Promise<{ items: string; onTime: string }> {
  await page.goto('/stats');
  await page.getByTestId('fig-on-time').waitFor();
  const items = (await page.getByTestId('fig-items').getAttribute('aria-label')) ?? '';
  const onTime = await page.locator('.ant-card', { has: page.getByTestId('fig-on-time') }).innerText();
  await page.locator('canvas').nth(1).waitFor();
  return { items, onTime };
}

describe.skipIf(!run)('web app in Chromium (demo city)', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await startWebHarness();
  }, 120_000);
  afterAll(async () => h?.close());

  it('runs a readout directive through the whole loop, moves the dashboard, verifies the chain and hides the item from other units', async () => {
    const sup = (await newPage(h)).page;
    await login(sup, 'supervisor');
    await sup.getByTestId('desk-overdue').waitFor();
    await sup.getByText('已超期').first().waitFor();
    const deskShot = await shot(sup, 'desk');
    expect(deskShot).toContain('desk.png');
    const before = await figures(sup);
    await shot(sup, 'stats');
    // A unit's red count (from the server) opens that unit's red items on the ledger page, as many as it says.
    const unitRed = sup.locator('[data-testid^="light-red-"]').first();
    const n = Number(await unitRed.innerText());
    expect(n).toBeGreaterThan(0);
    await unitRed.click();
    await sup.waitForURL(/\/ledgers.*[?&]unit=[^&]+.*light=red|\/ledgers.*light=red.*unit=/);
    await sup.getByTestId('ledger-search').waitFor();
    await sup.locator('.ant-table-row').first().waitFor();
    expect(await sup.locator('.ant-table-row').count()).toBe(Math.min(n, 50));

    // 导入会议通稿 → draft → keep one directive, edit it, confirm and assign.
    await sup.goto('/readouts/new');
    await sup.getByTestId('readout-text').fill(SEED);
    await sup.getByRole('button', { name: '提取部署事项' }).click();
    await sup.waitForURL((u) => /^\/readouts\/(?!new$)[^/]+$/.test(u.pathname));
    const draftId = decodeURIComponent(new URL(sup.url()).pathname.split('/').pop() ?? '');
    const draft = (await (await sup.request.get(`/api/v1/readouts/${draftId}`)).json()) as { data: { directives: { i: number; kind: string; text: string }[] } };
    const target = draft.data.directives.find((x) => x.kind === 'task' && x.text.includes('八大疫情防控监测预警机制'));
    expect(target, 'the seed readout has the 八大监测预警机制 directive').toBeDefined();
    const card = sup.getByTestId(`directive-${target!.i}`);
    await card.waitFor();
    await shot(sup, 'readout-draft');
    await sup.getByTestId('drop-all').click();
    await sup.getByText('已保存（第 2 版）').waitFor();
    await card.locator('.ant-typography').first().click();
    await card.getByRole('checkbox').click();
    await sup.getByText('已保存（第 3 版）').waitFor();
    await sup.locator('.source-text mark:not(.dim):not(.dropped)').first().waitFor();
    await card.getByTestId('directive-title').fill(TITLE);
    await card.getByTestId('directive-title').press('Tab');
    await sup.getByText('已保存（第 4 版）').waitFor();
    let version = 4;
    // The extractor may already propose the health commission as lead; otherwise the supervisor picks it.
    if (!(await card.getByTestId('directive-lead').innerText()).includes('市卫生健康委员会')) {
      await card.getByTestId('directive-lead').click();
      await sup.keyboard.type('市卫生健康委员会');
      await sup.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '市卫生健康委员会' }).first().click();
      await sup.getByText(`已保存（第 ${++version} 版）`).waitFor();
    }
    const deadline = inDays(40);
    await card.getByPlaceholder('请选择日期').click();
    await card.getByPlaceholder('请选择日期').pressSequentially(deadline);
    await card.getByPlaceholder('请选择日期').press('Enter');
    await sup.getByText(`已保存（第 ${++version} 版）`).waitFor();
    await shot(sup, 'readout-edited');
    await sup.getByTestId('confirm-assign').click();
    const plan = sup.getByRole('dialog');
    await plan.getByText(TITLE).waitFor();
    await plan.locator('.ant-modal-footer .ant-btn-primary').click();
    const created = sup.getByTestId('created-item');
    await created.waitFor();
    expect(await created.count()).toBe(1);
    await created.click();
    await sup.waitForURL(/\/items\//);
    const itemPath = new URL(sup.url()).pathname;
    await sup.getByRole('heading', { name: TITLE }).waitFor();
    await sup.getByTestId('provenance').getByText('八大疫情防控监测预警机制').waitFor();
    expect(await sup.locator('.ant-tag', { hasText: '待签收' }).count()).toBeGreaterThan(0);

    // The lead unit's handler: accept, report with evidence, request closure.
    const wjw = (await newPage(h)).page;
    await login(wjw, 'wjw.handler');
    await wjw.goto(itemPath);
    await act(wjw, 'accept', () => Promise.resolve(), '签收');
    await act(
      wjw,
      'report',
      async (d) => {
        await d.getByLabel('进展情况').fill('已制定监测预警工作方案，八大机制逐项落实。');
        await d.getByLabel('完成进度（%）').fill('60');
        await d.locator('input[type=file]').setInputFiles({ name: '工作方案.txt', mimeType: 'text/plain', buffer: Buffer.from('八大疫情防控监测预警机制工作方案', 'utf8') });
        await d.getByRole('checkbox', { name: '工作方案.txt' }).waitFor();
        expect(await d.getByRole('checkbox', { name: '工作方案.txt' }).isChecked()).toBe(true);
      },
      '进展反馈',
    );
    const closure = async () =>
      act(
        wjw,
        'request-closure',
        async (d) => {
          await d.getByLabel('办结情况').fill('八大监测预警机制已全部建立并运行。');
          await d.getByLabel('办理结果').fill('机制建立，按周报送监测数据');
          await d.getByRole('checkbox', { name: '工作方案.txt' }).check();
        },
        '申请办结',
      );
    await closure();
    await wjw.getByText('工作方案.txt').first().waitFor();
    // The timeline names who acted and their unit, not user ids.
    await wjw.locator('.ant-timeline').getByText('市卫生健康委员会 承办人').first().waitFor();
    await shot(wjw, 'item-handler');

    // The supervisor rejects once (a reason is required), then approves the second request.
    await sup.reload();
    await sup.locator('[data-action="reject"]').click();
    const dialog = sup.getByRole('dialog');
    // The form is up (its field drawn) before an empty submit is tried: on a loaded machine the click could
    // otherwise land while the dialog is still opening.
    await dialog.getByLabel('理由').waitFor();
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await dialog.getByText('请填写理由').waitFor();
    await dialog.getByLabel('理由').fill('佐证材料不足，请补充运行记录。');
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await sup.getByText('操作成功：驳回').first().waitFor();
    await wjw.reload();
    await closure();
    await sup.reload();
    // 销号 is signed: the demo supervisor's key opens with the demo passphrase (签章要求 required).
    await act(
      sup,
      'pass-stage',
      async (d) => {
        await d.getByLabel('意见').fill('同意销号');
        await d.getByTestId('signing-passphrase').fill(DEMO_SIGNING_PASSPHRASE);
      },
      '审核通过',
    );
    await sup.locator('.ant-tag', { hasText: '已办结' }).first().waitFor();
    await sup.getByText('驳回').first().waitFor();
    await shot(sup, 'item-closed');

    // The dashboard counts the new item, closed on time.
    const after = await figures(sup);
    expect(after.items).not.toBe(before.items);
    expect(after.onTime).not.toBe(before.onTime);
    await shot(sup, 'stats-after');
    await sup.goto(`/ledgers?q=${encodeURIComponent(TITLE)}`);
    await sup.getByRole('link', { name: TITLE }).waitFor();
    await shot(sup, 'ledger');

    // Another unit's handler: not by URL, not by search.
    const yjj = (await newPage(h)).page;
    await login(yjj, 'yjj.handler');
    await yjj.goto(itemPath);
    await yjj.getByText('未找到该事项，或您无权查看。').waitFor();
    await yjj.goto(`/ledgers?q=${encodeURIComponent(TITLE)}`);
    await yjj.locator('.ant-table-placeholder').waitFor();
    expect(await yjj.getByRole('link', { name: TITLE }).count()).toBe(0);
    await shot(yjj, 'other-unit-search');

    // The auditor enrols a second factor, logs in with it and sees the chain verified.
    const auditor = (await newPage(h)).page;
    await loginAdminFirstTime(auditor, 'auditor');
    await auditor.waitForURL(/\/audit$/);
    const status = auditor.getByTestId('chain-status');
    await status.waitFor();
    expect(await status.getAttribute('data-ok')).toBe('true');
    await shot(auditor, 'audit');

    // The auditor narrows the log to the item by its number: its events newest first, actors by login name; the
    // export holds the same rows in words.
    const number = ((await (await sup.request.get(`/api/v1${itemPath}`)).json()) as { item: { number: string } }).item.number;
    await auditor.getByLabel('事项编号').fill(number);
    await auditor.getByLabel('事项编号').press('Enter');
    const rows = auditor.locator('.ant-table-tbody .ant-table-row');
    await auditor.locator('.ant-table-tbody .ant-table-row', { hasText: '驳回' }).first().waitFor();
    const texts = await rows.allInnerTexts();
    expect(texts.length).toBeGreaterThan(5);
    for (const row of texts) expect(row).toContain(number);
    expect(texts.at(-1)).toContain('立项');
    expect(texts.some((r) => r.includes('wjw.handler'))).toBe(true);
    const seqs = texts.map((r) => Number(r.trim().split(/\s+/)[0]));
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    await shot(auditor, 'audit-item');
    const [download] = await Promise.all([auditor.waitForEvent('download'), auditor.getByTestId('audit-export').click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF序号,时间,事件,操作人,单位,事项,哈希\r\n')).toBe(true);
    expect(csv.trim().split('\r\n')).toHaveLength(texts.length + 1);
    expect(csv).toContain('驳回');
    expect(csv).toContain(number);

    const admin = (await newPage(h)).page;
    await loginAdminFirstTime(admin, 'sysadmin');
    await admin.waitForURL(/\/admin$/);

    await admin.getByRole('cell', { name: 'auditor', exact: true }).waitFor();
    await shot(admin, 'admin');

    // The system admin changes a ledger type's warning rule: a blank stage name is refused with the server's
    // reasons, then the corrected settings are saved as version 1.
    await admin.getByRole('tab', { name: '台账类型设置' }).click();
    await admin.getByText('当前为内置默认配置').waitFor();
    await admin.locator('.ant-collapse-header', { hasText: '会议部署事项' }).click();
    const panel = admin.locator('.ant-collapse-item-active');
    await panel.getByLabel('截止前几个工作日亮黄灯').fill('4');
    const stageName = panel.getByLabel('中文名称').nth(1);
    await stageName.fill('');
    await admin.getByRole('button', { name: '保存配置' }).click();
    await admin.getByText('配置未通过校验，未作任何修改').waitFor();
    await admin.getByText('会议部署事项 · 办结环节 · 第 1 个环节').waitFor();
    await shot(admin, 'admin-ledger-types-refused');
    await stageName.fill('审核');
    await admin.getByRole('button', { name: '保存配置' }).click();
    await admin.getByText('配置版本 1').waitFor();
    await shot(admin, 'admin-ledger-types');
    // Another tab saves meanwhile: this page's save is refused and explained, and a reload shows the other change.
    const putByOther = `(async () => {
      const csrf = decodeURIComponent((document.cookie.split('; ').find((c) => c.startsWith('luoshi_csrf=')) || '').slice('luoshi_csrf='.length));
      const body = JSON.stringify({ overrides: { directive: { warningRules: { warnWorkingDays: 4 } } }, disabled: ['school_plan'] });
      const res = await fetch('/api/v1/ledger-types/config', { method: 'PUT', headers: { 'content-type': 'application/json', 'if-match': '"1"', 'x-csrf-token': csrf }, body });
      return res.status;
    })()`;
    expect(await admin.evaluate<number>(putByOther)).toBe(200);
    await panel.getByLabel('截止前几个工作日亮黄灯').fill('5');
    await admin.getByRole('button', { name: '保存配置' }).click();
    await admin.getByText('配置已被他人修改，本次保存未生效').waitFor();
    await shot(admin, 'admin-ledger-types-conflict');
    await admin.getByRole('button', { name: '重新加载' }).click();
    await admin.getByText('配置版本 2').waitFor();
    await admin.locator('.ant-collapse-header', { hasText: '一校一方案' }).getByText('已停用').waitFor();
    // The city creates a type of its own as a copy of 督办, drops the last rung of its escalation ladder, and saves.
    await admin.getByRole('button', { name: '新建台账类型' }).click();
    const newType = admin.getByRole('dialog');
    await newType.getByLabel('类型代码').fill('road_repair');
    await newType.getByLabel('中文名称').fill('道路维修');
    await newType.getByLabel('英文名称').fill('Road repair');
    await newType.getByLabel('编号前缀').fill('修路');
    await newType.locator('.ant-modal-footer .ant-btn-primary').click();
    await newType.waitFor({ state: 'hidden' });
    const cityType = admin.locator('.ant-collapse-item', { has: admin.locator('.ant-collapse-header', { hasText: '道路维修' }) });
    await cityType.getByText('新建，尚未保存').waitFor();
    const steps = cityType.locator('[data-testid^="escalation-step-"]');
    const rungs = await steps.count();
    expect(rungs).toBeGreaterThan(0);
    await steps.last().getByRole('button', { name: '删除' }).click();
    await admin.getByRole('button', { name: '保存配置' }).click();
    await admin.getByText('配置版本 3').waitFor();
    await cityType.locator('.ant-collapse-header').getByText('自定义类型').waitFor();
    expect(await steps.count()).toBe(rungs - 1);
    await shot(admin, 'admin-ledger-types-city-type');

    // A phone: the desk at 375 px with the menu folded away.
    const phone = (await newPage(h, 375, 812)).page;
    await login(phone, 'wjw.handler');
    await phone.getByTestId('desk-accept').waitFor();
    await shot(phone, 'desk-375');
    const overflow = await phone.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(1);
    // The ledger at phone width: cards instead of a table that only scrolls inside itself; a tap opens the item.
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`/ledgers?q=${encodeURIComponent(TITLE)}`);
    const phoneCard = phone.getByTestId('item-card').filter({ hasText: TITLE });
    await phoneCard.waitFor();
    expect(await phone.locator('.ant-table').count()).toBe(0);
    await shot(phone, 'ledger-390');
    await phoneCard.click();
    await phone.waitForURL(/\/items\//);
    await phone.getByRole('heading', { name: TITLE }).waitFor();
  }, 150_000);

  it("charts a monitoring series with its threshold and opens the alarm's verification item", async () => {
    const { context, page } = await newPage(h);
    await login(page, 'supervisor');
    const csrf = (await context.cookies()).find((c) => c.name === 'luoshi_csrf')?.value ?? '';
    const post = async (path: string, data: unknown, method: 'POST' | 'PUT' = 'POST') => {
      const res = await context.request.fetch(`/api/v1${path}`, { method, data, headers: { 'x-csrf-token': csrf } });
      expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
      return res.json() as Promise<Record<string, unknown>>;
    };
    await post('/signals/indicators', { key: 'ili', name: '流感样病例', algorithm: 'earsC', frequency: 'day' });
    await post('/signals/responsibles', { region: 'd1', unit: 'dept-wjw' }, 'PUT');
    const day = (k: number) => new Date(Date.now() + 8 * 3_600_000 - k * 86_400_000).toISOString().slice(0, 10);
    const rows = Array.from({ length: 40 }, (_, n) => ({ region: 'd1', indicator: 'ili', period: day(40 - n), count: n === 39 ? 60 : 9 + ((n * 7) % 5) }));
    await post('/signals/counts', { rows });
    const detected = (await post('/signals/detect', {})) as { totals: Record<string, number> };
    expect(detected.totals.alarm_opened).toBe(1);
    await page.goto('/signals?indicator=ili&region=d1');
    await page.locator('canvas').first().waitFor();
    await page.getByRole('cell', { name: '告警' }).waitFor();
    await shot(page, 'signals');
    await page
      .getByRole('link', { name: /预警〔\d{4}〕\d+号/ })
      .first()
      .click();
    await page.waitForURL(/\/items\//);
    await page.locator('.ant-tag', { hasText: '待签收' }).first().waitFor();
  }, 60_000);

  it('lets a supervisor record a draft in a ledger and assign it from the item page', async () => {
    const { page } = await newPage(h);
    await login(page, 'supervisor');
    await page.goto('/ledgers/directive');
    await page.getByRole('button', { name: '立项' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('事项', { exact: true }).fill('落实常态化的矛盾纠纷排查化解机制（手工立项）');
    await dialog.getByLabel('事项类别').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '会议决定' }).click();
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.waitForURL(/\/items\//);
    await page.locator('.ant-tag', { hasText: '草稿' }).first().waitFor();
    await act(
      page,
      'assign',
      async (d) => {
        await d.getByLabel('牵头单位').click();
        await page.keyboard.type('市司法局');
        await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '市司法局' }).first().click();
        await d.getByLabel('办结时限').click();
        await d.getByLabel('办结时限').fill(inDays(20));
        await d.getByLabel('办结时限').press('Enter');
      },
      '交办',
    );
    await page.locator('.ant-tag', { hasText: '待签收' }).first().waitFor();
    await page.getByText('市司法局').first().waitFor();

    // A second tab still shows the old version: its action is refused and explained, not merged.
    const stale = await page.context().newPage();
    await stale.goto(page.url());
    await stale.locator('[data-action="urge"]').waitFor();
    await act(page, 'urge', (d) => d.getByLabel('意见').fill('请尽快签收'), '催办');
    await stale.locator('[data-action="urge"]').click();
    await stale.getByRole('dialog').locator('.ant-modal-footer .ant-btn-primary').click();
    await stale.getByText(/该事项已被他人更新。页面已刷新为最新内容/).waitFor();
  }, 60_000);

  it('sends a user whose session ended back to the login page, and returns there after logging in', async () => {
    const { context, page } = await newPage(h);
    await login(page, 'leader');
    await page.goto('/ledgers?light=red');
    await page.locator('.ant-table-row').first().waitFor();
    await context.clearCookies();
    await page.getByRole('tab', { name: '整改事项' }).click();
    await page.waitForURL(/\/login\?reason=expired/);
    await page.getByText('会话已过期，请重新登录。').waitFor();
    await page.getByLabel('用户名').fill('leader');
    await page.getByLabel('密码').fill('Luoshi-web-e2e-2026!');
    await page.locator('form button[type=submit]').click();
    await page.waitForURL(/\/ledgers\/rectification/);
    await shot(page, 'login-expired-return');
  }, 60_000);
});
