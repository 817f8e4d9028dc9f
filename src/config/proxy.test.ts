import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('reverse-proxy settings', () => {
  it('believes no proxy and marks no cookie Secure unless told', () => {
    const c = loadConfig({});
    expect([c.trustProxy, c.secureCookies]).toEqual([[], false]);
  });

  it('takes the proxies to believe as addresses or CIDR ranges, and Secure cookies behind TLS', () => {
    const c = loadConfig({ LUOSHI_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1', LUOSHI_SECURE_COOKIES: '1' });
    expect([c.trustProxy, c.secureCookies]).toEqual([['127.0.0.1', '10.0.0.0/8', '::1'], true]);
  });

  it('refuses anything else, naming the setting', () => {
    expect(() => loadConfig({ LUOSHI_TRUST_PROXY: 'true' })).toThrow(/LUOSHI_TRUST_PROXY/);
    expect(() => loadConfig({ LUOSHI_SECURE_COOKIES: 'yes' })).toThrow(/LUOSHI_SECURE_COOKIES/);
  });
});
