// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, csrfToken, onSessionLost, request, sessionWasLost, clearSessionLost } from './client.js';

const problem = (status: number, code: string, title: string) =>
  new Response(JSON.stringify({ type: `urn:luoshi:error:${code}`, title, status, code, detail: title, requestId: 'req-1' }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

afterEach(() => {
  vi.unstubAllGlobals();
  clearSessionLost();
});

describe('API client', () => {
  it('reads the CSRF token from its cookie among others', () => {
    expect(csrfToken('a=1; luoshi_csrf=abc%2B1; b=2')).toBe('abc+1');
    expect(csrfToken('a=1')).toBeNull();
  });

  it('sends the CSRF token and If-Match on writes and turns problem+json into an ApiError with the server text', async () => {
    document.cookie = 'luoshi_csrf=tok';
    const fetch = vi.fn((_url: string, _init: RequestInit) => Promise.resolve(problem(409, 'version_conflict', '事项已被他人修改')));
    vi.stubGlobal('fetch', fetch);
    const err = await request('/items/x/accept', { body: {}, ifMatch: 3 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, code: 'version_conflict', title: '事项已被他人修改', requestId: 'req-1' });
    const init = fetch.mock.calls[0]![1] as unknown as { headers: Record<string, string> };
    expect(init.headers['x-csrf-token']).toBe('tok');
    expect(init.headers['if-match']).toBe('"3"');
  });

  it('reports a lost session once to listeners, but not for the login form', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(problem(401, 'session_expired', '会话已结束'))),
    );
    const lost = vi.fn();
    const off = onSessionLost(lost);
    await request('/me', { quiet401: true }).catch(() => undefined);
    expect(lost).not.toHaveBeenCalled();
    expect(sessionWasLost()).toBe(false);
    await request('/items').catch(() => undefined);
    expect(lost).toHaveBeenCalledTimes(1);
    expect(sessionWasLost()).toBe(true);
    off();
  });

  it('says the network failed (status 0) when the server cannot be reached', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(request('/items')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });
});
