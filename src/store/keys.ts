import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CryptoProvider, SigningKeyPair } from './crypto/provider.js';
import { generateSm2PrivateKey, softwareSm2Signer, type Signer } from './crypto/signer.js';
import { StoreError } from './errors.js';

/*
 * Keys live outside the database, in files of the data folder readable by the owner only (0600). A key
 * file readable by group or others is refused: the chain is only as trustworthy as its key is secret.
 *   chain.key            HMAC key of the event chain
 *   master.key           wraps the per-case keys of personal data
 *   checkpoint-sm2.key/.pub  SM2 pair signing the checkpoints (the .pub alone verifies them)
 *   checkpoint.key/.pub  Ed25519 pair of logs written before SM2: only its .pub is still read, to verify them
 */

export const KEY_FILES = {
  chain: 'chain.key',
  master: 'master.key',
  checkpointPrivate: 'checkpoint.key',
  checkpointPublic: 'checkpoint.pub',
  checkpointLog: 'checkpoints.log',
  checkpointSm2Private: 'checkpoint-sm2.key',
  checkpointSm2Public: 'checkpoint-sm2.pub',
} as const;

export type SecretPurpose = 'chain' | 'master';
const SECRET_BYTES = 32;
const HEADER = 'luoshi-key v1';

/** Creates the data folder (owner-only) if it does not exist. */
export function ensureDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

function assertOwnerOnly(file: string): void {
  if (process.platform === 'win32') return;
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    const octal = mode.toString(8).padStart(3, '0');
    throw new StoreError(
      'key_file_insecure',
      `key file ${file} is accessible to group or others (mode ${octal}); run chmod 600 on it`,
      `密钥文件 ${file} 对同组或其他用户可访问（权限 ${octal}），请执行 chmod 600`,
      { file, mode: octal },
    );
  }
}

function invalidKey(file: string, why: string, whyZh: string): StoreError {
  return new StoreError('key_file_invalid', `key file ${file} is not usable: ${why}`, `密钥文件 ${file} 不可用：${whyZh}`, { file });
}

function missingKey(file: string, needed: string, neededZh: string): StoreError {
  return new StoreError(
    'key_missing',
    `key file ${file} is missing but ${needed}; restore it from your backup (a new key would not match)`,
    `密钥文件 ${file} 缺失，而${neededZh}；请从备份恢复（新生成的密钥无法匹配）`,
    { file },
  );
}

/** Writes a new owner-only file; returns false when another process created it first. */
function writeNew(file: string, text: string, mode: number): boolean {
  try {
    writeFileSync(file, text, { mode, flag: 'wx' });
    chmodSync(file, mode); // the mode given to writeFileSync is filtered by the umask; make it exact
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

function parseSecret(file: string, purpose: SecretPurpose): Uint8Array {
  assertOwnerOnly(file);
  const parts = readFileSync(file, 'utf8').trim().split(' ');
  if (parts.length !== 4 || `${parts[0]} ${parts[1]}` !== HEADER) throw invalidKey(file, 'not a Luoshi key file', '不是落实密钥文件');
  if (parts[2] !== purpose) throw invalidKey(file, `it is a ${parts[2]} key, not a ${purpose} key`, `这是 ${parts[2]} 密钥，不是 ${purpose} 密钥`);
  const key = Buffer.from(parts[3]!, 'base64');
  if (key.length !== SECRET_BYTES) throw invalidKey(file, `expected ${SECRET_BYTES} bytes`, `应为 ${SECRET_BYTES} 字节`);
  return key;
}

/**
 * Reads a secret key file of the data folder, creating it (0600, 32 random bytes) when absent and `create`
 * allows it.
 * @param create false when data protected by this key already exists: then a missing file is an error.
 * @throws StoreError `key_file_insecure`, `key_file_invalid`, `key_missing`.
 */
export function loadSecretKey(dir: string, purpose: SecretPurpose, crypto: CryptoProvider, create: boolean): Uint8Array {
  const file = join(dir, KEY_FILES[purpose]);
  if (!existsSync(file)) {
    if (!create) {
      throw purpose === 'chain'
        ? missingKey(file, 'the database already holds a keyed event chain', '数据库中已有带密钥的事件链')
        : missingKey(file, 'the database already holds case keys wrapped by it', '数据库中已有由它加密的案件密钥');
    }
    const key = Buffer.from(crypto.randomBytes(SECRET_BYTES));
    writeNew(file, `${HEADER} ${purpose} ${key.toString('base64')}\n`, 0o600);
  }
  return parseSecret(file, purpose);
}

/**
 * Reads the checkpoint signing pair, creating it when absent and `create` allows it.
 * @param create false when signed checkpoints already exist (a new pair could not verify them).
 * @throws StoreError `key_file_insecure`, `key_missing`.
 */
export function loadSigningKeys(dir: string, crypto: CryptoProvider, create: boolean): SigningKeyPair {
  const priv = join(dir, KEY_FILES.checkpointPrivate);
  const pub = join(dir, KEY_FILES.checkpointPublic);
  if (!existsSync(priv)) {
    if (!create) throw missingKey(priv, 'checkpoints signed with it exist', '已有用它签名的检查点');
    const pair = crypto.generateSigningKeyPair();
    if (writeNew(priv, pair.privateKeyPem, 0o600)) writeFileSync(pub, pair.publicKeyPem, { mode: 0o644 });
  }
  assertOwnerOnly(priv);
  if (!existsSync(pub)) throw invalidKey(pub, 'the public half of the checkpoint key is missing', '检查点公钥缺失');
  return { algorithm: crypto.signatureAlgorithm, privateKeyPem: readFileSync(priv, 'utf8'), publicKeyPem: readFileSync(pub, 'utf8') };
}

/**
 * Reads the SM2 pair signing the checkpoints, creating it when absent and `create` allows it.
 * @param create false when checkpoints signed with SM2 already exist (a new pair could not verify them).
 * @throws StoreError `key_file_insecure`, `key_file_invalid`, `key_missing`.
 */
export function loadCheckpointSigner(dir: string, create: boolean): Signer {
  const priv = join(dir, KEY_FILES.checkpointSm2Private);
  const pub = join(dir, KEY_FILES.checkpointSm2Public);
  if (!existsSync(priv)) {
    if (!create) throw missingKey(priv, 'checkpoints signed with it exist', '已有用它签名的检查点');
    const key = Buffer.from(generateSm2PrivateKey());
    if (writeNew(priv, `${HEADER} checkpoint-sm2 ${key.toString('base64')}\n`, 0o600)) writeFileSync(pub, softwareSm2Signer(key).publicKeyPem, { mode: 0o644 });
  }
  assertOwnerOnly(priv);
  const parts = readFileSync(priv, 'utf8').trim().split(' ');
  const key = Buffer.from(parts[3] ?? '', 'base64');
  if (parts.length !== 4 || `${parts[0]} ${parts[1]}` !== HEADER || parts[2] !== 'checkpoint-sm2' || key.length !== 32) {
    throw invalidKey(priv, 'not a Luoshi SM2 checkpoint key', '不是落实 SM2 检查点密钥');
  }
  const signer = softwareSm2Signer(key);
  if (!existsSync(pub)) writeFileSync(pub, signer.publicKeyPem, { mode: 0o644 });
  return signer;
}

/** The Ed25519 public key of checkpoints written before SM2, when the data folder still has it. */
export function legacyCheckpointPublicKey(dir: string): string | undefined {
  const pub = join(dir, KEY_FILES.checkpointPublic);
  return existsSync(pub) ? readFileSync(pub, 'utf8') : undefined;
}
