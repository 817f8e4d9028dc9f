import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  timingSafeEqual,
  verify,
  type KeyObject,
} from 'node:crypto';
import type { CryptoProvider, DigestAlgorithm, MacKey, SigningKeyPair } from './provider.js';

const CIPHER = 'sm4-ctr';
const SM4_KEY_BYTES = 16;

function checkLength(name: string, bytes: Uint8Array, length: number): void {
  if (bytes.length !== length) throw new RangeError(`${name} must be ${length} bytes, got ${bytes.length}`);
}

/** Parsed PEM keys, cached: parsing costs more than an Ed25519 signature. */
function keyCache(parse: (pem: string) => KeyObject): (pem: string) => KeyObject {
  const cache = new Map<string, KeyObject>();
  return (pem) => {
    let key = cache.get(pem);
    if (!key) {
      key = parse(pem);
      if (cache.size > 16) cache.clear();
      cache.set(pem, key);
    }
    return key;
  };
}

const privateKey = keyCache((pem) => createPrivateKey(pem));
const publicKey = keyCache((pem) => createPublicKey(pem));

function macKey(algorithm: DigestAlgorithm, key: Uint8Array): MacKey {
  // A KeyObject avoids copying the secret into every HMAC instance.
  const secret = createSecretKey(key);
  return {
    algorithm,
    macHex: (data) => createHmac(algorithm, secret).update(data).digest('hex'),
    mac: (data) => createHmac(algorithm, secret).update(data).digest(),
  };
}

/**
 * The node:crypto provider: SM3 / SHA-256, HMAC, SM4-CTR and Ed25519. Node's SM2 signatures do not follow
 * GB/T 32918 (no user-id digest), so checkpoints are signed with Ed25519 here; a certified module would
 * supply SM2.
 */
export const nodeCryptoProvider: CryptoProvider = {
  name: 'node',
  signatureAlgorithm: 'ed25519',
  hash: (algorithm, data) => createHash(algorithm).update(data).digest(),
  hmac: (algorithm, key, data) => createHmac(algorithm, key).update(data).digest(),
  macKey,
  encrypt(key, iv, plaintext) {
    checkLength('SM4 key', key, SM4_KEY_BYTES);
    checkLength('SM4-CTR counter block', iv, 16);
    const c = createCipheriv(CIPHER, key, iv);
    return Buffer.concat([c.update(plaintext), c.final()]);
  },
  decrypt(key, iv, ciphertext) {
    checkLength('SM4 key', key, SM4_KEY_BYTES);
    checkLength('SM4-CTR counter block', iv, 16);
    const d = createDecipheriv(CIPHER, key, iv);
    return Buffer.concat([d.update(ciphertext), d.final()]);
  },
  randomBytes: (length) => randomBytes(length),
  equal: (a, b) => a.length === b.length && timingSafeEqual(a, b),
  generateSigningKeyPair(): SigningKeyPair {
    const pair = generateKeyPairSync('ed25519');
    return {
      algorithm: 'ed25519',
      publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
  },
  sign: (privateKeyPem, data) => sign(null, data, privateKey(privateKeyPem)),
  verify(publicKeyPem, data, signature) {
    try {
      return verify(null, data, publicKey(publicKeyPem), signature);
    } catch {
      return false;
    }
  },
};
