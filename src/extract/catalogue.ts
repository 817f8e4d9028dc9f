import defaultData from './data/departments.json' with { type: 'json' };
import { Lexicon } from './lexicon.js';
import { addDomainWords, segment } from './segment.js';
import type { Department, DepartmentCatalogue } from './types.js';

/** The catalogue shipped with Luoshi (52 departments of a prefecture-level city; see data/departments.json). */
export const DEFAULT_CATALOGUE: DepartmentCatalogue = { departments: defaultData.departments };

/** Everything the extractor derives from one catalogue, built once per catalogue object. */
export interface DepartmentIndex {
  /** Full surface forms (without the level prefix 市/区/县 …) → canonical name. */
  forms: Lexicon<string>;
  /** Bare stems (住建, 城管 …) usable only in a list ending in 部门/单位 (住建、城管等部门). */
  stems: Lexicon<string>;
  /** Remit terms → weight per canonical name. */
  remit: Lexicon<Map<string, number>>;
  names: Set<string>;
}

const cache = new WeakMap<DepartmentCatalogue, DepartmentIndex>();
const LEVEL = /^[市区县州盟旗乡镇]/;
const REMARK = /地方|挂牌|主管|监管|历史|并入|合设|共同|预防|部分|年/;
const SUFFIX = /(委员会|局|委|办|部|部门|支队|大队|厅)$/;
const REMIT_STOP = new Set(['管理', '工作', '服务', '建设', '发展', '工作的', '统筹', '协调', '相关', '保障', '事务', '日常']);

/** Surface forms of one catalogue string: "安全生产委员会办公室(安委办、安办)" gives three; remarks in brackets are dropped. */
export function surfaceForms(raw: string): string[] {
  const out: string[] = [];
  const m = /^([^(（]+)[(（]([^)）]*)[)）]$/.exec(raw.trim());
  const head = (m ? (m[1] as string) : raw).trim();
  for (const part of head.split('/')) {
    const first = head.split('/')[0] as string;
    // "交警支队/大队": the second part replaces the tail of the first.
    out.push(part === first ? part : first.slice(0, Math.max(0, first.length - part.length)) + part);
  }
  if (m && !REMARK.test(m[2] as string)) {
    for (const alt of (m[2] as string).split(/[、,，]/)) if (alt.trim().length >= 2) out.push(alt.trim());
  }
  // An office is also named without 办公室: 疫情防控指挥部办公室 → 疫情防控指挥部, 安全生产委员会办公室 → 安全生产委员会.
  for (const f of [...out]) if (f.endsWith('办公室') && f.length > 5) out.push(f.slice(0, -3));
  return out.filter((f) => f.length >= 2 && !f.includes('X'));
}

/** Build (or fetch from cache) the index of a catalogue. */
export function departmentIndex(catalogue: DepartmentCatalogue): DepartmentIndex {
  const hit = cache.get(catalogue);
  if (hit) return hit;
  const forms: [string, string][] = [];
  const stemOwners = new Map<string, Set<string>>();
  for (const d of catalogue.departments) {
    for (const raw of [d.name, ...d.aliases, ...d.covers]) {
      for (const f of surfaceForms(raw)) {
        // 市卫健委 → 卫健委 (level-agnostic); party bodies (市委组织部) and 市场… keep their first character.
        const core = LEVEL.test(f) && f.length > 3 && !/^.委|^市场/.test(f) ? f.slice(1) : f;
        forms.push([f, d.name], [core, d.name]);
        const stem = core.replace(SUFFIX, '');
        if (stem !== core && stem.length >= 2) {
          const owners = stemOwners.get(stem) ?? new Set<string>();
          owners.add(d.name);
          stemOwners.set(stem, owners);
        }
      }
    }
  }
  const stems = [...stemOwners].filter(([, o]) => o.size === 1).map(([s, o]) => [s, [...o][0] as string] as const);
  addDomainWords(forms.map(([f]) => f));
  const index: DepartmentIndex = {
    forms: new Lexicon(forms),
    stems: new Lexicon(stems),
    remit: remitLexicon(catalogue.departments),
    names: new Set(catalogue.departments.map((d) => d.name)),
  };
  cache.set(catalogue, index);
  return index;
}

/** Remit terms: the curated keywords (weight 1) and the words of the remit text (weight ½ ÷ how many bodies share it). */
function remitLexicon(departments: Department[]): Lexicon<Map<string, number>> {
  const weights = new Map<string, Map<string, number>>();
  const add = (term: string, name: string, w: number): void => {
    const m = weights.get(term) ?? new Map<string, number>();
    m.set(name, Math.max(m.get(name) ?? 0, w));
    weights.set(term, m);
  };
  const remitWords = new Map<string, Set<string>>();
  for (const d of departments) {
    for (const t of segment(d.remit)) {
      if (t.w.length < 2 || REMIT_STOP.has(t.w) || !/^[\u4e00-\u9fff]+$/.test(t.w)) continue;
      const s = remitWords.get(t.w) ?? new Set<string>();
      s.add(d.name);
      remitWords.set(t.w, s);
    }
  }
  for (const [w, owners] of remitWords) for (const name of owners) add(w, name, 0.5 / owners.size);
  for (const d of departments) for (const k of d.keywords ?? []) add(k, d.name, 1);
  addDomainWords(weights.keys());
  return new Lexicon(weights);
}
