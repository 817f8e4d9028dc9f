import { useTextTable } from './index.js';

/*
 * Texts of the signing policy (签章要求): the security admin's setting on the 签章密钥 tab, and what a signed
 * decision's dialog says when the person has no key that signs. They load with those views, not with the first
 * page every user opens.
 */

export const policyZh = {
  title: '签章要求',
  intro: '审签、销号和印发通报须由办理人本人以 SM2 签章密钥签章。',
  required: '必须签章：没有已登记签章密钥的人员不能审签、销号或印发通报',
  when_enrolled: '有密钥时签章：没有已登记签章密钥的人员仍可办理，记录为未签章（过渡期使用）',
  confirm: '将签章要求改为“{policy}”？此项更改记入审计日志。',
  changed: '签章要求已改为“{policy}”',
  refusedNone: '本市要求{decision}须签章，您还没有签章密钥，因此不能办理。请先在页面右上角“签章密钥”申领，由安全管理员登记后再办理。',
  refusedPending: '本市要求{decision}须签章，您的签章密钥尚待安全管理员登记，因此暂不能办理。请联系安全管理员登记后再办理。',
};

export type PolicyKey = keyof typeof policyZh;

export const policyEn: Record<PolicyKey, string> = {
  title: 'Signing policy',
  intro: 'Sign-off, closure and issuing a bulletin are signed with the SM2 signing key of the person who takes them.',
  required: 'Required: people without a registered signing key cannot sign off, close or issue a bulletin',
  when_enrolled: 'When enrolled: people without a registered signing key still can, and the decision is recorded unsigned (for a transition)',
  confirm: 'Change the signing policy to “{policy}”? The change is recorded in the audit log.',
  changed: 'Signing policy changed to “{policy}”',
  refusedNone:
    'This city requires {decision} to be signed and you have no signing key, so you cannot take it. Enrol one under “Signing key” at the top right and have the security admin register it first.',
  refusedPending:
    'This city requires {decision} to be signed and your signing key still waits for the security admin to register it, so you cannot take it yet. Ask the security admin to register it.',
};

/** The signing policy's texts in the user's language. */
export function usePolicyText(): (key: PolicyKey, values?: Readonly<Record<string, unknown>>) => string {
  return useTextTable(policyZh, policyEn);
}
