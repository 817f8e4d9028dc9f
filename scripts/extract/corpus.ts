// Reading a corpus folder (GUIDELINES §9: <id>.txt, <id>.gold.json, <id>.meta.json) for training and evaluation.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { GoldDirective } from '../../src/extract/evaluate.js';

export interface CorpusDocument {
  id: string;
  text: string;
  meetingDate: string | null;
  type: string;
  province: string;
  level: string;
  script: string;
  directives: GoldDirective[];
}

export function readCorpus(dir: string): CorpusDocument[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.gold.json'))
    .sort()
    .map((f) => {
      const id = f.slice(0, -'.gold.json'.length);
      const gold = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { meeting_date?: string | null; directives: GoldDirective[] };
      const metaPath = join(dir, `${id}.meta.json`);
      const meta = existsSync(metaPath) ? (JSON.parse(readFileSync(metaPath, 'utf8')) as Record<string, string | null>) : ({} as Record<string, string | null>);
      return {
        id,
        text: readFileSync(join(dir, `${id}.txt`), 'utf8'),
        meetingDate: meta.meeting_date ?? gold.meeting_date ?? null,
        type: meta.type ?? 'unknown',
        province: meta.province ?? 'unknown',
        level: meta.admin_level ?? 'unknown',
        script: meta.script ?? 'simplified',
        directives: gold.directives,
      };
    });
}
