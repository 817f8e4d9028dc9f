#!/usr/bin/env node
/* global console, process */
// Compiles the server and the CLI (src/, without tests and test helpers) to JavaScript in dist/, one file per
// source file, so `luoshi` starts without compiling TypeScript. esbuild strips the types file by file (the
// sources are `isolatedModules`, so that is exact); type checking is `npm run typecheck`'s job, not the build's.
// JSON data the sources import is copied beside them. Every file is written to a temporary name and renamed,
// so a CLI started while another one rebuilds never reads half a file. dist/.build-stamp is written last.
// `--if-stale`: builds only when a source is newer than the stamp (what bin/luoshi.js does in a checkout);
// without it the build starts from an empty dist/.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStale, sourceFiles, STAMP } from './build-stale.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');

function writeAtomic(file, contents) {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, file);
}

/** Compiles src/ into dist/; returns the number of files written. */
export async function buildServer() {
  const { build } = await import('esbuild');
  const files = sourceFiles(src);
  const entryPoints = files.filter((f) => f.endsWith('.ts'));
  const result = await build({
    entryPoints,
    outbase: src,
    outdir: dist,
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    sourcemap: 'linked',
    sourcesContent: false,
    write: false,
    logLevel: 'warning',
  });
  for (const out of result.outputFiles) writeAtomic(out.path, out.contents);
  const data = files.filter((f) => f.endsWith('.json'));
  for (const f of data) writeAtomic(join(dist, relative(src, f)), readFileSync(f));
  writeAtomic(join(dist, STAMP), `${new Date().toISOString()}\n`);
  return result.outputFiles.length + data.length;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ifStale = process.argv.includes('--if-stale');
  if (ifStale && !isStale(root)) console.log('dist/ is up to date 已是最新');
  else {
    const started = Date.now();
    // A full build starts from an empty folder, so nothing compiled from a deleted source is left behind.
    if (!ifStale) rmSync(dist, { recursive: true, force: true });
    const n = await buildServer();
    console.log(`dist/: ${n} files in ${Date.now() - started} ms 已编译`);
  }
}
