/*
 * Signed decisions in the browser. The demo city requires them signed (签章要求 required) and its supervisor
 * holds a registered demo key: the security admin sees the policy and revokes that key; the supervisor's signed
 * pass (审签 or 销号) is then refused in words that say what to do; the supervisor enrols a new key, which waits
 * for registration (still refused); the security admin registers it; the pass asks for the passphrase — a wrong
 * one is refused in words — and leaves 已签章 with signer and validity on the item page. On the way, the action
 * dialog warns about an ID number typed into its note.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, login, loginAdminFirstTime, newPage, shot, startWebHarness, type WebHarness } from './web/harness.js';

const run = browserAvailable();
const PASSPHRASE = '督查室签章口令-2026-示范';

interface Listed {
  readonly items: readonly { id: string; ledgerType: string; stageKey: string | null }[];
}
interface TypeShape {
  readonly key: string;
  readonly closureStages: readonly { key: string }[];
}

/** An item in closure this person may pass now, whose pass is a signed decision (审签, or the last stage). */
async function signedPassOf(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const get = async <T>(path: string): Promise<T> => (await (await fetch(`/api/v1${path}`, { credentials: 'same-origin' })).json()) as T;
    const types = await get<TypeShape[]>('/ledger-types');
    const last = new Map(types.map((t) => [t.key, t.closureStages.at(-1)?.key]));
    const list = await get<Listed>('/items?state=closing&limit=200');
    for (const it of list.items) {
      if (it.stageKey !== 'sign_off' && it.stageKey !== last.get(it.ledgerType)) continue;
      const detail = await get<{ actions: string[] }>(`/items/${encodeURIComponent(it.id)}`);
      if (detail.actions.includes('pass-stage')) return it.id;
    }
    return '';
  });
}

describe.skipIf(!run)('SM2 signing keys and signed decisions in Chromium (demo city)', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await startWebHarness();
  }, 120_000);
  afterAll(async () => h?.close());

  it('revoked, the pass is refused; enrol, register, then a signed pass shows 已签章 with signer and validity', async () => {
    const sec = (await newPage(h)).page;
    await loginAdminFirstTime(sec, 'secadmin');
    await sec.goto('/admin');
    await sec.getByRole('tab', { name: '签章密钥' }).click();
    // The demo city requires signatures: the policy's radio shows it once the setting has loaded.
    await sec
      .getByTestId('signing-policy')
      .getByRole('radio', { name: /必须签章/, checked: true })
      .waitFor();
    const seeded = sec.locator('.ant-table-row', { hasText: '市委督查室 督办员' }).first();
    await seeded.getByRole('button', { name: /吊\s*销/ }).click();
    await sec.getByRole('dialog').getByLabel('吊销原因').fill('演示：重新申领');
    await sec
      .getByRole('dialog')
      .getByRole('button', { name: /吊\s*销/ })
      .click();
    await seeded.getByText('已吊销').waitFor();

    const sup = (await newPage(h)).page;
    await login(sup, 'supervisor');
    const id = await signedPassOf(sup);
    expect(id, 'the demo city has an item waiting for a signed pass by the supervisor').not.toBe('');
    await sup.goto(`/items/${encodeURIComponent(id)}`);
    await sup.locator('[data-action="pass-stage"]').click();
    await sup.getByTestId('signing-refused').filter({ hasText: '您还没有签章密钥，因此不能办理' }).waitFor();
    await sup
      .getByRole('dialog')
      .getByRole('button', { name: /取\s*消/ })
      .click();

    await sup.getByTestId('signing-key-link').click();
    await sup.getByLabel('口令（至少 12 个字符）').fill(PASSPHRASE);
    await sup.getByLabel('再次输入口令').fill(`${PASSPHRASE}x`);
    await sup.getByRole('button', { name: '申领签章密钥' }).click();
    await sup.getByText('两次输入的口令不一致').waitFor();
    await sup.getByLabel('再次输入口令').fill(PASSPHRASE);
    await sup.getByRole('button', { name: '申领签章密钥' }).click();
    await sup.getByTestId('signing-key-state').filter({ hasText: '已申领，待登记' }).waitFor();

    // Not registered yet: the dialog of a signed pass says the decision would be refused until it is.
    await sup.goto(`/items/${encodeURIComponent(id)}`);
    await sup.locator('[data-action="pass-stage"]').click();
    await sup.getByTestId('signing-refused').filter({ hasText: '尚待安全管理员登记' }).waitFor();
    await sup
      .getByRole('dialog')
      .getByRole('button', { name: /取\s*消/ })
      .click();

    await sec.reload();
    await sec.getByRole('tab', { name: '签章密钥' }).click();
    const row = sec.locator('.ant-table-row', { hasText: '市委督查室 督办员' }).filter({ hasText: '已申领，待登记' });
    await row.getByRole('button', { name: /登\s*记/ }).click();
    await sec.getByText('已登记签章密钥', { exact: true }).waitFor();
    await sec.locator('.ant-table-row', { hasText: '市委督查室 督办员' }).getByText('已登记，可签章').waitFor();
    await shot(sec, 'signing-keys-admin');

    await sup.reload();
    await sup.locator('[data-action="pass-stage"]').click();
    const dialog = sup.getByRole('dialog');
    await dialog.getByTestId('signing-passphrase').waitFor();
    // Personal data in the note is flagged while typing.
    await dialog.getByLabel('意见').fill('联系人身份证11010519491231002X，同意');
    await dialog.getByTestId('personal-data-hint').filter({ hasText: '身份证号' }).waitFor();
    await dialog.getByLabel('意见').fill('同意');
    expect(await dialog.getByTestId('personal-data-hint').count()).toBe(0);
    await dialog.getByTestId('signing-passphrase').fill('这不是我的签章口令');
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await dialog.getByRole('alert').filter({ hasText: '口令无法打开您的签章密钥' }).waitFor();
    await dialog.getByTestId('signing-passphrase').fill(PASSPHRASE);
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await dialog.waitFor({ state: 'detached' });

    const signature = sup.getByTestId('signature').first();
    await signature.waitFor();
    const text = await signature.innerText();
    expect(text).toContain('已签章');
    expect(text).toContain('市委督查室 督办员');
    expect(text).toContain('有效（SM2 签名与记录一致）');
    expect(await sup.content()).not.toContain(PASSPHRASE);
    expect(await sup.locator('main, #main').first().innerText()).not.toMatch(/DecisionSigned|sign_off|signing_key/);
    await shot(sup, 'item-signed');
  }, 120_000);
});
