import type { FieldDef } from '../../domain/ledger-types/index.js';
import { isLocalDate } from '../../domain/time.js';
import { booleanOf, word, YES_NO, type Lang } from './labels.js';

/*
 * One extra field of a ledger type as a spreadsheet cell and back: enum values as their labels, 是/否 for
 * booleans, dates as dates, lists joined by 、. Personal fields leave masked and are never read back.
 */

/** A cell as the sheet holds it: text, a number, or a date written YYYY-MM-DD (an Excel date in a workbook). */
export type CellValue = string | number | null;

export const LIST_SEPARATOR = '、';
const SPLIT = /[、,，;；\n]+/u;

const optionLabel = (f: FieldDef, v: unknown, lang: Lang): string => {
  const o = f.options?.find((x) => x.value === v);
  return o ? (lang === 'zh' ? o.label.zh : o.label.en) : String(v);
};

/** The cell of a field value (already masked where personal). */
export function fieldCell(f: FieldDef, v: unknown, lang: Lang): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && !Array.isArray(v)) return '***';
  switch (f.kind) {
    case 'enum':
      return optionLabel(f, v, lang);
    case 'multi_enum':
      return Array.isArray(v) ? v.map((x) => optionLabel(f, x, lang)).join(LIST_SEPARATOR) : String(v);
    case 'boolean':
      return word(v === true ? YES_NO.yes : YES_NO.no, lang);
    case 'number':
    case 'integer':
      return typeof v === 'number' ? v : String(v);
    case 'date':
      return typeof v === 'string' ? v : null;
    case 'text_list':
      return Array.isArray(v) ? v.map(String).join(LIST_SEPARATOR) : String(v);
    case 'evidence':
      return Array.isArray(v) ? (lang === 'zh' ? `${v.length} 份` : `${v.length} file(s)`) : null;
    case 'table':
      return Array.isArray(v) ? (lang === 'zh' ? `${v.length} 行` : `${v.length} row(s)`) : null;
    case 'text':
      return String(v);
  }
}

/** Whether import can write the field from a cell (tables, evidence and personal fields go through the app). */
export function importable(f: FieldDef): boolean {
  return !f.personal && f.kind !== 'table' && f.kind !== 'evidence' && f.filledAt !== 'closure';
}

export type Parsed = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly en: string; readonly zh: string };

const bad = (en: string, zh: string): Parsed => ({ ok: false, en, zh });

function enumCode(f: FieldDef, text: string): string | undefined {
  const t = text.trim().toLowerCase();
  return f.options?.find((o) => o.value === t || o.label.zh.toLowerCase() === t || o.label.en.toLowerCase() === t)?.value;
}

const labels = (f: FieldDef) => (f.options ?? []).map((o) => o.label.zh).join('、');

/** The value of a field read from a cell; an empty cell is null (the field is cleared or left empty). */
export function parseFieldCell(f: FieldDef, cell: CellValue): Parsed {
  if (cell === null || (typeof cell === 'string' && cell.trim() === '')) return { ok: true, value: null };
  const text = String(cell).trim();
  switch (f.kind) {
    case 'enum': {
      const code = enumCode(f, text);
      return code ? { ok: true, value: code } : bad(`"${text}" is not one of the choices`, `「${text}」不是可选项(可选:${labels(f)})`);
    }
    case 'multi_enum': {
      const parts = text.split(SPLIT).filter(Boolean);
      const codes = parts.map((p) => enumCode(f, p));
      const i = codes.indexOf(undefined);
      return i < 0 ? { ok: true, value: [...new Set(codes)] } : bad(`"${parts[i]}" is not one of the choices`, `「${parts[i]}」不是可选项(可选:${labels(f)})`);
    }
    case 'boolean': {
      const b = booleanOf(text);
      return b === undefined ? bad(`"${text}" is neither yes nor no`, `「${text}」应填“是”或“否”`) : { ok: true, value: b };
    }
    case 'number':
    case 'integer': {
      const n = typeof cell === 'number' ? cell : Number(text.replace(/,/g, ''));
      if (!Number.isFinite(n) || (f.kind === 'integer' && !Number.isInteger(n))) {
        return bad(`"${text}" is not ${f.kind === 'integer' ? 'a whole number' : 'a number'}`, `「${text}」不是${f.kind === 'integer' ? '整数' : '数字'}`);
      }
      return { ok: true, value: n };
    }
    case 'date':
      return isLocalDate(text) ? { ok: true, value: text } : bad(`"${text}" is not a date (YYYY-MM-DD)`, `「${text}」不是日期(应为 年-月-日)`);
    case 'text_list':
      return {
        ok: true,
        value: text
          .split(SPLIT)
          .map((s) => s.trim())
          .filter(Boolean),
      };
    case 'text':
      return { ok: true, value: text };
    case 'evidence':
    case 'table':
      return bad('this column cannot be imported', '此列不能导入');
  }
}
