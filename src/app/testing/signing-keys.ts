/*
 * Test support for signed decisions: a person's key enrolled and registered through the use cases themselves,
 * as `luoshi keys enrol` and `luoshi keys register` would do it.
 */
import type { AppDeps } from '../context.js';
import { enrolSigningKey, registerSigningKey } from '../signatures/keys.js';

/** The passphrase test keys are sealed with. */
export const TEST_SIGNING_PASSPHRASE = '督办签章口令-2026-示范市';

/** Enrols `username`'s key and has `securityAdmin` register it; returns the key id. */
export async function registeredKey(deps: AppDeps, tenantId: string, username: string, securityAdmin: string, passphrase = TEST_SIGNING_PASSPHRASE): Promise<string> {
  const { keyId } = await enrolSigningKey(deps, { tenantId, username }, passphrase);
  await registerSigningKey(deps, { tenantId, username: securityAdmin }, keyId);
  return keyId;
}
