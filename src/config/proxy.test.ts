import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('reverse-proxy settings', () => {
  it('believes no proxy and marks no cookie Secure unless told', () => {
    expect(loadConfig({}).proxy).toEqual({ trust: null, secureCookies: false });
  });

  it('takes the proxies to believe as addresses or CIDR ranges, and Secure cookies behind TLS', () => {
    expect(loadConfig({ LUOSHI_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1', LUOSHI_SECURE_COOKIES: '1' }).proxy).toEqual({ trust: '127.0.0.1,10.0.0.0/8,::1', secureCookies: true });
  });

  it('refuses anything else, naming the setting', () => {
    expect(() => loadConfig({ LUOSHI_TRUST_PROXY: 'true' })).toThrow(/LUOSHI_TRUST_PROXY/);
    expect(() => loadConfig({ LUOSHI_SECURE_COOKIES: 'yes' })).toThrow(/LUOSHI_SECURE_COOKIES/);
  });
});
