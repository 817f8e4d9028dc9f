import type { CryptoProvider, StoredEvent } from '../../store/index.js';
import { generateSm2PrivateKey, openWithPassphrase, sealWithPassphrase, softwareSm2Signer, type SealedKey, type Signer } from '../../store/index.js';
import { resolveActor } from '../actors.js';
import { roleRequired } from '../accounts/errors.js';
import { nowInstant, type ActorRef, type AppDeps } from '../context.js';
import { SignatureError } from './errors.js';

/*
 * Personal SM2 keys for signing decisions. The person enrols a software key: it is generated on the server,
 * sealed at once by their passphrase (scrypt + SM4/HMAC-SM3) and only the sealed box and the public key are
 * kept — in the chain itself (SigningKeyEnrolled), so that what verify trusts cannot be swapped in a table.
 * The security admin registers the public key (SigningKeyRegistered) and may revoke it (SigningKeyRevoked):
 * signatures made before the revocation stay valid, later ones are refused. A USB key or a signing server
 * would enrol only its public key and sign behind the same Signer interface.
 */

export const KEY_EVENT_TYPES = ['SigningKeyEnrolled', 'SigningKeyRegistered', 'SigningKeyRevoked'] as const;

export interface SigningKeyState {
  readonly keyId: string;
  readonly userId: string;
  readonly algorithm: 'sm2';
  readonly publicKeyPem: string;
  readonly sealed: SealedKey;
  readonly enrolledAt: string;
  readonly enrolledSeq: number;
  readonly registeredSeq: number | null;
  readonly registeredAt: string | null;
  readonly revokedSeq: number | null;
  readonly revokedAt: string | null;
}

/** The keys of a tenant folded from their events, by key id. */
export function foldKeys(events: readonly StoredEvent[]): Map<string, SigningKeyState> {
  const keys = new Map<string, SigningKeyState>();
  for (const e of events) {
    const p = e.payload as Record<string, unknown>;
    const keyId = typeof p.keyId === 'string' ? p.keyId : '';
    const prior = keys.get(keyId);
    if (e.type === 'SigningKeyEnrolled' && !prior) {
      keys.set(keyId, {
        keyId,
        userId: String(p.userId),
        algorithm: 'sm2',
        publicKeyPem: String(p.publicKeyPem),
        sealed: p.sealed as SealedKey,
        enrolledAt: e.at,
        enrolledSeq: e.seq,
        registeredSeq: null,
        registeredAt: null,
        revokedSeq: null,
        revokedAt: null,
      });
    } else if (e.type === 'SigningKeyRegistered' && prior && prior.registeredSeq === null && prior.revokedSeq === null) {
      keys.set(keyId, { ...prior, registeredSeq: e.seq, registeredAt: e.at });
    } else if (e.type === 'SigningKeyRevoked' && prior && prior.revokedSeq === null) {
      keys.set(keyId, { ...prior, revokedSeq: e.seq, revokedAt: e.at });
    }
  }
  return keys;
}

/** Whether a key was registered and not yet revoked at a point of the chain. */
export const activeAt = (k: SigningKeyState, seq: number): boolean => k.registeredSeq !== null && k.registeredSeq < seq && (k.revokedSeq === null || k.revokedSeq > seq);

export async function tenantKeys(deps: AppDeps, tenantId: string): Promise<Map<string, SigningKeyState>> {
  return foldKeys(await deps.store.read.events.listByTypes(tenantId, KEY_EVENT_TYPES));
}

const MIN_PASSPHRASE = 12;

/**
 * Enrols a new SM2 key for the acting person, sealed by their passphrase; it signs nothing until the security
 * admin registers it. Returns the key id and the public key.
 * @throws SignatureError `passphrase_too_short`; AppError `user_not_found`, `user_disabled`.
 */
export async function enrolSigningKey(deps: AppDeps, ref: ActorRef, passphrase: string): Promise<{ keyId: string; publicKeyPem: string }> {
  if ([...passphrase].length < MIN_PASSPHRASE) {
    throw new SignatureError('passphrase_too_short', `The passphrase must have at least ${MIN_PASSPHRASE} characters.`, `口令至少 ${MIN_PASSPHRASE} 个字符。`);
  }
  const { user } = await resolveActor(deps.store.read, ref);
  const secret = generateSm2PrivateKey();
  const publicKeyPem = softwareSm2Signer(secret).publicKeyPem;
  const keyId = deps.newId();
  const sealed = sealWithPassphrase(deps.store.crypto, passphrase, keyId, secret);
  secret.fill(0);
  await deps.store.transaction((tx) =>
    tx.appendEvents(ref.tenantId, [
      {
        itemId: null,
        type: 'SigningKeyEnrolled',
        actorUserId: user.id,
        actorUnitId: user.unitId,
        at: nowInstant(deps),
        payload: { keyId, userId: user.id, algorithm: 'sm2', publicKeyPem, sealed },
      },
    ]),
  );
  return { keyId, publicKeyPem };
}

async function changeKey(deps: AppDeps, ref: ActorRef, keyId: string, type: 'SigningKeyRegistered' | 'SigningKeyRevoked', reason?: string): Promise<SigningKeyState> {
  const { user, actor } = await resolveActor(deps.store.read, ref);
  if (!actor.roles.includes('security_admin')) throw roleRequired('security_admin', '安全管理员');
  const key = (await tenantKeys(deps, ref.tenantId)).get(keyId);
  if (!key) throw new SignatureError('signing_key_not_found', `No signing key ${keyId}.`, `签章密钥 ${keyId} 不存在。`, { keyId });
  const stale = type === 'SigningKeyRegistered' ? key.registeredSeq !== null || key.revokedSeq !== null : key.revokedSeq !== null;
  if (stale) {
    throw new SignatureError(
      'signing_key_not_active',
      `Signing key ${keyId} is already ${key.revokedSeq !== null ? 'revoked' : 'registered'}.`,
      `签章密钥 ${keyId} 已${key.revokedSeq !== null ? '吊销' : '登记'}。`,
      { keyId },
    );
  }
  await deps.store.transaction((tx) =>
    tx.appendEvents(ref.tenantId, [
      { itemId: null, type, actorUserId: user.id, actorUnitId: user.unitId, at: nowInstant(deps), payload: { keyId, userId: key.userId, ...(reason ? { reason } : {}) } },
    ]),
  );
  return (await tenantKeys(deps, ref.tenantId)).get(keyId)!;
}

/** The security admin registers an enrolled key: from now on it signs its owner's decisions. */
export const registerSigningKey = (deps: AppDeps, ref: ActorRef, keyId: string): Promise<SigningKeyState> => changeKey(deps, ref, keyId, 'SigningKeyRegistered');

/** The security admin revokes a key: its earlier signatures stay valid, later ones are refused. */
export const revokeSigningKey = (deps: AppDeps, ref: ActorRef, keyId: string, reason: string): Promise<SigningKeyState> => changeKey(deps, ref, keyId, 'SigningKeyRevoked', reason);

/** The person's key that signs now (registered, not revoked), if any. */
export function activeKeyOf(keys: Map<string, SigningKeyState>, userId: string): SigningKeyState | undefined {
  return [...keys.values()].filter((k) => k.userId === userId && k.registeredSeq !== null && k.revokedSeq === null).pop();
}

/**
 * Opens the person's sealed key with the passphrase for one signature; the key lives only in this call.
 * @throws SignatureError `passphrase_invalid`.
 */
export function unseal(crypto: CryptoProvider, key: SigningKeyState, passphrase: string): Signer {
  const secret = openWithPassphrase(crypto, passphrase, key.keyId, key.sealed);
  if (!secret) throw new SignatureError('passphrase_invalid', 'The passphrase does not open your signing key.', '口令无法打开您的签章密钥。');
  return softwareSm2Signer(secret);
}
