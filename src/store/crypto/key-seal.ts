import { scryptSync } from 'node:crypto';
import { deriveEtmKeys, openBytes, sealBytes } from './etm.js';
import type { CryptoProvider } from './provider.js';

/*
 * A person's software signing key sealed by their passphrase: scrypt (N 2^15, r 8, p 1) stretches the
 * passphrase into a secret, from which SM4-CTR + HMAC-SM3 keys are derived (see etm.ts). The passphrase is
 * never stored: only the salt, the cost and the sealed box are, and a wrong passphrase fails the MAC.
 */

export interface SealedKey {
  readonly kdf: 'scrypt';
  readonly n: number;
  readonly r: number;
  readonly p: number;
  readonly salt: string;
  readonly iv: string;
  readonly ct: string;
  readonly tag: string;
}

const COST = { n: 1 << 15, r: 8, p: 1 } as const;
const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

function stretch(passphrase: string, salt: Uint8Array, cost: { n: number; r: number; p: number }): Uint8Array {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { N: cost.n, r: cost.r, p: cost.p, maxmem: 128 * cost.n * cost.r * 2 });
}

/** Seals `secret` under `passphrase`; `context` (the key id) is bound into the MAC. */
export function sealWithPassphrase(crypto: CryptoProvider, passphrase: string, context: string, secret: Uint8Array): SealedKey {
  const salt = crypto.randomBytes(16);
  const keys = deriveEtmKeys(crypto, stretch(passphrase, salt, COST), 'signing-key');
  const box = sealBytes(crypto, keys, context, secret);
  return { kdf: 'scrypt', ...COST, salt: b64(salt), iv: b64(box.iv), ct: b64(box.ct), tag: b64(box.tag) };
}

/** The secret, or null for a wrong passphrase, another context or a box that was altered. */
export function openWithPassphrase(crypto: CryptoProvider, passphrase: string, context: string, sealed: SealedKey): Uint8Array | null {
  // Costs outside these bounds are refused rather than run: a row edited to N = 2^30 must not stall the server.
  if (sealed.kdf !== 'scrypt' || sealed.n > 1 << 17 || sealed.n < 1 << 14 || sealed.r !== 8 || sealed.p !== 1) return null;
  const keys = deriveEtmKeys(crypto, stretch(passphrase, Buffer.from(sealed.salt, 'base64'), sealed), 'signing-key');
  return openBytes(crypto, keys, context, { iv: Buffer.from(sealed.iv, 'base64'), ct: Buffer.from(sealed.ct, 'base64'), tag: Buffer.from(sealed.tag, 'base64') });
}
