/* global process */
// Whether dist/ is older than the sources it is compiled from. Kept free of dependencies and cheap (one stat per
// source file and folder, a few milliseconds), since bin/luoshi.js asks it before every command in a checkout.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The file in dist/ whose modification time is the time of the last complete build. */
export const STAMP = '.build-stamp';

const skipped = (name) => name === 'testing' || name === 'fixtures';
const compiled = (name) => (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) || (name.endsWith('.json') && !name.endsWith('.test.json'));

/** The files under `dir` the build compiles or copies: sources and their JSON data, without tests and test helpers. */
export function sourceFiles(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!skipped(e.name)) sourceFiles(p, out);
    } else if (compiled(e.name)) out.push(p);
  }
  return out;
}

/** The newest modification time of the sources and of their folders (a folder changes when a file is added, renamed or deleted). */
function newest(dir) {
  let t = statSync(dir).mtimeMs;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (!skipped(e.name)) t = Math.max(t, newest(join(dir, e.name)));
    } else if (compiled(e.name)) t = Math.max(t, statSync(join(dir, e.name)).mtimeMs);
  }
  return t;
}

/** True when `root`/dist has no complete build, or a source under `root`/src changed after it. */
export function isStale(root = process.cwd()) {
  const stamp = join(root, 'dist', STAMP);
  if (!existsSync(stamp)) return true;
  return newest(join(root, 'src')) > statSync(stamp).mtimeMs;
}
