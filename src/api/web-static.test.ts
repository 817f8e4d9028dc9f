import Fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedEncodings, registerWebApp } from './web-static.js';

const JS = `export const answer = ${'"落实督查督办",'.repeat(200)} 42;\n`;
const HTML = `<!doctype html><html lang="zh-CN"><title>落实</title>${'<!-- padding -->'.repeat(80)}</html>\n`;

describe('web app static files', () => {
  let dir: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'luoshi-web-static-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), HTML);
    writeFileSync(join(dir, 'index.html.br'), brotliCompressSync(HTML));
    writeFileSync(join(dir, 'index.html.gz'), gzipSync(HTML));
    writeFileSync(join(dir, 'assets', 'page-abc123.js'), JS);
    writeFileSync(join(dir, 'assets', 'page-abc123.js.br'), brotliCompressSync(JS));
    writeFileSync(join(dir, 'assets', 'page-abc123.js.gz'), gzipSync(JS));
    writeFileSync(join(dir, 'assets', 'plain-def456.js'), JS); // built without compressed copies
    app = Fastify();
    await registerWebApp(app, dir);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the brotli copy of a hashed asset to a browser that accepts it, cached for good', async () => {
    const res = await app.inject({ url: '/assets/page-abc123.js', headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(res.rawPayload).toString('utf8')).toBe(JS);
    expect(res.rawPayload.length).toBeLessThan(Buffer.byteLength(JS) / 4);
  });

  it('falls back to gzip, then to the file as it is', async () => {
    const gz = await app.inject({ url: '/assets/page-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(JS);
    const none = await app.inject({ url: '/assets/page-abc123.js', headers: { 'accept-encoding': 'identity' } });
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.body).toBe(JS);
    const noCopies = await app.inject({ url: '/assets/plain-def456.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(noCopies.statusCode).toBe(200);
    expect(noCopies.headers['content-encoding']).toBeUndefined();
    expect(noCopies.body).toBe(JS);
  });

  it('keeps a hashed asset in memory once read (a hashed name never changes content)', async () => {
    writeFileSync(join(dir, 'assets', 'once-0a1b2c.js'), JS);
    writeFileSync(join(dir, 'assets', 'once-0a1b2c.js.br'), brotliCompressSync(JS));
    const first = await app.inject({ url: '/assets/once-0a1b2c.js', headers: { 'accept-encoding': 'br' } });
    unlinkSync(join(dir, 'assets', 'once-0a1b2c.js.br'));
    const again = await app.inject({ url: '/assets/once-0a1b2c.js', headers: { 'accept-encoding': 'br' } });
    expect(again.headers['content-encoding']).toBe('br');
    expect(again.rawPayload.equals(first.rawPayload)).toBe(true);
    const missing = await app.inject({ url: '/assets/nothing-here.js', headers: { 'accept-encoding': 'br' } });
    expect(missing.headers['content-type']).toMatch(/text\/html/); // the app's index, as for any unknown path
  });

  it('reads Accept-Encoding with its weights', () => {
    expect(acceptedEncodings('gzip, deflate, br, zstd')).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('br;q=0, gzip;q=0.5')).toEqual(['gzip']);
    expect(acceptedEncodings('*')).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('identity')).toEqual([]);
    expect(acceptedEncodings(undefined)).toEqual([]);
  });

  it("answers the app's own routes with index.html, compressed and never cached", async () => {
    const res = await app.inject({ url: '/ledgers/directive?state=assigned', headers: { 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(res.rawPayload).toString('utf8')).toBe(HTML);
  });
});
