import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeCryptoProvider as c } from './crypto/node-provider.js';
import { isStoreError } from './errors.js';
import { verifySignature } from './crypto/signer.js';
import { KEY_FILES, loadCheckpointSigner, loadSecretKey, loadSigningKeys } from './keys.js';
import { tempDir } from './testing/dialects.js';

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'none';
  } catch (err) {
    return isStoreError(err) ? err.code : 'other';
  }
}

describe('key files', () => {
  it('creates a 32-byte key readable by the owner only, and reads the same key back', () => {
    const dir = tempDir();
    const key = loadSecretKey(dir, 'chain', c, true);
    expect(key.length).toBe(32);
    expect(statSync(join(dir, KEY_FILES.chain)).mode & 0o777).toBe(0o600);
    expect(Buffer.from(loadSecretKey(dir, 'chain', c, false)).equals(Buffer.from(key))).toBe(true);
  });

  it('refuses a key file readable by group or others', () => {
    const dir = tempDir();
    loadSecretKey(dir, 'master', c, true);
    chmodSync(join(dir, KEY_FILES.master), 0o644);
    expect(codeOf(() => loadSecretKey(dir, 'master', c, true))).toBe('key_file_insecure');
  });

  it('refuses a key of another purpose or a file that is no key', () => {
    const dir = tempDir();
    loadSecretKey(dir, 'master', c, true);
    writeFileSync(join(dir, KEY_FILES.chain), readFileSync(join(dir, KEY_FILES.master)), { mode: 0o600 });
    expect(codeOf(() => loadSecretKey(dir, 'chain', c, true))).toBe('key_file_invalid');
    writeFileSync(join(dir, KEY_FILES.chain), 'hello', { mode: 0o600 });
    expect(codeOf(() => loadSecretKey(dir, 'chain', c, true))).toBe('key_file_invalid');
  });

  it('will not invent a key when data protected by the old one exists', () => {
    expect(codeOf(() => loadSecretKey(tempDir(), 'chain', c, false))).toBe('key_missing');
    expect(codeOf(() => loadSigningKeys(tempDir(), c, false))).toBe('key_missing');
  });

  it('creates the checkpoint key pair: private half owner-only, public half beside it', () => {
    const dir = tempDir();
    const pair = loadSigningKeys(dir, c, true);
    expect(statSync(join(dir, KEY_FILES.checkpointPrivate)).mode & 0o777).toBe(0o600);
    expect(c.verify(pair.publicKeyPem, Buffer.from('x'), c.sign(pair.privateKeyPem, Buffer.from('x')))).toBe(true);
    expect(loadSigningKeys(dir, c, false).publicKeyPem).toBe(pair.publicKeyPem);
  });

  it('creates the SM2 checkpoint key owner-only, reads it back, and refuses to invent one when SM2 checkpoints exist', async () => {
    const dir = tempDir();
    const signer = loadCheckpointSigner(dir, true);
    expect(statSync(join(dir, KEY_FILES.checkpointSm2Private)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, KEY_FILES.checkpointSm2Public), 'utf8')).toBe(signer.publicKeyPem);
    const again = loadCheckpointSigner(dir, false);
    expect(again.publicKeyPem).toBe(signer.publicKeyPem);
    expect(verifySignature('sm2', signer.publicKeyPem, Buffer.from('x'), await again.sign(Buffer.from('x')))).toBe(true);
    expect(codeOf(() => loadCheckpointSigner(tempDir(), false))).toBe('key_missing');
  });
});
