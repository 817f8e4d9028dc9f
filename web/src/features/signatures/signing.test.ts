import { describe, expect, it } from 'vitest';
import type { SigningKey } from '../../api/types.js';
import { mayEnrol, passphraseProblem, signedDecisionOf, signingOutlook, signingReadiness, validityOf } from './signing.js';

const key = (state: SigningKey['state']): SigningKey => ({
  keyId: state,
  userId: 'u',
  userName: '张督办',
  state,
  publicKeyPem: '',
  enrolledAt: '2026-01-01T00:00:00Z',
  registeredAt: null,
  revokedAt: null,
});
const RECTIFICATION = ['acceptance', 'public_notice', 'sign_off', 'review'];

describe('signing in the web', () => {
  it('knows which pass is a signed decision: 审签, and the last stage (销号)', () => {
    expect(signedDecisionOf('sign_off', RECTIFICATION)).toBe('sign_off');
    expect(signedDecisionOf('review', RECTIFICATION)).toBe('close');
    expect(signedDecisionOf('public_notice', RECTIFICATION)).toBeNull();
    expect(signedDecisionOf('review', ['review'])).toBe('close');
    expect(signedDecisionOf(null, RECTIFICATION)).toBeNull();
  });

  it('tells a person whether they can sign, and whether to enrol', () => {
    expect(signingReadiness([])).toBe('none');
    expect(signingReadiness([key('revoked')])).toBe('none');
    expect(signingReadiness([key('revoked'), key('enrolled')])).toBe('pending');
    expect(signingReadiness([key('revoked'), key('registered')])).toBe('ready');
    expect(mayEnrol([key('revoked')])).toBe(true);
    expect(mayEnrol([key('enrolled')])).toBe(false);
  });

  it('refuses a signed decision without a key that signs under the city policy required, lets it pass unsigned under when_enrolled', () => {
    expect(signingOutlook('ready', 'required')).toBe('signed');
    expect(signingOutlook('ready', undefined)).toBe('signed');
    expect(signingOutlook('none', 'required')).toBe('refused');
    expect(signingOutlook('pending', 'required')).toBe('refused');
    expect(signingOutlook('none', 'when_enrolled')).toBe('unsigned');
    expect(signingOutlook('pending', undefined)).toBeNull();
  });

  it('says a signature made before its key was revoked is still valid, and why a bad one is not', () => {
    expect(validityOf({ valid: true, problem: null, keyRevokedAt: null })).toEqual({ key: 'signature.valid', ok: true });
    expect(validityOf({ valid: true, problem: null, keyRevokedAt: '2026-02-01T00:00:00Z' })).toEqual({ key: 'signature.validRevokedLater', ok: true });
    expect(validityOf({ valid: false, problem: 'key_not_active', keyRevokedAt: '2026-02-01T00:00:00Z' })).toEqual({ key: 'signature.problem.keyNotActive', ok: false });
    expect(validityOf({ valid: false, problem: 'event_altered', keyRevokedAt: null }).key).toBe('signature.problem.altered');
    expect(validityOf({ valid: false, problem: 'bad_signature', keyRevokedAt: null }).key).toBe('signature.problem.bad');
  });

  it('checks the passphrase typed twice: 12 characters (counted as characters, not bytes), the same both times', () => {
    expect(passphraseProblem('短口令', '短口令')).toBe('signing.tooShort');
    expect(passphraseProblem('督办签章口令示范市二〇二六', '督办签章口令示范市二〇二六')).toBeNull();
    expect(passphraseProblem('督办签章口令示范市二〇二六', '督办签章口令示范市二〇二七')).toBe('signing.mismatch');
  });
});
