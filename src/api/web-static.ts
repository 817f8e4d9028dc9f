import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join, normalize, sep } from 'node:path';
import { HttpProblem } from './problem.js';

/** web/dist beside src/ (and beside dist/ once compiled): where `npm run build:web` puts the web app. */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>落实 Luoshi</title>
<p>网页端尚未构建:请运行 <code>npm run build:web</code>。</p><p>The web app is not built yet: run <code>npm run build:web</code>.</p>
<p>API: <a href="/api/v1/docs">/api/v1/docs</a></p></html>`;

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}

/**
 * Serves the built web app: files of web/dist as they are (hashed assets cached for a year, index.html never),
 * and index.html for every other non-API GET so that the app's own routes (/items/…, /stats …) load on refresh.
 * The build writes each text file beside a brotli (.br) and a gzip (.gz) copy; those are sent to browsers that
 * accept them (no compression work per request). Unknown /api paths still answer problem+json 404. Files are
 * looked up per request, so a rebuild needs no restart.
 */
export async function registerWebApp(app: FastifyInstance, distDir: string = WEB_DIST): Promise<void> {
  await app.register(fastifyStatic, { root: distDir, serve: false, preCompressed: true });
  app.get('/*', { config: { auth: 'public' }, schema: { hide: true } }, async (request, reply) => {
    let path: string;
    try {
      path = decodeURIComponent(request.url.split('?')[0] ?? '/');
    } catch {
      throw new HttpProblem('bad_request', 400);
    }
    if (path === '/api' || path.startsWith('/api/')) throw new HttpProblem('route_not_found', 404);
    const rel = normalize(path).replace(/^([/\\])+/, '');
    if (rel && !rel.split(sep).includes('..') && (await isFile(join(distDir, rel)))) {
      const immutable = rel.startsWith(`assets${sep}`) || rel.startsWith('assets/');
      return reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache').header('vary', 'accept-encoding').sendFile(rel, { cacheControl: false });
    }
    if (!(await isFile(join(distDir, 'index.html')))) return reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT);
    return reply.header('cache-control', 'no-cache').header('vary', 'accept-encoding').sendFile('index.html', { cacheControl: false });
  });
}
