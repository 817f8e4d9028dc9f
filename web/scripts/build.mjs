#!/usr/bin/env node
/* global console, process */
// Builds the web app into web/dist and prints the JavaScript each first page loads (gzip), from Vite's manifest.
// Every text file gets a brotli (.br) and a gzip (.gz) copy beside it, which the server sends as they are.
// `--if-stale`: builds only when web/dist is missing or older than the sources it is made from (for `npm start`).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(web, '..');
const dist = join(web, 'dist');
const stampFile = join(dist, '.sources');
const BUDGET_KB = 400;

/** Files the bundle is made from: the web sources, the contracts it imports, and the lock file. */
function sources() {
  const out = [];
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (!e.name.endsWith('.test.ts') && !e.name.endsWith('.test.tsx')) out.push(p);
    }
  };
  walk(join(web, 'src'));
  walk(join(root, 'src', 'contracts'));
  walk(join(root, 'src', 'domain'));
  out.push(join(web, 'index.html'), join(web, 'vite.config.ts'), join(web, 'scripts', 'antd-static-css.mjs'), join(root, 'package-lock.json'));
  return out.filter(existsSync).sort();
}

/** A digest of the sources' names, sizes and contents: a new checkout with old timestamps still rebuilds. */
function digest() {
  const h = createHash('sha256');
  for (const f of sources()) h.update(relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex');
}

function fresh() {
  return existsSync(join(dist, 'index.html')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === digest();
}

/** Every chunk a manifest entry loads before it runs (static imports, transitively). */
function closure(manifest, key, seen = new Set()) {
  if (seen.has(key) || !manifest[key]) return seen;
  seen.add(key);
  for (const k of manifest[key].imports ?? []) closure(manifest, k, seen);
  return seen;
}

function report() {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
  const gz = (keys) => [...keys].reduce((s, k) => s + gzipSync(readFileSync(join(dist, manifest[k].file))).length, 0);
  // The entry is small and loads the app's frame (src/mount.tsx) beside the page: both belong to every first page.
  const entry = closure(manifest, 'index.html');
  closure(manifest, 'src/mount.tsx', entry);
  const page = (name) => Object.keys(manifest).find((k) => k.endsWith(`pages/${name}.tsx`));
  const firstPages = { login: ['LoginPage'], desk: ['DeskPage'], ledger: ['LedgerPage'] };
  let worst = 0;
  for (const [label, names] of Object.entries(firstPages)) {
    const keys = new Set(entry);
    for (const n of names) {
      const k = page(n);
      if (k) closure(manifest, k, keys);
    }
    const kb = gz(keys) / 1024;
    worst = Math.max(worst, kb);
    console.log(`first page JS (${label}): ${kb.toFixed(1)} kB gzip`);
  }
  console.log(`首屏 JS first-page JavaScript: ${worst.toFixed(1)} kB gzip (budget ${BUDGET_KB} kB) ${worst <= BUDGET_KB ? 'OK' : 'OVER BUDGET'}`);
  return worst;
}

/** Brotli (quality 11) and gzip (level 9) copies of the text files worth compressing, once at build time. */
function precompress(dir = dist) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== '.vite') precompress(p);
      continue;
    }
    if (!/\.(js|css|html|svg|json|txt|map)$/.test(e.name)) continue;
    const body = readFileSync(p);
    if (body.length < 1024) continue;
    writeFileSync(`${p}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
    writeFileSync(`${p}.gz`, gzipSync(body, { level: 9 }));
  }
}

const ifStale = process.argv.includes('--if-stale');
if (ifStale && fresh()) {
  console.log('web/dist is up to date 网页端已是最新');
  process.exit(0);
}
const { build } = await import('vite');
await build({ configFile: join(web, 'vite.config.ts'), logLevel: ifStale ? 'warn' : 'info', build: { manifest: true } });
precompress();
writeFileSync(stampFile, digest() + '\n');
const worst = report();
if (worst > BUDGET_KB && !ifStale) process.exitCode = 1;
