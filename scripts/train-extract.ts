// npm run train:extract [-- DIR]  — trains the learned heads of the readout extractor (directive, kind, topic) on
// a corpus folder (default test/fixtures/corpus/readouts) and writes src/extract/data/model.json.
// Deterministic: the same corpus gives byte-identical weights. No network.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { trainModel } from '../src/extract/learn/train.js';
import { readCorpus } from './extract/corpus.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = resolve(process.argv[2] ?? join(root, 'test', 'fixtures', 'corpus', 'readouts'));
const t0 = performance.now();
const docs = readCorpus(dir);
const model = trainModel(docs);
const out = join(root, 'src', 'extract', 'data', 'model.json');
writeFileSync(out, JSON.stringify(model) + '\n');
const size = (JSON.stringify(model).length / 1024).toFixed(0);
console.log(
  `trained on ${docs.length} documents (${String(model.trained?.units)} units, ${String(model.trained?.directives)} directives) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
console.log(
  `features kept: directive ${Object.keys(model.directive.weights).length}, kind ${Object.keys(model.kind.weights).length}, topic ${Object.keys(model.topic.weights).length}; ${size} KB -> ${out}`,
);
