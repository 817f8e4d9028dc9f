#!/usr/bin/env node
/* global process, URL */
// Runs the compiled CLI in dist/. In a checkout (src/ beside dist/) it first compiles whatever source changed
// since the last build (a few milliseconds to check, about a second to rebuild), so an edit is never run stale
// and a fresh clone needs no build step before `npx luoshi`.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// V8's code cache on disk (Node 22.1+) spares compiling the same modules again at every start.
module.enableCompileCache?.();
const root = fileURLToPath(new URL('..', import.meta.url));
if (existsSync(new URL('../src/cli/entry.ts', import.meta.url))) {
  const { isStale } = await import('../scripts/build-stale.mjs');
  if (isStale(root)) {
    let buildServer;
    try {
      ({ buildServer } = await import('../scripts/build.mjs'));
      await import('esbuild');
    } catch {
      process.stderr.write('dist/ 已过期且无法编译:请先运行 npm ci 再运行 npm run build\ndist/ is out of date and cannot be compiled: run npm ci, then npm run build\n');
      process.exit(1);
    }
    await buildServer();
  }
}
const { main } = await import('../dist/cli/entry.js');
await main(process.argv);
