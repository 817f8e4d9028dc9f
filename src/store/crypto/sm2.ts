import { weierstrass } from '@noble/curves/abstract/weierstrass.js';
import { createHash, randomBytes } from 'node:crypto';

/*
 * SM2 digital signatures (GM/T 0003.2, GB/T 32918.2) on the recommended curve of GM/T 0003.5.
 *
 * Why not node:crypto: with OpenSSL 3.0 a key on curve 'SM2' is an EC key to Node, and `crypto.sign` gives an
 * ECDSA signature on that curve — not the SM2 scheme (r = e + x1, s = (1 + d)⁻¹(k − r·d)) and without the Z
 * value of GM/T 0009 — which no other SM2 implementation accepts (checked against sm-crypto in the tests).
 * So the point arithmetic comes from @noble/curves (audited, constant-time base multiplication) and the
 * scheme is written here from the standard; e = SM3(Z ‖ M) with Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA)
 * and the default ID 1234567812345678 of GM/T 0009. The tests check the example of GM/T 0003.5 Annex A and
 * sign/verify in both directions with sm-crypto.
 */

const HEX = {
  p: 'FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF',
  a: 'FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC',
  b: '28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93',
  n: 'FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123',
  gx: '32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7',
  gy: 'BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0',
} as const;

const big = (hex: string): bigint => BigInt(`0x${hex}`);
const N = big(HEX.n);
const Point = weierstrass({ p: big(HEX.p), n: N, h: 1n, a: big(HEX.a), b: big(HEX.b), Gx: big(HEX.gx), Gy: big(HEX.gy) });

/** The default user id of GM/T 0009 §10. */
export const SM2_DEFAULT_ID = '1234567812345678';

/** DER prefix of a SubjectPublicKeyInfo for id-ecPublicKey on curve sm2p256v1 (1.2.156.10197.1.301), before 04‖x‖y. */
const SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex');

const toHex32 = (v: bigint): string => v.toString(16).padStart(64, '0');
const bytesToBig = (b: Uint8Array): bigint => (b.length === 0 ? 0n : big(Buffer.from(b).toString('hex')));
const mod = (v: bigint, m: bigint): bigint => ((v % m) + m) % m;

function invert(v: bigint, m: bigint): bigint {
  // Extended Euclid: only ever applied to 1 + d, a secret but fixed per key, never to the nonce.
  let [a, b, x0, x1] = [mod(v, m), m, 1n, 0n];
  while (b !== 0n) {
    const q = a / b;
    [a, b] = [b, a - q * b];
    [x0, x1] = [x1, x0 - q * x1];
  }
  return mod(x0, m);
}

function sm3(...parts: Uint8Array[]): Buffer {
  const h = createHash('sm3');
  for (const p of parts) h.update(p);
  return h.digest();
}

/** A public key as the 65 bytes 04‖x‖y. */
export type Sm2PublicKey = Uint8Array;

/** Z of GM/T 0003.2 §5.5 for a public key and user id. */
export function sm2Z(publicKey: Sm2PublicKey, id: string = SM2_DEFAULT_ID): Buffer {
  const idBytes = Buffer.from(id, 'utf8');
  const entl = Buffer.alloc(2);
  entl.writeUInt16BE(idBytes.length * 8);
  const curve = Buffer.from(HEX.a + HEX.b + HEX.gx + HEX.gy, 'hex');
  return sm3(entl, idBytes, curve, publicKey.subarray(1));
}

/** e = SM3(Z ‖ M): the number the signature is made over. */
export function sm2Digest(publicKey: Sm2PublicKey, message: Uint8Array, id: string = SM2_DEFAULT_ID): Buffer {
  return sm3(sm2Z(publicKey, id), message);
}

/** The public key 04‖x‖y of a 32-byte private key. */
export function sm2PublicKeyOf(privateKey: Uint8Array): Sm2PublicKey {
  return Point.BASE.multiply(scalar(privateKey)).toBytes(false);
}

function scalar(privateKey: Uint8Array): bigint {
  const d = bytesToBig(privateKey);
  // d ∈ [1, n − 2]: 1 + d must be invertible mod n.
  if (privateKey.length !== 32 || d < 1n || d > N - 2n) throw new RangeError('SM2 private key must be 32 bytes in [1, n-2]');
  return d;
}

/** A new private key (32 bytes). */
export function sm2GeneratePrivateKey(): Uint8Array {
  for (;;) {
    const candidate = randomBytes(32);
    const d = bytesToBig(candidate);
    if (d >= 1n && d <= N - 2n) return candidate;
  }
}

/**
 * Signs `message` (GM/T 0003.2 §6.1). Returns r‖s, 64 bytes. `nonce` is for the standard's example only:
 * left out, k is drawn at random for each signature.
 */
export function sm2Sign(privateKey: Uint8Array, message: Uint8Array, opts: { id?: string; nonce?: Uint8Array } = {}): Uint8Array {
  const d = scalar(privateKey);
  const pub = Point.BASE.multiply(d).toBytes(false);
  const e = bytesToBig(sm2Digest(pub, message, opts.id));
  const dInv = invert(1n + d, N);
  for (let attempt = 0; ; attempt++) {
    const k = opts.nonce && attempt === 0 ? bytesToBig(opts.nonce) : mod(bytesToBig(randomBytes(40)), N - 1n) + 1n;
    const x1 = Point.BASE.multiply(k).toAffine().x;
    const r = mod(e + x1, N);
    if (r === 0n || r + k === N) continue;
    const s = mod(dInv * (k - r * d), N);
    if (s === 0n) continue;
    return Buffer.from(toHex32(r) + toHex32(s), 'hex');
  }
}

/** Verifies r‖s over `message` (GM/T 0003.2 §7.1). False for anything malformed; never throws. */
export function sm2Verify(publicKey: Sm2PublicKey, message: Uint8Array, signature: Uint8Array, id: string = SM2_DEFAULT_ID): boolean {
  try {
    if (signature.length !== 64) return false;
    const P = Point.fromBytes(publicKey);
    P.assertValidity();
    const r = bytesToBig(signature.subarray(0, 32));
    const s = bytesToBig(signature.subarray(32));
    if (r < 1n || r >= N || s < 1n || s >= N) return false;
    const t = mod(r + s, N);
    if (t === 0n) return false;
    const e = bytesToBig(sm2Digest(publicKey, message, id));
    const sum = Point.BASE.multiplyUnsafe(s).add(P.multiplyUnsafe(t));
    if (sum.is0()) return false;
    return mod(e + sum.toAffine().x, N) === r;
  } catch {
    return false;
  }
}

/** The public key as a PEM SubjectPublicKeyInfo (what OpenSSL and other SM2 tools read). */
export function sm2PublicKeyToPem(publicKey: Sm2PublicKey): string {
  const der = Buffer.concat([SPKI_PREFIX, publicKey]).toString('base64');
  return `-----BEGIN PUBLIC KEY-----\n${der.match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----\n`;
}

/** The 04‖x‖y of a PEM written by sm2PublicKeyToPem (or any SM2 SPKI); undefined when it is not one. */
export function sm2PublicKeyFromPem(pem: string): Sm2PublicKey | undefined {
  const body = pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  const der = Buffer.from(body, 'base64');
  if (der.length !== SPKI_PREFIX.length + 65 || !der.subarray(0, SPKI_PREFIX.length).equals(SPKI_PREFIX)) return undefined;
  const key = der.subarray(SPKI_PREFIX.length);
  try {
    Point.fromBytes(key).assertValidity();
  } catch {
    return undefined;
  }
  return new Uint8Array(key);
}
