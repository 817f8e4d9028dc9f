import { useQueries } from '@tanstack/react-query';
import { api, qs } from '../../api/client.js';
import type { ItemView, Page } from '../../api/types.js';
import type { MessageKey } from '../../i18n/index.js';
import { itemKeys } from './queries.js';

/** How many items a desk box counts before it says "200+". */
export const DESK_LIMIT = 200;

export interface DeskBox {
  readonly key: string;
  readonly title: MessageKey;
  /** The ledger page's query for "view all". */
  readonly search: string;
  readonly query: Readonly<Record<string, string>>;
  readonly tone: 'red' | 'yellow' | 'blue' | 'default';
}

/**
 * What waits on the desk: overdue, near deadline, 挂牌督办 at work, 定期报送 due this week, to accept, in progress, to
 * review, 回头看, 待立项, drafts.
 */
export const DESK_BOXES: readonly DeskBox[] = [
  { key: 'overdue', title: 'desk.overdue', search: 'light=red&sort=deadline_asc', query: { light: 'red', sort: 'deadline_asc' }, tone: 'red' },
  { key: 'near', title: 'desk.nearDeadline', search: 'light=yellow&sort=deadline_asc', query: { light: 'yellow', sort: 'deadline_asc' }, tone: 'yellow' },
  {
    key: 'listed',
    title: 'desk.listed',
    search: 'listed=any&state=assigned,in_progress,closing&sort=deadline_asc',
    query: { listed: 'any', state: 'assigned,in_progress,closing', sort: 'deadline_asc' },
    tone: 'red',
  },
  { key: 'reportsDue', title: 'desk.reportsDue', search: 'reportDue=week&state=in_progress', query: { reportDue: 'week' }, tone: 'yellow' },
  { key: 'accept', title: 'desk.toAccept', search: 'state=assigned&sort=deadline_asc', query: { state: 'assigned', sort: 'deadline_asc' }, tone: 'blue' },
  { key: 'report', title: 'desk.toReport', search: 'state=in_progress&sort=deadline_asc', query: { state: 'in_progress', sort: 'deadline_asc' }, tone: 'default' },
  { key: 'review', title: 'desk.toReview', search: 'state=closing&sort=updated_desc', query: { state: 'closing', sort: 'updated_desc' }, tone: 'default' },
  { key: 'recheck', title: 'recheck.due', search: 'recheck=due&state=closed', query: { recheck: 'due' }, tone: 'yellow' },
  { key: 'intake', title: 'desk.intake', search: 'state=draft', query: { queue: 'intake' }, tone: 'blue' },
  { key: 'drafts', title: 'desk.drafts', search: 'state=draft', query: { state: 'draft' }, tone: 'default' },
];

/** Boxes only those who record and hand out work see: 回头看 due, reports waiting for 立项, drafts. */
export const SUPERVISOR_BOXES: ReadonlySet<string> = new Set(['recheck', 'intake', 'drafts']);

/** Count shown for a page of at most DESK_LIMIT items: exact, or "N+" when the server has more. */
export function deskCount(page: Page<ItemView> | undefined): { n: number; more: boolean } | null {
  if (!page) return null;
  return { n: page.items.length, more: page.nextCursor !== null };
}

/** The desk's boxes, fetched in parallel. */
export function useDesk(boxes: readonly DeskBox[]) {
  return useQueries({
    queries: boxes.map((b) => ({
      queryKey: [...itemKeys.lists(), 'desk', b.key],
      queryFn: () => api<Page<ItemView>>(`/items${qs({ ...b.query, limit: DESK_LIMIT })}`),
    })),
  });
}
