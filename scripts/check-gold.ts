// npx tsx scripts/check-gold.ts [readouts-dir] — re-checks a corpus folder (default: test/fixtures/corpus/readouts)
// against GUIDELINES §9 and the catalogue next to it, and that no document is held out. Exit 1 on any error.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkGoldFolder, heldOutReason, readCatalogueNames, type Exclusions } from './corpus/gold.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = resolve(process.argv[2] ?? join(root, 'test', 'fixtures', 'corpus', 'readouts'));
const base = dirname(dir);
const catalogue = readCatalogueNames(existsSync(join(base, 'departments.json')) ? join(base, 'departments.json') : join(root, 'src', 'extract', 'data', 'departments.json'));
const { docs, directives, errors } = checkGoldFolder(dir, catalogue);
const exPath = join(base, 'heldout-exclude.json');
if (existsSync(exPath)) {
  const ex = JSON.parse(readFileSync(exPath, 'utf8')) as Exclusions;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.meta.json'))) {
    const meta = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { source: string };
    const text = readFileSync(join(dir, f.replace('.meta.json', '.txt')), 'utf8');
    const why = heldOutReason(meta.source, text, ex);
    if (why) errors.push(`${f}: ${why}`);
  }
}
console.log(`${docs} docs, ${directives} directives checked in ${dir}`);
for (const e of errors) console.log('ERROR', e);
console.log(errors.length ? `${errors.length} error(s)` : 'OK');
process.exit(errors.length ? 1 : 0);
