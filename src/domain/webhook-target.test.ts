import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, describeWebhookUrlProblem, isIpAddress, nonPublicAddress } from './webhook-target.js';

describe('nonPublicAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::127.0.0.1', 'reserved'],
    ['64:ff9b::192.168.0.1', 'private'],
    ['2002:7f00:1::', 'loopback'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['100::1', 'reserved'],
    ['not an address', 'reserved'],
    ['', 'reserved'],
  ])('%s is %s', (ip, kind) => {
    expect(nonPublicAddress(ip)).toBe(kind);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '172.15.255.255', '100.128.0.1', '11.0.0.1', '2400:3200::1', '2001:4860:4860::8888', '::ffff:8.8.8.8', '64:ff9b::8.8.8.8'])(
    '%s is public',
    (ip) => {
      expect(nonPublicAddress(ip)).toBeNull();
    },
  );
});

describe('isIpAddress', () => {
  it('tells IP addresses from names', () => {
    for (const ip of ['1.2.3.4', '::', '::1', '2001:db8::8:800:200c:417a', '::ffff:1.2.3.4', '1:2:3:4:5:6:7::']) expect(isIpAddress(ip)).toBe(true);
    for (const name of ['example.org', '1.2.3', '1.2.3.256', '01.2.3.4x', ':::', '1::2::3', '1:2:3:4:5:6:7:8:9', 'g::1', '[::1]', '']) expect(isIpAddress(name)).toBe(false);
  });
});

describe('checkWebhookUrl', () => {
  it.each([
    ['http://127.0.0.1:8080/hook', '127.0.0.1', 'loopback'],
    ['http://localhost/hook', 'localhost', 'loopback'],
    ['http://api.LOCALHOST./hook', 'api.localhost.', 'loopback'],
    ['http://[::1]/hook', '::1', 'loopback'],
    ['http://[::ffff:127.0.0.1]/hook', '::ffff:7f00:1', 'loopback'],
    ['http://2130706433/hook', '127.0.0.1', 'loopback'],
    ['http://0x7f.1/hook', '127.0.0.1', 'loopback'],
    ['http://0/hook', '0.0.0.0', 'unspecified'],
    ['https://169.254.169.254/latest/meta-data/', '169.254.169.254', 'link-local'],
    ['https://192.168.10.20/hook', '192.168.10.20', 'private'],
    ['http://[fe80::1]/', 'fe80::1', 'link-local'],
  ])('refuses %s unless private targets are allowed', (url, host, kind) => {
    expect(checkWebhookUrl(url, false)).toEqual({ ok: false, problem: { kind: 'forbidden', host, address: host, addressKind: kind } });
    expect(checkWebhookUrl(url, true)).toMatchObject({ ok: true, host });
  });

  it.each([
    ['ftp://example.org/hook', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['gopher://example.org/', 'scheme'],
    ['https://user:secret@example.org/hook', 'credentials'],
    ['https://user@example.org/hook', 'credentials'],
    ['not a url', 'unparsable'],
  ])('refuses %s even when private targets are allowed', (url, reason) => {
    expect(checkWebhookUrl(url, true)).toEqual({ ok: false, problem: { kind: 'invalid', reason } });
    expect(checkWebhookUrl(url, false)).toEqual({ ok: false, problem: { kind: 'invalid', reason } });
  });

  it('accepts public addresses and names, which it does not resolve', () => {
    expect(checkWebhookUrl('https://hooks.example.org/luoshi?x=1', false)).toMatchObject({ ok: true, host: 'hooks.example.org', literal: false });
    expect(checkWebhookUrl('http://8.8.8.8:8080/', false)).toMatchObject({ ok: true, host: '8.8.8.8', literal: true });
    expect(checkWebhookUrl('http://[2400:3200::1]/', false)).toMatchObject({ ok: true, host: '2400:3200::1', literal: true });
  });

  it('says in both languages how an operator allows private targets, and only when that would help', () => {
    const forbidden = checkWebhookUrl('http://10.0.0.5/hook', false);
    expect(forbidden.ok).toBe(false);
    const text = describeWebhookUrlProblem((forbidden as { problem: Parameters<typeof describeWebhookUrlProblem>[0] }).problem);
    expect(text.en).toMatch(/10\.0\.0\.5 is a private address.*LUOSHI_WEBHOOK_ALLOW_PRIVATE=1/);
    expect(text.zh).toMatch(/内网（私有）地址.*LUOSHI_WEBHOOK_ALLOW_PRIVATE=1/);
    const scheme = describeWebhookUrlProblem({ kind: 'invalid', reason: 'scheme' });
    expect(scheme.en).not.toContain('LUOSHI_WEBHOOK_ALLOW_PRIVATE');
    expect(scheme.zh).toContain('https://');
  });
});
