// Checks of a corpus folder (GUIDELINES §9): every gold text is the unit found at its start, labels come from the
// fixed lists and the catalogue, parents point back to level-1 directives, deadline phrases are in their texts —
// and no document is one of the readouts kept back for independent scoring (heldout-exclude.json).
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TOPICS } from '../../src/extract/types.js';

export interface GoldFile {
  id: string;
  meeting_date: string | null;
  directives: {
    i: number;
    text: string;
    start: number;
    kind: string;
    level: number;
    parent: number | null;
    topic: string;
    lead: string[];
    explicit: boolean;
    deadline: { phrase: string; date: string | null } | null;
    deadline_alt?: { phrase: string; date: string | null }[];
  }[];
}

export interface Exclusions {
  url_sha256: string[];
  head60_sha256: string[];
}

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

/** heldout-exclude.json: lower-case, no scheme, no leading www., no query or fragment, no trailing slash. */
export function normaliseUrl(url: string): string {
  let u = url
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  u = u
    .replace(/^www\./, '')
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '');
  return u;
}

/** The first 60 characters of the text with all whitespace removed. */
export function head60(text: string): string {
  return [...text.replace(/\s+/g, '')].slice(0, 60).join('');
}

/** Why a candidate must be left out (a held-out readout), or null. */
export function heldOutReason(url: string, text: string, ex: Exclusions): string | null {
  if (ex.url_sha256.includes(sha256(normaliseUrl(url)))) return 'source URL is held out';
  if (ex.head60_sha256.includes(sha256(head60(text)))) return 'first 60 characters are held out';
  return null;
}

/** Every problem of the gold files of `dir` against `catalogue` (department names); empty when all is well. */
export function checkGoldFolder(dir: string, catalogue: Set<string>): { docs: number; directives: number; errors: string[] } {
  const topics = new Set<string>(TOPICS);
  const errors: string[] = [];
  let docs = 0;
  let n = 0;
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.gold.json'))
    .sort()) {
    const id = f.slice(0, -'.gold.json'.length);
    const gold = JSON.parse(readFileSync(join(dir, f), 'utf8')) as GoldFile;
    const txt = readFileSync(join(dir, `${id}.txt`), 'utf8');
    docs += 1;
    gold.directives.forEach((d, k) => {
      n += 1;
      const at = `${id}#${k}`;
      const pos = txt.indexOf(d.text);
      if (pos < 0) errors.push(`${at}: text not found`);
      else if (pos !== d.start) errors.push(`${at}: indexOf=${pos}, start=${d.start}`);
      if (d.i !== k) errors.push(`${at}: i out of sequence`);
      if (d.kind !== 'task' && d.kind !== 'exhortation') errors.push(`${at}: bad kind`);
      if (!topics.has(d.topic)) errors.push(`${at}: bad topic ${d.topic}`);
      for (const l of d.lead) if (!catalogue.has(l)) errors.push(`${at}: lead not in catalogue: ${l}`);
      const parent = d.parent === null ? undefined : gold.directives[d.parent];
      if (d.level === 2 && !(d.parent !== null && d.parent >= 0 && d.parent < k && parent?.level === 1)) errors.push(`${at}: bad parent`);
      if (d.level === 1 && d.parent !== null) errors.push(`${at}: level 1 with parent`);
      if (d.level !== 1 && d.level !== 2) errors.push(`${at}: bad level`);
      for (const dl of [d.deadline, ...(d.deadline_alt ?? [])]) if (dl && !d.text.includes(dl.phrase)) errors.push(`${at}: deadline phrase not in text`);
    });
  }
  return { docs, directives: n, errors };
}

export function readCatalogueNames(path: string): Set<string> {
  return new Set((JSON.parse(readFileSync(path, 'utf8')) as { departments: { name: string }[] }).departments.map((d) => d.name));
}
