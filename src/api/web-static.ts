import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { extname, join, normalize, sep } from 'node:path';
import { HttpProblem } from './problem.js';

/** web/dist beside src/ (and beside dist/ once compiled): where `npm run build:web` puts the web app. */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>落实 Luoshi</title>
<p>网页端尚未构建:请运行 <code>npm run build:web</code>。</p><p>The web app is not built yet: run <code>npm run build:web</code>.</p>
<p>API: <a href="/api/v1/docs">/api/v1/docs</a></p></html>`;

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** Media types of the hashed assets kept in memory (anything else goes through @fastify/static). */
const ASSET_TYPES: Readonly<Record<string, string>> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
const ASSET_CACHE_BYTES = 32 * 1024 * 1024;

/** The encodings a request accepts, best first ("br;q=0" refuses brotli). */
export function acceptedEncodings(header: string | undefined): ('br' | 'gzip')[] {
  const out: ('br' | 'gzip')[] = [];
  const q = new Map<string, number>();
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const qv = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
    q.set(name.trim(), qv ? Number(qv.slice(2)) : 1);
  }
  const ok = (e: string) => (q.get(e) ?? q.get('*') ?? 0) > 0;
  if (ok('br')) out.push('br');
  if (ok('gzip')) out.push('gzip');
  return out;
}

interface CachedAsset {
  readonly body: Buffer;
  readonly encoding: 'br' | 'gzip' | null;
}

/**
 * Hashed JavaScript and CSS kept in memory once read: a first load asks for some forty of them at once, and
 * reading and streaming each from disk per request cost the server (and a busy machine) more than the bytes.
 * Safe because a hashed name never changes content; a rebuild brings new names. Bounded in size.
 */
class AssetCache {
  private readonly entries = new Map<string, CachedAsset>();
  private bytes = 0;

  constructor(private readonly distDir: string) {}

  /** The best copy of an asset for these encodings, or null when there is no such file (misses are not kept). */
  async get(rel: string, encodings: readonly ('br' | 'gzip')[]): Promise<CachedAsset | null> {
    const key = `${rel}\0${encodings.join(',')}`;
    const cached = this.entries.get(key);
    if (cached) return cached;
    for (const encoding of [...encodings, null]) {
      const body = await readFile(join(this.distDir, encoding ? `${rel}.${encoding === 'br' ? 'br' : 'gz'}` : rel)).catch(() => null);
      if (!body) continue;
      const hit = { body, encoding };
      if (this.bytes + body.length <= ASSET_CACHE_BYTES) {
        this.entries.set(key, hit);
        this.bytes += body.length;
      }
      return hit;
    }
    return null;
  }
}

/**
 * Serves the built web app: files of web/dist as they are (hashed assets cached for a year, index.html never),
 * and index.html for every other non-API GET so that the app's own routes (/items/…, /stats …) load on refresh.
 * The build writes each text file beside a brotli (.br) and a gzip (.gz) copy; those are sent to browsers that
 * accept them (no compression work per request), hashed JavaScript and CSS from memory once read. Unknown /api
 * paths still answer problem+json 404. Other files are looked up per request, so a rebuild needs no restart.
 */
export async function registerWebApp(app: FastifyInstance, distDir: string = WEB_DIST): Promise<void> {
  await app.register(fastifyStatic, { root: distDir, serve: false, preCompressed: true });
  const assets = new AssetCache(distDir);
  app.get('/*', { config: { auth: 'public' }, schema: { hide: true } }, async (request, reply) => {
    let path: string;
    try {
      path = decodeURIComponent(request.url.split('?')[0] ?? '/');
    } catch {
      throw new HttpProblem('bad_request', 400);
    }
    if (path === '/api' || path.startsWith('/api/')) throw new HttpProblem('route_not_found', 404);
    const rel = normalize(path).replace(/^([/\\])+/, '');
    const type = ASSET_TYPES[extname(rel)];
    if (type && /^assets[/\\][^/\\]+$/.test(rel)) {
      const hit = await assets.get(rel, acceptedEncodings(request.headers['accept-encoding']));
      if (hit) {
        reply.header('cache-control', 'public, max-age=31536000, immutable').header('vary', 'accept-encoding').type(type);
        if (hit.encoding) reply.header('content-encoding', hit.encoding);
        return reply.send(hit.body);
      }
    }
    if (rel && !rel.split(sep).includes('..') && (await isFile(join(distDir, rel)))) {
      const immutable = rel.startsWith(`assets${sep}`) || rel.startsWith('assets/');
      return reply
        .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
        .header('vary', 'accept-encoding')
        .sendFile(rel, { cacheControl: false });
    }
    if (!(await isFile(join(distDir, 'index.html')))) return reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT);
    return reply.header('cache-control', 'no-cache').header('vary', 'accept-encoding').sendFile('index.html', { cacheControl: false });
  });
}
