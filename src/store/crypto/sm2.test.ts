import { generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { generateSm2PrivateKey, softwareSm2Signer, verifySignature } from './signer.js';
import { SM2_DEFAULT_ID, sm2Digest, sm2PublicKeyFromPem, sm2PublicKeyOf, sm2PublicKeyToPem, sm2Sign, sm2Verify, sm2Z } from './sm2.js';

// sm-crypto (npm, JuneAndGreen) is an SM2 implementation of its own (jsbn arithmetic, its own SM3): signatures
// must pass between it and ours in both directions. It is CommonJS, hence require.
const require = createRequire(import.meta.url);
const smCrypto = require('sm-crypto') as {
  sm2: {
    doSignature(msg: string, privateKeyHex: string, opts: { hash: boolean; publicKey?: string; der?: boolean }): string;
    doVerifySignature(msg: string, sigHex: string, publicKeyHex: string, opts: { hash: boolean; der?: boolean }): boolean;
    generateKeyPairHex(): { privateKey: string; publicKey: string };
  };
};

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();
const bytes = (h: string): Uint8Array => Buffer.from(h, 'hex');

// GM/T 0003.5-2012 Annex A.2 (= GB/T 32918.5-2017 Annex A): the signature example on the recommended curve,
// message "message digest", user id 1234567812345678.
const EXAMPLE = {
  d: '3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8',
  x: '09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020',
  y: 'CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13',
  k: '59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21',
  z: 'B2E14C5C79C6DF5B85F4FE7ED8DB7A262B9DA7E07CCB0EA9F4747B8CCDA8A4F3',
  e: 'F0B43E94BA45ACCAACE692ED534382EB17E6AB5A19CE7B31F4486FDFC0D28640',
  r: 'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3',
  s: 'B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA',
};
const message = Buffer.from('message digest');

describe('SM2 (GM/T 0003)', () => {
  it('derives the public key, Z, e and the signature of the standard example', () => {
    const pub = sm2PublicKeyOf(bytes(EXAMPLE.d));
    expect(hex(pub)).toBe(`04${EXAMPLE.x}${EXAMPLE.y}`);
    expect(hex(sm2Z(pub, SM2_DEFAULT_ID))).toBe(EXAMPLE.z);
    expect(hex(sm2Digest(pub, message))).toBe(EXAMPLE.e);
    expect(hex(sm2Sign(bytes(EXAMPLE.d), message, { nonce: bytes(EXAMPLE.k) }))).toBe(EXAMPLE.r + EXAMPLE.s);
  });

  it('verifies the example signature and refuses it for another message, id, key or a changed byte', () => {
    const pub = bytes(`04${EXAMPLE.x}${EXAMPLE.y}`);
    const sig = bytes(EXAMPLE.r + EXAMPLE.s);
    expect(sm2Verify(pub, message, sig)).toBe(true);
    expect(sm2Verify(pub, Buffer.from('message digesT'), sig)).toBe(false);
    expect(sm2Verify(pub, message, sig, 'ALICE123@YAHOO.COM')).toBe(false);
    expect(sm2Verify(sm2PublicKeyOf(generateSm2PrivateKey()), message, sig)).toBe(false);
    const bad = Uint8Array.from(sig);
    bad[40]! ^= 1;
    expect(sm2Verify(pub, message, bad)).toBe(false);
    expect(sm2Verify(pub, message, sig.subarray(0, 63))).toBe(false);
    expect(sm2Verify(bytes('04' + '00'.repeat(64)), message, sig)).toBe(false);
  });

  it('signatures made here verify in sm-crypto', () => {
    for (let i = 0; i < 5; i++) {
      const d = generateSm2PrivateKey();
      const text = `审签 第${i}号 ${'督办'.repeat(i * 7)}`;
      const sig = sm2Sign(d, Buffer.from(text, 'utf8'));
      expect(smCrypto.sm2.doVerifySignature(text, hex(sig).toLowerCase(), hex(sm2PublicKeyOf(d)).toLowerCase(), { hash: true })).toBe(true);
      expect(smCrypto.sm2.doVerifySignature(`${text}!`, hex(sig).toLowerCase(), hex(sm2PublicKeyOf(d)).toLowerCase(), { hash: true })).toBe(false);
    }
  });

  it('signatures made by sm-crypto verify here', () => {
    for (let i = 0; i < 5; i++) {
      const { privateKey, publicKey } = smCrypto.sm2.generateKeyPairHex();
      const text = `销号 ${i} ${'整改'.repeat(i * 5)}`;
      const sig = smCrypto.sm2.doSignature(text, privateKey, { hash: true, publicKey });
      expect(sm2Verify(bytes(publicKey), Buffer.from(text, 'utf8'), bytes(sig))).toBe(true);
      expect(sm2Verify(bytes(publicKey), Buffer.from(`${text} `, 'utf8'), bytes(sig))).toBe(false);
    }
  });

  it('round-trips the public key through PEM and refuses a PEM that is not an SM2 key', () => {
    const pub = sm2PublicKeyOf(generateSm2PrivateKey());
    expect(hex(sm2PublicKeyFromPem(sm2PublicKeyToPem(pub))!)).toBe(hex(pub));
    expect(sm2PublicKeyFromPem('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n')).toBeUndefined();
  });
});

describe('node:crypto on curve SM2', () => {
  it('does not make GM/T 0003 signatures (why the scheme is written here)', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const spki = publicKey.export({ type: 'spki', format: 'der' });
    const pub = spki.subarray(spki.length - 65);
    const der = nodeSign(null, message, privateKey);
    // DER SEQUENCE of two INTEGERs → r‖s
    const ints: Buffer[] = [];
    for (let i = 2; ints.length < 2;) {
      const len = der[i + 1]!;
      ints.push(der.subarray(i + 2, i + 2 + len));
      i += 2 + len;
    }
    const rs = Buffer.concat(ints.map((b) => Buffer.from(b.toString('hex').replace(/^00/, '').padStart(64, '0'), 'hex')));
    expect(sm2Verify(pub, message, rs)).toBe(false);
  });
});

describe('softwareSm2Signer', () => {
  it('signs through the interface; verifySignature checks SM2 and refuses unknown algorithms', async () => {
    const signer = softwareSm2Signer(generateSm2PrivateKey());
    const data = Buffer.from('{"seq":1}');
    const sig = await signer.sign(data);
    expect(verifySignature('sm2', signer.publicKeyPem, data, sig)).toBe(true);
    expect(verifySignature('sm2', signer.publicKeyPem, Buffer.from('{"seq":2}'), sig)).toBe(false);
    expect(verifySignature('rsa', signer.publicKeyPem, data, sig)).toBe(false);
    expect(verifySignature('ed25519', signer.publicKeyPem, data, sig)).toBe(false);
  });
});
