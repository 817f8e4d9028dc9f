import { personalFieldNames } from '../domain/ledger-types/index.js';
import { detectPersonalData, type PersonalKind } from '../privacy/detect.js';
import type { AppDeps } from './context.js';
import { itemLedgerType } from './ledger-types/cache.js';

/** Personal data typed into a field that is not a personal one: where, and of what kinds. */
export interface PersonalDataWarning {
  readonly field: string;
  readonly kinds: readonly PersonalKind[];
}

const MAX_SCAN = 20_000;

/**
 * Scans what a person typed (an action's data, a draft's fields) for personal data outside the ledger type's
 * personal fields — those are sealed with the case key; anything else lands in the chain and on pages as
 * typed. Nothing is refused: the person is told, and the web suggests moving it into a personal field.
 */
export function personalDataWarnings(deps: AppDeps, tenantId: string, ledgerType: string, body: unknown): PersonalDataWarning[] {
  let personal: readonly string[] = [];
  try {
    personal = personalFieldNames(itemLedgerType(deps, tenantId, ledgerType));
  } catch {
    personal = [];
  }
  const out: PersonalDataWarning[] = [];
  const walk = (value: unknown, path: string, inFields: boolean): void => {
    if (typeof value === 'string') {
      const kinds = [...new Set(detectPersonalData(value.slice(0, MAX_SCAN)).map((s) => s.kind))];
      if (kinds.length > 0) out.push({ field: path, kinds });
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (inFields && personal.includes(k)) continue;
      if (k === 'passphrase' || k === 'evidence') continue;
      walk(v, path ? `${path}.${k}` : k, path === '' && k === 'fields');
    }
  };
  walk(body, '', false);
  return out;
}

/** The warnings as one ASCII header value: `field=kind,kind; field=kind`. */
export function warningHeader(warnings: readonly PersonalDataWarning[]): string {
  return warnings.map((w) => `${w.field.replace(/[^\x20-\x7e]/g, '?')}=${w.kinds.join(',')}`).join('; ');
}
