/*
 * Test support: bundles a TypeScript entry point into one plain ES module that node runs without a loader.
 * The crash test restarts its child process a score of times and the concurrency test starts sixteen
 * threads; loading the sources through tsx costs each of them seconds on a busy machine, the bundle a few
 * hundred milliseconds. Packages stay external (resolved from the repository's node_modules, which is why
 * the bundle is written below it), except JSON data, which node would only import with an attribute.
 */
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const REPO = new URL('../../../', import.meta.url);
const OUT_DIR = new URL('node_modules/.cache/luoshi-test/', REPO);

export interface Bundle {
  /** Absolute path of the bundled module. */
  readonly file: string;
  /** Deletes it. */
  remove(): Promise<void>;
}

/**
 * Bundles `entry` (a file URL of a .ts module) for Node 20.
 * @throws the bundler's error when the sources do not compile.
 */
export async function bundleForNode(entry: URL): Promise<Bundle> {
  const name = fileURLToPath(entry).split(/[\\/]/).pop()!.replace(/\.ts$/, '');
  const file = fileURLToPath(new URL(`${name}-${process.pid}-${Date.now().toString(36)}.mjs`, OUT_DIR));
  await build({
    entryPoints: [fileURLToPath(entry)],
    outfile: file,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
    plugins: [
      {
        name: 'packages-external-but-json',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.endsWith('.json') ? undefined : { path: args.path, external: true }));
        },
      },
    ],
  });
  return { file, remove: () => rm(file, { force: true }) };
}
