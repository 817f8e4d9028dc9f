/*
 * No codes on screen: every page of the web app, as each kind of user sees it, in Chinese and in English, at a
 * desktop (1440 px) and a phone (390 px) width. The visible text may hold no internal code — a snake_case token
 * (overdue_rate, school_plan), an event type (ItemAssigned), a ledger type key or state code in the Chinese UI, a
 * raw MIME type, an API path — and no `undefined`, `NaN` or `[object Object]`. Screenshots of each page in each
 * language and width go to test-results/web/ as artifacts.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ARTIFACTS, browserAvailable, login, loginAdminFirstTime, newPage, startWebHarness, type WebHarness } from './web/harness.js';

const run = browserAvailable();
if (!run) console.warn('web no-codes walk skipped: /usr/bin/chromium is absent (apt-get install chromium fonts-noto-cjk; CI sets LUOSHI_REQUIRE_BROWSER=1)');

/** Faults in visible text, with a name for the report; the English UI may use ordinary words like "draft". */
const ALWAYS: readonly [string, RegExp][] = [
  ['snake_case token', /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/],
  ['event or type name', /\b(?:Item|Closure|Stage|Extension|Deadline|Document|Instruction|Evidence|Return|Personal)[A-Z][a-z]+[A-Za-z]*\b/],
  ['MIME type', /\b(?:application|text|image|audio|video)\/[a-z0-9.+-]+/],
  ['API path', /\/api\/v\d|\b(?:GET|POST|PUT|PATCH|DELETE) \//],
  ['undefined or NaN', /\bundefined\b|\bNaN\b|\[object Object\]/],
];
const CHINESE_ONLY: readonly [string, RegExp][] = [
  ['ledger type or state code', /\b(?:directive|rectification|hazard|dispute|appeal|signal|draft|assigned|closing|closed|cancelled|leadUnit|ledgerType)\b/],
];

/** The faults in a page's visible text (its body's innerText, dialogs and dropdowns included). */
function faults(text: string, lang: 'zh' | 'en'): string[] {
  const rules = lang === 'zh' ? [...ALWAYS, ...CHINESE_ONLY] : ALWAYS;
  const out: string[] = [];
  for (const [name, re] of rules) {
    const g = new RegExp(re.source, 'g');
    for (const m of text.matchAll(g)) {
      const at = m.index ?? 0;
      out.push(`${name}: “${m[0]}” in “${text.slice(Math.max(0, at - 30), at + m[0].length + 30).replace(/\s+/g, ' ')}”`);
    }
  }
  return out;
}

/** Waits for the page to settle: no spinner, no skeleton, the network quiet. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page
    .locator('.ant-spin-spinning, .ant-skeleton-active')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForTimeout(150);
}

async function setLang(page: Page, lang: 'zh' | 'en'): Promise<void> {
  await page.evaluate(`localStorage.setItem('luoshi.lang', ${JSON.stringify(lang)})`);
}

interface Walk {
  readonly found: string[];
  visit(page: Page, path: string, name: string, after?: (page: Page) => Promise<void>): Promise<void>;
}

function walker(lang: 'zh' | 'en', width: number): Walk {
  const found: string[] = [];
  return {
    found,
    async visit(page, path, name, after) {
      await page.goto(path);
      await settle(page);
      if (after) {
        await after(page);
        await settle(page);
      }
      const text = await page.evaluate<string>('document.body.innerText');
      expect(text.trim().length, `${path} shows something`).toBeGreaterThan(0);
      for (const f of faults(text, lang)) found.push(`${lang} ${width}px ${path}: ${f}`);
      // The screen as the user sees it, as an artifact; a slow capture on a loaded machine is no fault of the page.
      await page.screenshot({ path: join(ARTIFACTS, `no-codes-${lang}-${width}-${name}.png`), timeout: 30_000 }).catch(() => undefined);
    },
  };
}

async function firstIds(context: BrowserContext): Promise<{ open: string; closed: string; unit: string; draft: string }> {
  const get = async <T>(p: string) => (await (await context.request.get(`/api/v1${p}`)).json()) as T;
  // An open item with evidence, so its files' kinds are on the page.
  const running = (await get<{ items: { id: string; evidence: string[] }[] }>('/items?state=in_progress,closing&limit=200')).items;
  const open = (running.find((x) => x.evidence.length > 0) ?? running[0]!).id;
  const closed = (await get<{ items: { id: string }[] }>('/items?state=closed&limit=1')).items[0]!.id;
  const stats = await get<{ ranking: { key: string | null }[] }>('/stats');
  const unit = stats.ranking.find((r) => r.key !== null)!.key!;
  const csrf = (await context.cookies()).find((c) => c.name === 'luoshi_csrf')?.value ?? '';
  const text = '会议指出，要抓好安全生产。市应急管理局要在2027年3月底前完成全市危险化学品企业排查整治。各区要落实属地责任。';
  const draft = (await (await context.request.post('/api/v1/readouts', { data: { text, fileName: '安全生产.txt' }, headers: { 'x-csrf-token': csrf } })).json()) as { id: string };
  return { open, closed, unit, draft: draft.id };
}

const LANGS = ['zh', 'en'] as const;
const WIDTHS = [1440, 390] as const;
const height = (width: number) => (width > 800 ? 900 : 844);

/** Walks `pages` as the logged-in user of `page` in both languages at both widths; returns the faults found. */
async function walkAll(page: Page, pages: readonly (readonly [string, string, ((p: Page) => Promise<void>)?])[]): Promise<string[]> {
  const found: string[] = [];
  for (const lang of LANGS) {
    await setLang(page, lang);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: height(width) });
      const walk = walker(lang, width);
      for (const [path, name, after] of pages) await walk.visit(page, path, name, after);
      found.push(...walk.found);
    }
  }
  return found;
}

describe.skipIf(!run)('no codes on screen (Chromium walk)', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await startWebHarness();
  }, 120_000);
  afterAll(async () => h?.close());

  it('shows no code, API path or undefined on any page, in Chinese and English, at 1440 and 390 px', async () => {
    const found: string[] = [];
    const { context, page } = await newPage(h, 1440, 900);
    await page.goto('/login');
    found.push(...(await walkAll(page, [['/login', 'login']])));
    await setLang(page, 'zh');
    await login(page, 'supervisor');
    const ids = await firstIds(context);
    const drill = `/stats/items?metric=on_time_rate&part=denominator&group=${encodeURIComponent(ids.unit)}`;
    found.push(
      ...(await walkAll(page, [
        ['/', 'desk'],
        ['/ledgers', 'ledgers'],
        ['/ledgers/directive', 'ledger-directive'],
        ['/ledgers/school_plan', 'ledger-school-plan'],
        [`/items/${encodeURIComponent(ids.open)}`, 'item-open'],
        [`/items/${encodeURIComponent(ids.closed)}`, 'item-closed'],
        ['/readouts/new', 'readout-import'],
        ['/readouts', 'readout-history'],
        [`/readouts/${encodeURIComponent(ids.draft)}`, 'readout-draft'],
        ['/stats', 'stats'],
        ['/stats?groupBy=ledgerType', 'stats-by-type'],
        [drill, 'stats-drill'],
        ['/stats/bulletin', 'bulletin'],
        ['/signals', 'signals'],
        ['/nowhere', 'not-found'],
      ])),
    );
    const handler = (await newPage(h, 1440, 900)).page;
    await login(handler, 'wjw.handler');
    found.push(
      ...(await walkAll(handler, [
        ['/', 'desk-handler'],
        ['/ledgers', 'ledgers-handler'],
      ])),
    );
    // The admin roles, each enrolling its second factor once: users, units and ledger types; roles; the audit log.
    for (const [username, pages] of [
      ['sysadmin', ['/admin']],
      ['secadmin', ['/admin']],
      ['auditor', ['/audit']],
    ] as const) {
      const admin = (await newPage(h, 1440, 900)).page;
      await loginAdminFirstTime(admin, username);
      await admin.goto(pages[0]);
      await settle(admin);
      const tabs = Math.max(1, await admin.locator('.ant-tabs-tab').count());
      const steps = Array.from(
        { length: tabs },
        (_, k) =>
          [
            pages[0],
            `${username}-tab${k}`,
            async (p: Page) => {
              if (tabs > 1) await p.locator('.ant-tabs-tab').nth(k).click();
            },
          ] as const,
      );
      found.push(...(await walkAll(admin, steps)));
    }
    expect(found, found.join('\n')).toEqual([]);
  }, 900_000);
});
