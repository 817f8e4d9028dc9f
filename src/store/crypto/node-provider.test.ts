import { describe, expect, it } from 'vitest';
import { nodeCryptoProvider as c } from './node-provider.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('nodeCryptoProvider', () => {
  it('computes SM3 per GB/T 32905 (test vector "abc")', () => {
    expect(hex(c.hash('sm3', 'abc'))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('computes HMAC-SHA-256 per RFC 4231 (test case 2)', () => {
    expect(hex(c.hmac('sha256', Buffer.from('Jefe'), 'what do ya want for nothing?'))).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('prepared MAC keys give the same MAC as one-off HMAC, per algorithm', () => {
    const key = c.randomBytes(32);
    for (const alg of ['sm3', 'sha256'] as const) {
      expect(c.macKey(alg, key).macHex('事件')).toBe(hex(c.hmac(alg, key, '事件')));
    }
    expect(c.macKey('sm3', key).macHex('x')).not.toBe(c.macKey('sha256', key).macHex('x'));
  });

  it('prepared MAC keys match HMAC for long keys, bytes and messages longer than their buffer', () => {
    const longKey = c.randomBytes(100);
    const mac = c.macKey('sm3', longKey);
    const long = '督办'.repeat(5000);
    const bytes = c.randomBytes(300);
    expect(mac.macHex(long)).toBe(hex(c.hmac('sm3', longKey, long)));
    expect(hex(mac.mac(bytes))).toBe(hex(c.hmac('sm3', longKey, bytes)));
    expect(mac.macHex('短')).toBe(hex(c.hmac('sm3', longKey, '短')));
  });

  it('encrypts with SM4 per GB/T 32907: the CTR keystream of counter block P is SM4(K, P)', () => {
    const k = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    // CTR XORs the plaintext with SM4(K, counter); over zero bytes that is the standard's example ciphertext.
    expect(hex(c.encrypt(k, k, Buffer.alloc(16)))).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('decrypts what it encrypted, and refuses keys of the wrong size', () => {
    const key = c.randomBytes(16);
    const iv = c.randomBytes(16);
    const text = Buffer.from('当事人：张三，电话 13800138000');
    expect(Buffer.from(c.decrypt(key, iv, c.encrypt(key, iv, text))).toString()).toBe(text.toString());
    expect(() => c.encrypt(c.randomBytes(32), iv, text)).toThrow(/16 bytes/);
  });

  it('signs and verifies; a changed message or another key fails without throwing', () => {
    const pair = c.generateSigningKeyPair();
    const other = c.generateSigningKeyPair();
    const sig = c.sign(pair.privateKeyPem, Buffer.from('seq 12'));
    expect(c.verify(pair.publicKeyPem, Buffer.from('seq 12'), sig)).toBe(true);
    expect(c.verify(pair.publicKeyPem, Buffer.from('seq 13'), sig)).toBe(false);
    expect(c.verify(other.publicKeyPem, Buffer.from('seq 12'), sig)).toBe(false);
    expect(c.verify('not a key', Buffer.from('seq 12'), sig)).toBe(false);
  });

  it('compares in constant time and says false for different lengths', () => {
    expect(c.equal(Buffer.from('ab'), Buffer.from('ab'))).toBe(true);
    expect(c.equal(Buffer.from('ab'), Buffer.from('abc'))).toBe(false);
  });
});
