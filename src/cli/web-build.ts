import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root: two folders up from src/cli and from dist/cli alike. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * In a checkout, builds the web app into web/dist when its sources changed since the last build (the build
 * script decides, from a digest of the sources), so `luoshi serve` serves the web app on a fresh clone as
 * `npm start` does. Its messages go to the terminal as it works. Returns a warning when it failed; the server
 * then still serves the API and a page saying how to build the web app. Outside a checkout, or with
 * LUOSHI_WEB_BUILD=off (a deployment that builds web/dist itself), there is nothing to do.
 */
export function buildWebIfStale(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.LUOSHI_WEB_BUILD === 'off') return null;
  const script = `${ROOT}web/scripts/build.mjs`;
  if (!existsSync(script) || !existsSync(`${ROOT}web/src`)) return null;
  const r = spawnSync(process.execPath, [script, '--if-stale'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  if (r.status === 0) return null;
  const why = (r.stderr || r.error?.message || '').trim().split('\n').slice(-5).join('\n');
  return `网页端构建失败,仅提供 API(请运行 npm ci 后再运行 npm run build:web)\nThe web app could not be built; serving the API only (run npm ci, then npm run build:web)\n${why}`;
}

/** The message for a port another process holds, naming the flag and the variable that pick another. */
export function portInUseMessage(host: string, port: number): string {
  return (
    `端口 ${port} 已被占用(${host}):请用 --port 指定其他端口,或设置环境变量 LUOSHI_PORT。\n` +
    `Port ${port} on ${host} is already in use: pick another with --port <port> or the LUOSHI_PORT variable.`
  );
}
