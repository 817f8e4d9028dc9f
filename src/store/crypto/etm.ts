import type { CryptoProvider } from './provider.js';

/*
 * SM4-CTR + HMAC-SM3, encrypt-then-MAC. Node has no SM4-GCM, and CTR alone would let anyone flip plaintext
 * bits unseen: the MAC covers the context (`aad`: who the data belongs to), the counter block and the
 * ciphertext, and is checked before anything is decrypted.
 */

/** The two keys of one encrypt-then-MAC use, derived from one secret so each case stores one key. */
export interface EtmKeys {
  readonly enc: Uint8Array;
  readonly mac: Uint8Array;
}

export interface EtmBox {
  readonly iv: Uint8Array;
  readonly ct: Uint8Array;
  readonly tag: Uint8Array;
}

/** Derives the SM4 key (16 bytes) and the MAC key (32 bytes) from a 32-byte secret, per purpose label. */
export function deriveEtmKeys(crypto: CryptoProvider, secret: Uint8Array, label: string): EtmKeys {
  return {
    enc: crypto.hmac('sm3', secret, `${label} enc`).subarray(0, 16),
    mac: crypto.hmac('sm3', secret, `${label} mac`),
  };
}

function macInput(aad: string, iv: Uint8Array, ct: Uint8Array): Buffer {
  const a = Buffer.from(aad, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(a.length);
  // Length-prefixed context, so no (aad, iv, ct) split can be mistaken for another.
  return Buffer.concat([len, a, iv, ct]);
}

export function sealBytes(crypto: CryptoProvider, keys: EtmKeys, aad: string, plaintext: Uint8Array): EtmBox {
  const iv = crypto.randomBytes(16);
  const ct = crypto.encrypt(keys.enc, iv, plaintext);
  return { iv, ct, tag: crypto.hmac('sm3', keys.mac, macInput(aad, iv, ct)) };
}

/** The plaintext, or null when the tag does not match (altered data, wrong key or wrong context). */
export function openBytes(crypto: CryptoProvider, keys: EtmKeys, aad: string, box: EtmBox): Uint8Array | null {
  const expected = crypto.hmac('sm3', keys.mac, macInput(aad, box.iv, box.ct));
  if (box.iv.length !== 16 || !crypto.equal(expected, box.tag)) return null;
  return crypto.decrypt(keys.enc, box.iv, box.ct);
}
