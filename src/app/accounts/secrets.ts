import type { CryptoProvider } from '../../store/index.js';

/** A random secret for a cookie, a token or a CSRF check: 32 bytes, base64url. */
export const newSecret = (crypto: CryptoProvider): string => Buffer.from(crypto.randomBytes(32)).toString('base64url');

/** The stored form of a secret: its SM3 digest in hex (a leaked table lets nobody log in). */
export const secretDigest = (crypto: CryptoProvider, secret: string): string => Buffer.from(crypto.hash('sm3', secret)).toString('hex');

/** Constant-time comparison of two strings. */
export function sameSecret(crypto: CryptoProvider, a: string, b: string): boolean {
  return crypto.equal(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
