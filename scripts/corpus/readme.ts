// npx tsx scripts/corpus/readme.ts — rewrites test/fixtures/corpus/README.md from the sidecars (<id>.meta.json) and
// gold files, so that the table of sources, places and counts never drifts from the files themselves.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { GoldFile } from './gold.js';

interface Meta {
  id: string;
  source: string;
  city: string;
  province: string;
  admin_level: string;
  meeting_date: string | null;
  meeting_type: string;
  type: string;
  script: string;
  truncated: boolean;
}

const base = fileURLToPath(new URL('../../test/fixtures/corpus/', import.meta.url));
const dir = `${base}readouts/`;
const metas = readdirSync(dir)
  .filter((f) => f.endsWith('.meta.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(dir + f, 'utf8')) as Meta);
const rows: string[] = [];
let dirs = 0;
let tasks = 0;
for (const m of metas) {
  const g = JSON.parse(readFileSync(`${dir}${m.id}.gold.json`, 'utf8')) as GoldFile;
  const d = g.directives;
  dirs += d.length;
  tasks += d.filter((x) => x.kind === 'task').length;
  const count = (p: (x: GoldFile['directives'][number]) => boolean): number => d.filter(p).length;
  rows.push(
    `| ${m.id} | ${m.city} (${m.province}) | ${m.admin_level} | ${m.meeting_date ?? 'n/a'} | ${m.meeting_type} (${m.type}) | ${m.script}${m.truncated ? ', truncated' : ''} | ${d.length} | ${count((x) => x.kind === 'task')} | ${count((x) => x.explicit)} | ${count((x) => x.deadline !== null)} | <${m.source}> |`,
  );
}
const distinct = (k: keyof Meta): number => new Set(metas.map((m) => m[k])).size;
const text = `# Readout corpus (development)

Real government meeting readouts as published, with gold directives annotated by \`GUIDELINES.md\` (version 1:
sentence units, directive test, task vs exhortation, level/parent, topic, lead, deadline). The tests of
\`src/extract\` and \`npm run eval:extract\` read this folder; \`npx tsx scripts/check-gold.ts\` re-checks it.
The first twelve documents (and \`GUIDELINES.md\`, \`departments.json\`) are the project's original development
set; the others were added by the same guidelines.

* \`readouts/<id>.txt\` — the readout body as published (site navigation, share buttons, bylines, image captions
  and footers removed; runs of blank lines and indentation normalised; nothing else changed). Texts are excerpts
  of the start of a page where the page was longer: the excerpt ends at the last complete sentence unit and the
  sidecar says \`truncated: true\`. Traditional-script mirrors are kept in their script with their noise.
* \`readouts/<id>.meta.json\` — source URL, place, level, meeting type, how the meeting date was established,
  script, truncation, edits.
* \`readouts/<id>.gold.json\` — gold directives.
* \`departments.json\` — the lead-department catalogue the gold's \`lead\` names come from.
* \`decisions/batch*.txt\` — the annotator's unit-by-unit decisions for the documents added by
  \`scripts/corpus/build.ts\` (\`<id> <unit#> dir=… kind=… topic=… lead=… dl=…\`); the builder pre-fills the
  rest from the rules alone (never from the learned model), so the gold can be rebuilt and audited.
* \`heldout-exclude.json\` — SHA-256 of the normalised source URLs and first 60 characters of the readouts kept
  back for independent scoring; the corpus builder leaves them out and \`test/corpus.test.ts\` checks none is here.

## Notice

The texts are news releases and meeting readouts published by Chinese government bodies and news sites (some via
third-party mirrors, as noted per document). They are reproduced unchanged, apart from the removals above, for
testing and measuring the extractor; they are reports of current events and official documents, and each remains
the work of its publisher at the source URL below. They are not covered by the project's licence.

## Documents

${metas.length} documents, ${dirs} directives (${tasks} tasks, ${dirs - tasks} exhortations); ${distinct('province')} provinces,
${distinct('type')} meeting types, ${metas.filter((m) => m.script === 'traditional').length} in traditional script.

| id | place | level | meeting date | meeting type | script | #dir | #task | #explicit | #deadline | source |
|---|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
writeFileSync(`${base}README.md`, text);
console.log(`${metas.length} documents, ${dirs} directives`);
