import { Secret, TOTP } from 'otpauth';
import type { TenantId, UserId } from '../../domain/ids.js';
import type { ActorRef, AppDeps } from '../context.js';
import { nowInstant } from '../context.js';
import { resolveActor } from '../actors.js';
import { AccountError } from './errors.js';

const ISSUER = 'Luoshi 落实';
const PERIOD = 30;

function totpFor(secret: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
}

/** The time step a code belongs to, if it is valid within one step of now; null otherwise. */
function stepOf(secret: string, code: string, nowMs: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secret, 'x').validate({ token: code, timestamp: nowMs, window: 1 });
  return delta === null ? null : Math.floor(nowMs / 1000 / PERIOD) + delta;
}

/**
 * Checks a TOTP code and spends it: a code is accepted once, and never one older than the last accepted.
 * Confirms a pending enrolment on its first valid code.
 */
export async function checkTotp(deps: AppDeps, tenantId: TenantId, userId: UserId, secret: string, code: string): Promise<boolean> {
  const step = stepOf(secret, code.trim(), deps.now().getTime());
  if (step === null) return false;
  return deps.store.transaction((tx) => tx.totp.accept(tenantId, userId, step, nowInstant(deps)));
}

export interface TotpEnrolment {
  readonly secret: string;
  /** otpauth:// URI for the authenticator app (shown as a QR code by the web app). */
  readonly uri: string;
}

/**
 * Starts enrolment of the acting user's TOTP factor with a new secret (replacing an unconfirmed one). A
 * confirmed factor is replaced only after a security admin resets it.
 * @throws AccountError `totp_invalid` when a confirmed factor exists.
 */
export async function beginTotpEnrolment(deps: AppDeps, ref: ActorRef): Promise<TotpEnrolment> {
  const { user } = await resolveActor(deps.store.read, ref);
  const existing = await deps.store.read.totp.get(ref.tenantId, user.id);
  if (existing?.confirmedAt) {
    throw new AccountError('totp_invalid', 'A second factor is enrolled already; a security admin can reset it.', '已绑定动态口令；如需更换请联系安全管理员重置。');
  }
  const secret = new Secret({ size: 20 }).base32;
  await deps.store.transaction((tx) => tx.totp.put(ref.tenantId, user.id, secret, nowInstant(deps)));
  return { secret, uri: totpFor(secret, user.username).toString() };
}

/**
 * Confirms enrolment with a first valid code.
 * @throws AccountError `totp_invalid`.
 */
export async function confirmTotpEnrolment(deps: AppDeps, ref: ActorRef, code: string): Promise<void> {
  const { user } = await resolveActor(deps.store.read, ref);
  const factor = await deps.store.read.totp.get(ref.tenantId, user.id);
  if (!factor || !(await checkTotp(deps, ref.tenantId, user.id, factor.secret, code))) {
    throw new AccountError('totp_invalid', 'The code is wrong or was used already.', '动态口令错误或已使用。');
  }
  await deps.store.transaction(async (tx) => {
    await tx.appendEvents(ref.tenantId, [{ itemId: null, type: 'SecondFactorEnrolled', actorUserId: user.id, actorUnitId: user.unitId, at: nowInstant(deps), payload: {} }]);
  });
}

/*
 * A second factor is reset (lost phone) only by a two-person request (two-person.ts, kind totp_reset): the
 * system admin asks, the security admin approves.
 */
