import type { NotifyPreferences } from '../../domain/notify/route.js';
import type { InboxEntry } from '../../store/index.js';
import { resolveActor } from '../actors.js';
import { nowInstant, type ActorRef, type AppDeps } from '../context.js';
import { AppError } from '../errors.js';
import { PreferencesSchema, preferencesFrom } from './settings.js';

/** The notification centre of the person acting: their latest notifications and how many are unread. */
export async function myNotifications(deps: AppDeps, ref: ActorRef, o: { unreadOnly?: boolean; limit?: number } = {}): Promise<{ unread: number; notifications: InboxEntry[] }> {
  const { user } = await resolveActor(deps.store.read, ref);
  const [unread, notifications] = await Promise.all([deps.store.read.notify.unreadCount(ref.tenantId, user.id), deps.store.read.notify.listInbox(ref.tenantId, user.id, o)]);
  return { unread, notifications };
}

/** Marks the person's notifications read: those named, or all (`ids` null). Another person's ids change nothing. @returns how many. */
export async function markNotificationsRead(deps: AppDeps, ref: ActorRef, ids: readonly string[] | null): Promise<number> {
  const { user } = await resolveActor(deps.store.read, ref);
  return deps.store.transaction((tx) => tx.notify.markRead(ref.tenantId, user.id, ids, nowInstant(deps)));
}

export async function myPreferences(deps: AppDeps, ref: ActorRef): Promise<NotifyPreferences> {
  const { user } = await resolveActor(deps.store.read, ref);
  return preferencesFrom(await deps.store.read.notify.getPreferences(ref.tenantId, user.id));
}

/**
 * Sets the person's own preferences: channels per urgency, quiet hours, digest only.
 * @throws AppError `invalid_input`.
 */
export async function setMyPreferences(deps: AppDeps, ref: ActorRef, input: unknown): Promise<NotifyPreferences> {
  const { user } = await resolveActor(deps.store.read, ref);
  const parsed = PreferencesSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new AppError('invalid_input', `Invalid preferences: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, '通知偏好设置有误。', { issues });
  }
  await deps.store.transaction((tx) => tx.notify.putPreferences(ref.tenantId, user.id, JSON.stringify(parsed.data), nowInstant(deps)));
  return parsed.data;
}
