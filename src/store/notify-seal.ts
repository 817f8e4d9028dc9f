import { openBytes, sealBytes, type EtmKeys } from './crypto/etm.js';
import type { CryptoProvider } from './crypto/provider.js';

/** Seals a secret or a piece of personal data under the master key, bound to `context` (as webhook secrets are). */
export function seal(crypto: CryptoProvider, master: EtmKeys, context: string, value: string): string {
  const box = sealBytes(crypto, master, context, Buffer.from(value, 'utf8'));
  return Buffer.concat([box.iv, box.ct, box.tag]).toString('base64');
}

/** The sealed value, or null when its box fails the integrity check (altered, moved to another row, another key). */
export function unseal(crypto: CryptoProvider, master: EtmKeys, context: string, sealed: string): string | null {
  const raw = Buffer.from(sealed, 'base64');
  if (raw.length < 48) return null;
  const opened = openBytes(crypto, master, context, { iv: raw.subarray(0, 16), ct: raw.subarray(16, raw.length - 32), tag: raw.subarray(raw.length - 32) });
  return opened ? Buffer.from(opened).toString('utf8') : null;
}
