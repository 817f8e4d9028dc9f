import type { UnitId } from '../../domain/ids.js';
import { checkWebhookUrl, describeWebhookUrlProblem } from '../../domain/webhook-target.js';
import type { Delivery, Webhook } from '../../store/index.js';
import type { ActorRef, AppDeps } from '../context.js';
import { nowInstant } from '../context.js';
import { actingScope } from '../items/load.js';
import { AccountError, roleRequired } from './errors.js';
import { newSecret } from './secrets.js';

export interface NewWebhookInput {
  readonly url: string;
  readonly unitId: UnitId;
  readonly ledgerType?: string | null;
}

const notFound = (id: string): AccountError => new AccountError('webhook_not_found', `No webhook ${id} that you may see.`, `未找到 Webhook ${id}(或无权查看)。`);

/** Supervisors register webhooks for units in their scope; others may not. */
async function supervisorScope(deps: AppDeps, ref: ActorRef) {
  const scope = await actingScope(deps, deps.store.read, ref);
  if (!scope.actor.roles.includes('supervisor')) throw roleRequired('supervisor', '督办员');
  return scope;
}

/**
 * Registers a webhook for the items of a unit's subtree (optionally one ledger type). The signing secret is
 * returned this once. The URL must be http(s) without credentials, and unless the deployment allows private
 * targets (deps.allowPrivateWebhooks), not at a loopback, private or link-local address (SSRF).
 * @throws AccountError `role_required` (not a supervisor), `token_scope_forbidden` (unit outside the scope),
 *   `webhook_url_invalid`, `webhook_url_forbidden`.
 */
export async function createWebhook(deps: AppDeps, ref: ActorRef, input: NewWebhookInput): Promise<{ webhook: Webhook; secret: string }> {
  const scope = await supervisorScope(deps, ref);
  const checked = checkWebhookUrl(input.url, deps.allowPrivateWebhooks === true);
  if (!checked.ok) {
    const { en, zh } = describeWebhookUrlProblem(checked.problem);
    const p = checked.problem;
    throw p.kind === 'invalid'
      ? new AccountError('webhook_url_invalid', en, zh, { reason: p.reason })
      : new AccountError('webhook_url_forbidden', en, zh, { host: p.host, addressKind: p.addressKind, setting: 'LUOSHI_WEBHOOK_ALLOW_PRIVATE' });
  }
  if (!scope.visible.has(input.unitId)) throw new AccountError('token_scope_forbidden', 'That unit is outside your scope.', '该单位不在您的权限范围内。');
  const secret = newSecret(deps.store.crypto);
  const webhook: Webhook = {
    id: deps.newId(),
    tenantId: ref.tenantId,
    url: input.url,
    unitId: input.unitId,
    ledgerType: input.ledgerType ?? null,
    createdBy: scope.actor.userId,
    createdAt: nowInstant(deps),
    disabledAt: null,
  };
  await deps.store.transaction(async (tx) => {
    await tx.webhooks.insert(webhook, secret);
    await tx.appendEvents(ref.tenantId, [
      {
        itemId: null,
        type: 'WebhookCreated',
        actorUserId: scope.actor.userId,
        actorUnitId: scope.actor.unitId,
        at: webhook.createdAt,
        payload: { webhookId: webhook.id, url: webhook.url, unitId: webhook.unitId, ledgerType: webhook.ledgerType },
      },
    ]);
  });
  return { webhook, secret };
}

/** Webhooks of units in the supervisor's scope. */
export async function listWebhooks(deps: AppDeps, ref: ActorRef): Promise<Webhook[]> {
  const scope = await supervisorScope(deps, ref);
  return (await deps.store.read.webhooks.list(ref.tenantId)).filter((h) => scope.visible.has(h.unitId));
}

/** A webhook of the supervisor's scope with its latest deliveries and their status. @throws `webhook_not_found`. */
export async function showWebhook(deps: AppDeps, ref: ActorRef, id: string): Promise<{ webhook: Webhook; deliveries: Delivery[] }> {
  const scope = await supervisorScope(deps, ref);
  const webhook = await deps.store.read.webhooks.get(ref.tenantId, id);
  if (!webhook || !scope.visible.has(webhook.unitId)) throw notFound(id);
  return { webhook, deliveries: await deps.store.read.webhooks.listDeliveries(ref.tenantId, id, 100) };
}

/** Stops a webhook (its pending deliveries stay visible). @throws `webhook_not_found`. */
export async function disableWebhook(deps: AppDeps, ref: ActorRef, id: string): Promise<void> {
  const { webhook } = await showWebhook(deps, ref, id);
  await deps.store.transaction(async (tx) => {
    const at = nowInstant(deps);
    if (await tx.webhooks.disable(ref.tenantId, webhook.id, at)) {
      await tx.appendEvents(ref.tenantId, [
        { itemId: null, type: 'WebhookDisabled', actorUserId: ref.tenantId && 'userId' in ref ? ref.userId : null, actorUnitId: null, at, payload: { webhookId: id } },
      ]);
    }
  });
}
