/*
 * The working-day calendar in Chromium: a deadline counted into a year without a holiday notice shows as 暂定 on
 * its item; the system admin types the year's notice into 管理 → 工作日历 as the State Council's text writes it,
 * sees every problem before sending, loads it, and is told which items' deadlines moved (by number); the item
 * then shows the new deadline, no longer provisional, and its record names the old and the new date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, login, loginAdminFirstTime, newPage, shot, startWebHarness, type WebHarness } from './web/harness.js';

const run = browserAvailable();

describe.skipIf(!run)('loading a holiday notice in Chromium (demo city)', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await startWebHarness();
  }, 120_000);
  afterAll(async () => h?.close());

  it('moves a provisional deadline when the admin loads the year’s notice from the admin page', async () => {
    const { context, page } = await newPage(h);
    await login(page, 'supervisor');
    const calendar = (await (await page.request.get('/api/v1/calendar')).json()) as { covered: number[] };
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    // The first year the calendar does not know yet: a deadline 25 working days from today reaches into it when
    // that is next year (as in December); otherwise, count from its first working days.
    const year = [Number(today.slice(0, 4)), Number(today.slice(0, 4)) + 1].find((y) => !calendar.covered.includes(y));
    expect(year, 'a year without a notice this year or next').toBeDefined();
    const csrf = (await context.cookies()).find((c) => c.name === 'luoshi_csrf')?.value ?? '';
    const drafts = (await (await page.request.get('/api/v1/items?state=draft&ledger=directive&limit=1')).json()) as { items: { id: string; number: string }[] };
    const item = drafts.items[0]!;
    const assigned = await context.request.post(`/api/v1/items/${encodeURIComponent(item.id)}/assign`, {
      data: { leadUnitId: 'dept-wjw', workingDays: 25 },
      headers: { 'x-csrf-token': csrf },
    });
    expect(assigned.ok(), await assigned.text()).toBe(true);
    const before = (await (await page.request.get(`/api/v1/items/${encodeURIComponent(item.id)}`)).json()) as {
      item: { currentDeadline: string; light: { deadlineProvisional?: boolean } };
    };
    expect(before.item.currentDeadline.slice(0, 4)).toBe(String(year));
    expect(before.item.light.deadlineProvisional).toBe(true);
    await page.goto(`/items/${encodeURIComponent(item.id)}`);
    expect(await page.getByTestId('deadline-provisional').innerText()).toBe(`${before.item.currentDeadline}（暂定）`);

    // A notice that gives the two working days before the deadline off moves it by two working days.
    const deadline = before.item.currentDeadline;
    const workingDayBefore = async (n: number) => ((await (await page.request.get(`/api/v1/calendar?from=${deadline}&add=${-n}`)).json()) as { deadline: string }).deadline;
    const [second, first] = [await workingDayBefore(2), await workingDayBefore(1)];
    const sys = (await newPage(h)).page;
    await loginAdminFirstTime(sys, 'sysadmin');
    await sys.goto('/admin');
    await sys.getByRole('tab', { name: '工作日历' }).click();
    await sys.getByText(`${year} 年节假日安排尚未载入`).waitFor();
    await sys.getByLabel('年份').fill(String(year));
    const holidays = sys.getByLabel('放假日期（含假期内的周末）');
    // Typed as a clerk would, with a mistake first: it is named at its field and the form cannot be sent.
    await holidays.fill('1月1日\n国庆');
    await sys.getByText('无法识别：国庆').waitFor();
    expect(await sys.getByRole('button', { name: /^载\s*入$/ }).isDisabled()).toBe(true);
    await holidays.fill(`1月1日\n${second}、${first}`);
    await sys.getByText('共 3 天').waitFor();
    await sys.getByLabel('依据文件').fill('测试通知');
    await sys.getByRole('button', { name: /^载\s*入$/ }).click();
    const result = sys.getByTestId('notice-result');
    await result.waitFor();
    const text = await result.innerText();
    expect(text).toContain(`已载入 ${year} 年节假日安排`);
    expect(text).toContain(`${item.number}：${deadline} →`);
    await sys.locator('.ant-table-row', { hasText: '测试通知' }).waitFor();
    await shot(sys, 'admin-calendar');

    const after = (await (await page.request.get(`/api/v1/items/${encodeURIComponent(item.id)}`)).json()) as {
      item: { currentDeadline: string; light: { deadlineProvisional?: boolean } };
      timeline: { type: string; data: Record<string, unknown> }[];
    };
    expect(after.item.currentDeadline > deadline).toBe(true);
    expect(after.item.light.deadlineProvisional).toBeUndefined();
    expect(after.timeline.at(-1)).toMatchObject({ type: 'DeadlineAdjusted', data: { previousDeadline: deadline, deadline: after.item.currentDeadline } });
    expect(text).toContain(`${item.number}：${deadline} → ${after.item.currentDeadline}`);
    await page.reload();
    await page.getByText(after.item.currentDeadline).first().waitFor();
    expect(await page.getByTestId('deadline-provisional').count()).toBe(0);
  }, 120_000);
});
