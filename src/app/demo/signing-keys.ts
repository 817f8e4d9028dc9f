import type { AppDeps } from '../context.js';
import { enrolSigningKey, registerSigningKey } from '../signatures/keys.js';
import { setSigningPolicy } from '../signatures/policy.js';

/*
 * The demo city signs its decisions as a new city must (签章要求 `required`): every supervisor and leader — the
 * people who pass 审签 and 销号, in the seed and by hand — has an SM2 key enrolled with the published demo
 * passphrase and registered by the demo's security admin. The passphrase is public, like the demo password:
 * a demo, not a real city.
 */

/** Passphrase of the demo signers' keys, listed in the README beside the demo logins. */
export const DEMO_SIGNING_PASSPHRASE = 'Luoshi-sign-2026';

/** The demo people who take signed decisions. */
export const DEMO_SIGNERS = ['supervisor', 'leader', ...['d1', 'd2', 'd3'].flatMap((d) => [`${d}.supervisor`, `${d}.leader`])] as const;

const SECURITY_ADMIN = 'secadmin';

/** Enrols and registers the signers' keys and sets the tenant's signing policy to `required`. */
export async function enrolDemoSigners(deps: AppDeps, tenantId: string): Promise<void> {
  for (const username of DEMO_SIGNERS) {
    const { keyId } = await enrolSigningKey(deps, { tenantId, username }, DEMO_SIGNING_PASSPHRASE);
    await registerSigningKey(deps, { tenantId, username: SECURITY_ADMIN }, keyId);
  }
  await setSigningPolicy(deps, { tenantId, username: SECURITY_ADMIN }, 'required');
}
