// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PRELOAD_TTL_MS, preloadGet, request } from './api/client.js';
import { startBoot } from './boot.js';
import { itemPagePath, filterFromParams } from './features/items/filters.js';
import { chunkOf, pathPart } from './routes.js';

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function stubFetch() {
  let n = 0;
  const fetch = vi.fn((url: string) => Promise.resolve(json({ url, n: ++n })));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('preloaded GETs', () => {
  it('hands a GET started early to the first request for the same path, and only to that one', async () => {
    const fetch = stubFetch();
    preloadGet('/units?x=1');
    expect(fetch).toHaveBeenCalledTimes(1);
    expect((await request<{ n: number }>('/units?x=1')).data.n).toBe(1);
    expect((await request<{ n: number }>('/units?x=1')).data.n).toBe(2);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('never answers a write, and lets an answer go stale rather than hand it out late', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const fetch = stubFetch();
    preloadGet('/stale');
    vi.setSystemTime(Date.now() + PRELOAD_TTL_MS + 1);
    expect((await request<{ n: number }>('/stale')).data.n).toBe(2);
    preloadGet('/write');
    await request('/write', { method: 'POST', body: {} });
    expect(fetch).toHaveBeenCalledTimes(4);
  });
});

describe('boot', () => {
  it("starts a ledger's first page with the very path its query asks for, with the session and the names", () => {
    const fetch = stubFetch();
    startBoot({ pathname: '/ledgers/directive', search: '?state=assigned,junk&light=red&size=100' });
    const urls = fetch.mock.calls.map((c) => String(c[0]));
    const page = itemPagePath(filterFromParams(new URLSearchParams('state=assigned&light=red&size=100'), 'directive'), null);
    expect(urls).toEqual(['/api/v1/me', '/api/v1/units', '/api/v1/ledger-types', `/api/v1${page}`]);
    expect(page).toBe('/items?ledger=directive&state=assigned&light=red&sort=updated_desc&limit=100');
  });

  it('asks for nothing on the login page and for the item on an item page', () => {
    const fetch = stubFetch();
    startBoot({ pathname: '/login', search: '?next=/x' });
    expect(fetch).not.toHaveBeenCalled();
    startBoot({ pathname: '/items/%E7%9D%A3-1', search: '' });
    expect(fetch.mock.calls.map((c) => String(c[0]))).toContain('/api/v1/items/%E7%9D%A3-1');
  });

  it('maps addresses to pages and survives a malformed one', () => {
    expect(chunkOf('/')).toBe('desk');
    expect(chunkOf('/stats/bulletin')).toBe('bulletin');
    expect(chunkOf('/bulletins')).toBe('bulletins');
    expect(chunkOf('/bulletins/b-1')).toBe('bulletins');
    expect(chunkOf('/readouts/new')).toBe('readoutImport');
    expect(chunkOf('/signing-key')).toBe('signingKey');
    expect(chunkOf('/readouts')).toBe('readoutList');
    expect(chunkOf('/readouts/d-1')).toBe('readoutDraft');
    expect(chunkOf('/nope')).toBe('notFound');
    expect(pathPart('/items/%E0%A4%A', 1)).toBeNull();
    expect(pathPart('/items/a%20b', 1)).toBe('a b');
  });
});
