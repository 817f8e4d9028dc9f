import { AccountError } from './errors.js';

/** Security settings of accounts (等保 2.0 level 3 asks for each of them); defaults per the issue. */
export interface AccountPolicy {
  /** A session ends after this much inactivity. */
  readonly idleMinutes: number;
  /** A session ends this long after login, whatever the activity. */
  readonly absoluteHours: number;
  /** Failed logins of one name that lock it. */
  readonly lockoutThreshold: number;
  /** How long a lockout lasts; failures older than this are forgotten. */
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
  password: { minLength: 10, minClasses: 3, maxLength: 200 },
};

function classes(pw: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(pw)).length;
}

/**
 * Checks a new password against the policy: length, character kinds, and not containing the username.
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
  if (problems.length > 0) {
    throw new AccountError(
      'password_too_weak',
      `The password needs ${problems.map((p) => p[0]).join('; ')}.`,
      `密码须${problems.map((p) => p[1]).join(';')}。`,
      { rules: problems.map((p) => p[0]) },
    );
  }
}
