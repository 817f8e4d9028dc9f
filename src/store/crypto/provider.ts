/**
 * Every cryptographic operation of Luoshi goes through this interface, so that a certified module (商用密码
 * 模块, required by 密评 in production) can replace node:crypto without touching the store. Keys are plain
 * bytes or PEM text here; a hardware module would implement the same calls with key handles behind them.
 */

/** Digest behind hashes and MACs: SM3 (GB/T 32905) by default, SHA-256 by option. */
export type DigestAlgorithm = 'sm3' | 'sha256';

/** A MAC key prepared once and used many times (the chain verifier calls it for every event). */
export interface MacKey {
  readonly algorithm: DigestAlgorithm;
  /** HMAC of the UTF-8 bytes of `data` (or the bytes themselves), as lowercase hex. */
  macHex(data: string | Uint8Array): string;
  /** HMAC of `data` as bytes. */
  mac(data: string | Uint8Array): Uint8Array;
}

/** A signing key pair in PEM (PKCS#8 private, SPKI public). */
export interface SigningKeyPair {
  readonly algorithm: string;
  readonly publicKeyPem: string;
  readonly privateKeyPem: string;
}

export interface CryptoProvider {
  /** Short name recorded beside what it produced, e.g. `node`. */
  readonly name: string;
  /** Algorithm of `sign`/`verify`, e.g. `ed25519` (a certified module would use `sm2`). */
  readonly signatureAlgorithm: string;
  hash(algorithm: DigestAlgorithm, data: string | Uint8Array): Uint8Array;
  hmac(algorithm: DigestAlgorithm, key: Uint8Array, data: string | Uint8Array): Uint8Array;
  macKey(algorithm: DigestAlgorithm, key: Uint8Array): MacKey;
  /** SM4-CTR with a 16-byte key and a 16-byte counter block; encryption and decryption are the same stream. */
  encrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Uint8Array;
  decrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array;
  randomBytes(length: number): Uint8Array;
  /** Constant-time comparison of two byte strings (false when the lengths differ). */
  equal(a: Uint8Array, b: Uint8Array): boolean;
  generateSigningKeyPair(): SigningKeyPair;
  sign(privateKeyPem: string, data: Uint8Array): Uint8Array;
  /** False for a bad signature or a key of another algorithm; never throws on bad input. */
  verify(publicKeyPem: string, data: Uint8Array, signature: Uint8Array): boolean;
}
