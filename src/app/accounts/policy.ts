import { DEMO_PASSWORD } from '../demo/demo-password.js';
import { AccountError } from './errors.js';
import { isWeakPassword } from './weak-passwords.js';

/** Security settings of accounts (等保 2.0 level 3 asks for each of them); defaults per the issue. */
export interface AccountPolicy {
  /** A session ends after this much inactivity. */
  readonly idleMinutes: number;
  /** A session ends this long after login, whatever the activity. */
  readonly absoluteHours: number;
  /** Failed logins of one name from one address before each further attempt waits (1 s, 2 s, 4 s …; see throttle.ts). Nothing locks. */
  readonly lockoutThreshold: number;
  /** Failures older than this are forgotten; the longest wait between attempts. */
  readonly lockoutMinutes: number;
  readonly password: PasswordPolicy;
}

export interface PasswordPolicy {
  readonly minLength: number;
  /** Of lower-case, upper-case, digits, other characters: how many kinds a password needs. */
  readonly minClasses: number;
  readonly maxLength: number;
}

export const DEFAULT_ACCOUNT_POLICY: AccountPolicy = {
  idleMinutes: 30,
  absoluteHours: 12,
  lockoutThreshold: 5,
  lockoutMinutes: 30,
  password: { minLength: 12, minClasses: 3, maxLength: 200 },
};

function classes(pw: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(pw)).length;
}

/**
 * Checks a new password against the policy (等保 2.0, NIST 800-63B): length (12 by default), character kinds, not
 * the username, not the demo password, not on the common and leaked password lists (weak-passwords.ts). That it
 * differs from the current one is checked where the current hash is at hand (admin.ts).
 * @throws AppError `password_too_weak` naming every rule it breaks.
 */
export function checkPassword(policy: PasswordPolicy, password: string, username: string): void {
  const problems: [string, string][] = [];
  if ([...password].length < policy.minLength) problems.push([`at least ${policy.minLength} characters`, `至少 ${policy.minLength} 个字符`]);
  if ([...password].length > policy.maxLength) problems.push([`at most ${policy.maxLength} characters`, `不超过 ${policy.maxLength} 个字符`]);
  if (classes(password) < policy.minClasses) {
    problems.push([`${policy.minClasses} of: lower-case, upper-case, digits, symbols`, `包含小写字母、大写字母、数字、符号中的至少 ${policy.minClasses} 类`]);
  }
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) problems.push(['must not contain the username', '不得包含用户名']);
  if (password === DEMO_PASSWORD) problems.push(['must not be the published demo password', '不得使用公开的演示密码']);
  else if (isWeakPassword(password)) {
    problems.push(['must not be a common or leaked password, or one dressed up with digits and symbols', '不得使用常见或已泄露的密码（含仅加数字、符号的变体）']);
  }
  if (problems.length > 0) {
    throw new AccountError('password_too_weak', `The password needs ${problems.map((p) => p[0]).join('; ')}.`, `密码须${problems.map((p) => p[1]).join(';')}。`, {
      rules: problems.map((p) => p[0]),
    });
  }
}
