import type { TenantId } from '../domain/ids.js';
import { canonicalJson } from './canonical.js';
import { deriveEtmKeys, openBytes, sealBytes, type EtmKeys } from './crypto/etm.js';
import type { CryptoProvider } from './crypto/provider.js';
import { StoreError } from './errors.js';

/*
 * Personal data (DESIGN.md, Privacy): each field a ledger type declares personal is sealed with its case's
 * key before it reaches an item or an event. The chain covers the sealed envelope, so destroying the case
 * key erases the value everywhere (PIPL Art. 47) while every MAC still verifies.
 */

export const PERSONAL_ALGORITHM = 'sm4-ctr+hmac-sm3';

/** The key of one case, ready to seal and open. */
export interface CaseKey {
  readonly tenantId: TenantId;
  readonly caseId: string;
  readonly keys: EtmKeys;
}

/** A sealed personal value as it is stored in items and events. */
export interface SealedValue {
  readonly $sealed: typeof PERSONAL_ALGORITHM;
  /** base64 of the SM4-CTR counter block, the ciphertext and the HMAC-SM3 tag. */
  readonly iv: string;
  readonly ct: string;
  readonly tag: string;
}

/** What a sealed value reads as once its case key is destroyed. */
export interface ErasedValue {
  readonly $erased: 'case_key_destroyed';
}

export const ERASED: ErasedValue = Object.freeze({ $erased: 'case_key_destroyed' });

/** Builds a case key from its 32-byte secret (as unwrapped from case_keys). */
export function caseKeyFromSecret(crypto: CryptoProvider, tenantId: TenantId, caseId: string, secret: Uint8Array): CaseKey {
  return { tenantId, caseId, keys: deriveEtmKeys(crypto, secret, 'luoshi personal v1') };
}

const context = (key: { tenantId: string; caseId: string }): string => `personal v1|${key.tenantId}|${key.caseId}`;
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

export function isSealed(value: unknown): value is SealedValue {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return v.$sealed === PERSONAL_ALGORITHM && typeof v.iv === 'string' && typeof v.ct === 'string' && typeof v.tag === 'string';
}

export function isErased(value: unknown): value is ErasedValue {
  return value !== null && typeof value === 'object' && (value as Record<string, unknown>).$erased === 'case_key_destroyed';
}

/**
 * Seals a personal value (any plain JSON) under the case key.
 * @throws StoreError `invalid_input` when the value is not plain JSON.
 */
export function sealPersonal(crypto: CryptoProvider, key: CaseKey, value: unknown): SealedValue {
  const box = sealBytes(crypto, key.keys, context(key), Buffer.from(canonicalJson(value), 'utf8'));
  return { $sealed: PERSONAL_ALGORITHM, iv: b64(box.iv), ct: b64(box.ct), tag: b64(box.tag) };
}

/**
 * Opens a sealed value. With `null` for the key (the case key was destroyed) it returns ERASED: an erased
 * value is a normal state to show, not an error.
 * @throws StoreError `envelope_invalid` when the envelope was altered or belongs to another case.
 */
export function openPersonal(crypto: CryptoProvider, key: CaseKey | null, envelope: SealedValue): unknown {
  if (key === null) return ERASED;
  const box = { iv: Buffer.from(envelope.iv, 'base64'), ct: Buffer.from(envelope.ct, 'base64'), tag: Buffer.from(envelope.tag, 'base64') };
  const plain = openBytes(crypto, key.keys, context(key), box);
  if (plain === null) {
    throw new StoreError('envelope_invalid', `a sealed personal value of case ${key.caseId} fails its integrity check`, `案件 ${key.caseId} 的加密个人信息未通过完整性校验`, {
      caseId: key.caseId,
    });
  }
  return JSON.parse(Buffer.from(plain).toString('utf8')) as unknown;
}

/**
 * Opens every sealed value among a record's fields (e.g. an item's `fields`), leaving the others as they
 * are; with a null key the sealed ones read as ERASED.
 * @throws StoreError `envelope_invalid` as openPersonal.
 */
export function openPersonalFields(crypto: CryptoProvider, key: CaseKey | null, fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) out[name] = isSealed(value) ? openPersonal(crypto, key, value) : value;
  return out;
}

const fileContext = (key: { tenantId: string; caseId: string }): string => `evidence v1|${key.tenantId}|${key.caseId}`;

/**
 * Seals a file of the case (evidence bytes) under its case key: the counter block, the ciphertext and the tag
 * in one buffer, as the blob store keeps it. Destroying the case key then erases the file as it erases the
 * sealed fields.
 */
export function sealCaseFile(crypto: CryptoProvider, key: CaseKey, bytes: Uint8Array): Buffer {
  const box = sealBytes(crypto, key.keys, fileContext(key), bytes);
  return Buffer.concat([box.iv, box.ct, box.tag]);
}

/**
 * Opens a sealed file of the case; with `null` for the key (destroyed) it returns ERASED.
 * @throws StoreError `envelope_invalid` when the file was altered or belongs to another case.
 */
export function openCaseFile(crypto: CryptoProvider, key: CaseKey | null, sealed: Uint8Array): Buffer | ErasedValue {
  if (key === null) return ERASED;
  const plain =
    sealed.length >= 16 + 32
      ? openBytes(crypto, key.keys, fileContext(key), { iv: sealed.subarray(0, 16), ct: sealed.subarray(16, sealed.length - 32), tag: sealed.subarray(sealed.length - 32) })
      : null;
  if (plain === null) {
    throw new StoreError('envelope_invalid', `a sealed file of case ${key.caseId} fails its integrity check`, `案件 ${key.caseId} 的加密文件未通过完整性校验`, {
      caseId: key.caseId,
    });
  }
  return Buffer.from(plain);
}
