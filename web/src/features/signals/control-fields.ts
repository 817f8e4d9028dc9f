/*
 * The control parameters an indicator form offers per algorithm (R surveillance's names), and the round trip
 * between a stored control object and the form: the named fields, plus any other parameter as JSON. The server
 * checks the control with the algorithm's own schema; this only shapes the input.
 */

export const ALGORITHMS = ['earsC', 'farringtonFlexible', 'farrington', 'cusum', 'glrnb', 'cidars'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

/** Algorithms that accumulate over a window of periods: the form asks for it. */
export const SEQUENTIAL: ReadonlySet<string> = new Set(['cusum', 'glrnb']);

export interface ControlField {
  /** The control's key, as R names it. */
  readonly name: string;
  readonly kind: 'number' | 'choice';
  /** R's default, shown beside the field. */
  readonly default: string | number;
  readonly choices?: readonly string[];
}

const num = (name: string, dflt: number): ControlField => ({ name, kind: 'number', default: dflt });
const choice = (name: string, dflt: string, choices: readonly string[]): ControlField => ({ name, kind: 'choice', default: dflt, choices });

export const CONTROL_FIELDS: Readonly<Record<Algorithm, readonly ControlField[]>> = {
  earsC: [choice('method', 'C1', ['C1', 'C2', 'C3']), num('alpha', 0.001), num('baseline', 7)],
  farringtonFlexible: [num('b', 5), num('w', 3), num('alpha', 0.05), num('noPeriods', 1)],
  farrington: [num('b', 5), num('w', 3), num('alpha', 0.05)],
  cusum: [num('k', 1.04), num('h', 2.26), choice('trans', 'standard', ['standard', 'rossi', 'none'])],
  glrnb: [num('c.ARL', 5), choice('dir', 'inc', ['inc', 'dec']), choice('ret', 'value', ['value', 'cases'])],
  cidars: [num('years', 3), num('blocksEachSide', 1), num('percentile', 50), num('blockLength', 7)],
};

export const fieldsOf = (algorithm: string): readonly ControlField[] => CONTROL_FIELDS[algorithm as Algorithm] ?? [];

/** A control as the form holds it: named fields as typed text, the rest as JSON text. */
export interface ControlForm {
  readonly values: Readonly<Record<string, string>>;
  readonly extra: string;
}

/** Splits a stored control into the algorithm's named fields and the rest. */
export function controlToForm(algorithm: string, control: unknown): ControlForm {
  const obj = control && typeof control === 'object' && !Array.isArray(control) ? (control as Record<string, unknown>) : {};
  const named = new Set(fieldsOf(algorithm).map((f) => f.name));
  const values: Record<string, string> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (named.has(k) && (typeof v === 'number' || typeof v === 'string')) values[k] = String(v);
    else rest[k] = v;
  }
  return { values, extra: Object.keys(rest).length > 0 ? JSON.stringify(rest) : '' };
}

export type ControlProblem = { readonly kind: 'number'; readonly field: string } | { readonly kind: 'extra' };

/**
 * The control object of a form: the filled named fields (numbers as numbers; empty ones left to R's
 * defaults) over the JSON of other parameters.
 */
export function formToControl(algorithm: string, form: ControlForm): { ok: true; control: Record<string, unknown> } | { ok: false; problem: ControlProblem } {
  let control: Record<string, unknown> = {};
  if (form.extra.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(form.extra);
    } catch {
      return { ok: false, problem: { kind: 'extra' } };
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, problem: { kind: 'extra' } };
    control = { ...(parsed as Record<string, unknown>) };
  }
  for (const f of fieldsOf(algorithm)) {
    const text = (form.values[f.name] ?? '').trim();
    if (text === '') continue;
    if (f.kind === 'choice') {
      control[f.name] = text;
      continue;
    }
    const n = Number(text);
    if (!Number.isFinite(n)) return { ok: false, problem: { kind: 'number', field: f.name } };
    control[f.name] = n;
  }
  return { ok: true, control };
}

/** Key of an indicator as the server accepts it. */
export const INDICATOR_KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** A short reading of a control for a table cell: `method=C2, alpha=0.001`. */
export const controlSummary = (control: unknown): string =>
  control && typeof control === 'object' && !Array.isArray(control)
    ? Object.entries(control as Record<string, unknown>)
        .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
        .join(', ')
    : '';
