import type { StoredEvent } from '../../store/index.js';

/*
 * 撤回佐证材料: the uploader takes back a file that no action has cited, while its item is open — a file
 * chosen by mistake, or uploaded in a dialog that was then cancelled. Withdrawal is an event on the item's
 * chain (who, when, which file, why); the evidence row and the stored bytes stay as the upload wrote them,
 * so verify still holds the row to its upload event and the auditor can examine what was withdrawn. The
 * file is hidden from the item's list, from downloads, from citing and from the public page.
 */

export const EVIDENCE_WITHDRAWN = 'EvidenceWithdrawn';

/** The auditor read a withdrawn file's bytes (recorded like every read of what users no longer see). */
export const WITHDRAWN_EVIDENCE_READ = 'WithdrawnEvidenceRead';

/** The ids of an item's withdrawn files, from its events (a withdrawal is final). */
export function withdrawnEvidenceIds(events: readonly StoredEvent[]): Set<string> {
  const out = new Set<string>();
  for (const e of events) {
    if (e.type !== EVIDENCE_WITHDRAWN) continue;
    const id = (e.payload as { evidenceId?: unknown }).evidenceId;
    if (typeof id === 'string') out.add(id);
  }
  return out;
}
