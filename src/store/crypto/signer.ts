import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { sm2GeneratePrivateKey, sm2PublicKeyFromPem, sm2PublicKeyOf, sm2PublicKeyToPem, sm2Sign, sm2Verify } from './sm2.js';

/*
 * One signing interface for everything Luoshi signs — the checkpoints of the chain and the decisions of
 * people (审签, 销号, 通报). The private key stays behind it: the software signer holds it in memory, a
 * PKCS#11 token (USB key) or a signing server would implement the same two members with the key never
 * leaving the device. `sign` is asynchronous for that reason.
 */
export interface Signer {
  /** `sm2` (GM/T 0003.2 with SM3 and the default user id of GM/T 0009). */
  readonly algorithm: 'sm2';
  /** The public half as a PEM SubjectPublicKeyInfo: enough to verify, never to sign. */
  readonly publicKeyPem: string;
  /** The signature r‖s (64 bytes) over `data`. */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** A signer over a private key held in this process (32 bytes). */
export function softwareSm2Signer(privateKey: Uint8Array): Signer {
  const key = new Uint8Array(privateKey);
  const publicKeyPem = sm2PublicKeyToPem(sm2PublicKeyOf(key));
  return {
    algorithm: 'sm2',
    publicKeyPem,
    sign: (data) => Promise.resolve(sm2Sign(key, data)),
  };
}

/** A new software SM2 private key (32 bytes). */
export const generateSm2PrivateKey = sm2GeneratePrivateKey;

/**
 * Verifies a signature of any algorithm Luoshi has written. False (never a throw) for a bad signature, a
 * malformed key or an algorithm it does not know.
 */
export function verifySignature(algorithm: string, publicKeyPem: string, data: Uint8Array, signature: Uint8Array): boolean {
  if (algorithm === 'sm2') {
    const pub = sm2PublicKeyFromPem(publicKeyPem);
    return pub !== undefined && sm2Verify(pub, data, signature);
  }
  if (algorithm === 'ed25519') {
    try {
      const key = createPublicKey(publicKeyPem);
      return key.asymmetricKeyType === 'ed25519' && nodeVerify(null, data, key, signature);
    } catch {
      return false;
    }
  }
  return false;
}
