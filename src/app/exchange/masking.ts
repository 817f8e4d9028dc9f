import type { Item } from '../../domain/item.js';
import type { LedgerType } from '../../domain/ledger-types/index.js';
import { maskPersonalData } from '../../privacy/mask.js';
import type { ItemRow } from '../items/queries.js';
import type { RowValues } from './plan.js';

/*
 * Exports of a ledger type whose `maskExports` setting is on (the built-in 调解 and 信访 types: their free text
 * names residents) carry personal data found in free text masked — 张*, 138****5678 — in the title, the
 * requirement, the progress note and every text field. An exported sheet must still come back safely: on
 * import a cell that still holds the masked form of the item's text is the text unchanged, never an edit that
 * would write the stars over the real words.
 */

const mask = (text: string): string => maskPersonalData(text).text;

function maskValue(kind: string, v: unknown): unknown {
  if (kind === 'text' && typeof v === 'string') return mask(v);
  if (kind === 'text_list' && Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? mask(x) : x));
  return v;
}

/** The row as an export of its type shows it: free text masked when the type says so. */
export function maskedForExport(row: ItemRow, type: LedgerType | undefined): ItemRow {
  if (!type?.maskExports) return row;
  const { item } = row;
  const fields: Record<string, unknown> = { ...item.fields };
  for (const f of type.fields) if (f.name in fields) fields[f.name] = maskValue(f.kind, fields[f.name]);
  return {
    ...row,
    item: { ...item, title: mask(item.title), content: mask(item.content), progressNote: item.progressNote === null ? null : mask(item.progressNote), fields },
  };
}

/** The values of an imported row with every cell that holds the masked form of the item's own text read as that text. */
export function unmaskedByItem(item: Item | null, type: LedgerType, v: RowValues): RowValues {
  if (!item || !type.maskExports) return v;
  const keep = (cell: string | undefined, current: string): string | undefined => (cell !== undefined && cell !== current && cell === mask(current) ? current : cell);
  const fields: Record<string, unknown> = { ...v.fields };
  for (const f of type.fields) {
    if (!(f.name in fields) || (f.kind !== 'text' && f.kind !== 'text_list')) continue;
    const current = item.fields[f.name];
    if (current !== undefined && JSON.stringify(fields[f.name]) === JSON.stringify(maskValue(f.kind, current))) fields[f.name] = current;
  }
  return { ...v, title: keep(v.title, item.title), content: keep(v.content, item.content), fields };
}
