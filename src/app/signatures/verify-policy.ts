import type { TenantId } from '../../domain/ids.js';
import type { ChainVerification, Store } from '../../store/index.js';

/*
 * The signing policy is a column of the tenant, so whoever can write the database could turn `required` into
 * `when_enrolled` behind the record and let unsigned decisions through. Verify therefore holds the column to the
 * chain: the last SigningPolicySet event, else the policy the tenant was created with (TenantCreated), else
 * `when_enrolled` — the tenant predates the policy and the migration gave it that.
 */

/** The stored signing policy against the events that set it; `chain` unchanged when they agree. */
export async function verifySigningPolicy(store: Store, tenantId: TenantId, chain: ChainVerification & { ok: true }): Promise<ChainVerification> {
  const [events, tenant] = await Promise.all([store.read.events.listByTypes(tenantId, ['TenantCreated', 'SigningPolicySet']), store.read.tenants.get(tenantId)]);
  const set = events.findLast((e) => e.type === 'SigningPolicySet');
  const created = events.find((e) => e.type === 'TenantCreated');
  const said = set ? (set.payload as { policy?: unknown }).policy : ((created?.payload as { signingPolicy?: unknown } | undefined)?.signingPolicy ?? 'when_enrolled');
  if (!tenant || tenant.signingPolicy === said) return chain;
  const seq = set?.seq ?? created?.seq ?? 0;
  return {
    ok: false,
    seq,
    problem: 'projection_mismatch',
    message: `the tenant's signing policy is ${tenant.signingPolicy} but event #${seq} set ${String(said)}: the tenants table was edited`,
    messageZh: `租户的签章要求为 ${tenant.signingPolicy}，与设置它的第 ${seq} 号事件（${String(said)}）不符：租户表被改动`,
    count: chain.count,
  };
}
