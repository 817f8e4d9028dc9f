/** The user's language as last chosen in this browser (Chinese unless English was picked); no React, for boot.ts. */
export type Lang = 'zh' | 'en';

export const LANG_STORAGE_KEY = 'luoshi.lang';

export function storedLang(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem(LANG_STORAGE_KEY);
    if (saved === 'en' || saved === 'zh') return saved;
  } catch {
    /* storage may be blocked: Chinese it is */
  }
  return 'zh';
}
