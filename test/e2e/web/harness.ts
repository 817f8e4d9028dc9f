/*
 * Support for the browser tests (no vitest imports): a fresh demo city on SQLite in a temp folder, the server
 * (API + built web app) on 127.0.0.1 with a random port, Debian's Chromium through playwright-core, and helpers
 * to log in as a person does — admins enrol and use a TOTP code like anyone with an authenticator app.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Secret, TOTP } from 'otpauth';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../../src/api/server.js';
import { loadConfig } from '../../../src/config/config.js';

export const CHROMIUM = '/usr/bin/chromium';
export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const ARTIFACTS = join(REPO, 'test-results', 'web');
export const PASSWORD = 'Luoshi-web-e2e-2026!';

/** Whether the browser suite runs: Chromium present, or required (CI), in which case its absence fails loudly. */
export function browserAvailable(): boolean {
  return existsSync(CHROMIUM) || process.env.LUOSHI_REQUIRE_BROWSER === '1';
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--lang=zh-CN',
];

export interface WebHarness {
  readonly url: string;
  readonly browser: Browser;
  readonly dataDir: string;
  close(): Promise<void>;
}

/**
 * Builds the web app if stale, creates the demo city, starts the server and Chromium. `settings` adds LUOSHI_*
 * settings of the server (e.g. LUOSHI_WEBHOOK_ALLOW_PRIVATE=1 for a test that points channels at local fakes).
 */
export async function startWebHarness(settings: Readonly<Record<string, string>> = {}): Promise<WebHarness> {
  execFileSync(process.execPath, [join(REPO, 'web', 'scripts', 'build.mjs'), '--if-stale'], { stdio: 'pipe', cwd: REPO });
  const dataDir = mkdtempSync(join(tmpdir(), 'luoshi-web-'));
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LUOSHI_')));
  execFileSync(process.execPath, [join(REPO, 'bin', 'luoshi.js'), 'demo', '--data', dataDir, '--password', PASSWORD, '--json'], {
    env,
    stdio: 'pipe',
    maxBuffer: 16 * 1024 * 1024,
  });
  const config = loadConfig({}, { LUOSHI_DATA_DIR: dataDir, LUOSHI_HOST: '127.0.0.1', LUOSHI_PORT: '0', LUOSHI_LOG_LEVEL: 'warn', ...settings });
  const server: RunningServer = await startServer(config, { dispatchWebhooks: false });
  // playwright-core gives every launch a fresh, throw-away --user-data-dir of its own.
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
  } catch (e) {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    url: server.url,
    browser,
    dataDir,
    async close() {
      await browser.close().catch(() => undefined);
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A new browser context (its own cookies) at a viewport. */
export async function newPage(h: WebHarness, width = 1280, height = 900): Promise<{ context: BrowserContext; page: Page }> {
  const context = await h.browser.newContext({ baseURL: h.url, viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** Logs in through the form; lands where the app sends this user. */
export async function login(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

const totpOf = (secret: string) => new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });

/**
 * An admin's first login: the app asks to enrol a TOTP factor (QR code and secret), the code confirms it, and
 * the login is repeated with the next code (a code is accepted once).
 */
export async function loginAdminFirstTime(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.locator('form button[type=submit]').click();
  const secret = (await page.getByTestId('totp-secret').locator('code').or(page.getByTestId('totp-secret')).first().innerText()).trim();
  const totp = totpOf(secret);
  await page.getByLabel('动态口令').fill(totp.generate());
  await page.locator('form button[type=submit]').click();
  await page.getByText('绑定成功').waitFor();
  await page.getByLabel('动态口令').fill(totp.generate({ timestamp: Date.now() + 30_000 }));
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** Saves a full-page screenshot under test-results/web/. */
export async function shot(page: Page, name: string): Promise<string> {
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
