import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: compiles dist/ once before the tests when a source changed, so the tests that spawn
 * bin/luoshi.js run the build users run and do not each start compiling it at the same moment.
 */
export default function buildDist(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, stdio: 'pipe' });
}
