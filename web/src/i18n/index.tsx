import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { LANG_STORAGE_KEY as STORAGE_KEY, storedLang, type Lang } from './lang.js';
import { zh, type MessageKey, type Messages } from './zh.js';

export type { Lang, MessageKey };

/** Fills `{name}` placeholders; a missing value leaves the placeholder visible rather than hiding the gap. */
export function format(template: string, values?: Readonly<Record<string, unknown>>): string {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (values[name] === undefined || values[name] === null ? whole : String(values[name])));
}

/** Translates a key with a table (Chinese while the English table is still loading, or for a missing key). */
export function translate(table: Messages | null, key: MessageKey, values?: Readonly<Record<string, unknown>>): string {
  return format(table?.[key] ?? zh[key], values);
}

/** English is loaded on demand, so Chinese users never download it. */
const loadEnglish = (): Promise<Messages> => import('./en.js').then((m) => m.en);

export type T = (key: MessageKey, values?: Readonly<Record<string, unknown>>) => string;

interface I18n {
  readonly lang: Lang;
  readonly t: T;
  /** A key built at run time (status, light, action …): unknown ones fall back to the raw value. */
  readonly tx: (prefix: string, value: string, values?: Readonly<Record<string, unknown>>) => string;
  setLang(lang: Lang): void;
}

const Ctx = createContext<I18n | null>(null);

export const initialLang = storedLang;

export function I18nProvider({ children, lang: fixed }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(fixed ?? initialLang);
  const [english, setEnglish] = useState<Messages | null>(null);
  useEffect(() => {
    if (lang === 'en' && !english) void loadEnglish().then(setEnglish);
  }, [lang, english]);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* not persisted; the choice holds for this tab */
    }
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
  }, []);
  const value = useMemo<I18n>(() => {
    const table = lang === 'en' ? english : zh;
    const t: T = (key, values) => translate(table, key, values);
    const tx = (prefix: string, v: string, values?: Readonly<Record<string, unknown>>) => {
      const key = `${prefix}.${v}` as MessageKey;
      return key in zh ? t(key, values) : v;
    };
    return { lang, t, tx, setLang };
  }, [lang, english, setLang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** The current language and its translator. */
export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

/**
 * The texts of a page or tab kept apart from the main tables (they load with it), in the user's language: the
 * hook each such table exports is this one over its own Chinese and English.
 */
export function useTextTable<K extends string>(
  zhTable: Readonly<Record<K, string>>,
  enTable: Readonly<Record<K, string>>,
): (key: K, values?: Readonly<Record<string, unknown>>) => string {
  const { lang } = useI18n();
  const table = lang === 'en' ? enTable : zhTable;
  return (key, values) => format(table[key], values);
}
