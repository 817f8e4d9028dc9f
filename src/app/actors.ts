import type { Actor } from '../domain/roles.js';
import type { ReadContext, TransactionContext, User } from '../store/index.js';
import type { ActorRef } from './context.js';
import { AppError } from './errors.js';

export interface ResolvedActor {
  readonly user: User;
  readonly actor: Actor;
}

/**
 * Loads the acting user and turns it into the domain's Actor.
 * @throws AppError `user_not_found`, `user_disabled`.
 */
export async function resolveActor(ctx: ReadContext | TransactionContext, ref: ActorRef): Promise<ResolvedActor> {
  const user = 'username' in ref ? await ctx.users.getByUsername(ref.tenantId, ref.username) : await ctx.users.get(ref.tenantId, ref.userId);
  const who = 'username' in ref ? ref.username : ref.userId;
  if (!user) throw new AppError('user_not_found', `No user ${who}.`, `用户 ${who} 不存在。`, { user: who });
  if (user.disabledAt) throw new AppError('user_disabled', `User ${who} is disabled.`, `用户 ${who} 已停用。`, { user: who });
  return { user, actor: { userId: user.id, unitId: user.unitId, roles: user.roles } };
}
