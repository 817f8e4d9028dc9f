import type { TimelineEntry } from '../../api/types.js';

/*
 * Evidence in an action dialog is staged: a file chosen there uploads at once (so a large scan is not lost to a
 * slow submit), but it is the item's only once the action citing it is submitted. 取消 withdraws what the dialog
 * uploaded; a submit withdraws what was uploaded there and then unticked. The server refuses to withdraw a cited
 * file, so a withdrawal racing a submit can never take a cited file away.
 */

/** A file uploaded in this dialog, not yet cited by a submitted action. */
export interface StagedFile {
  readonly id: string;
  readonly fileName: string;
}

/** Bytes in words a person reads: 20 MB, 512 KB (binary units, as the server counts its limit). */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / (1024 * 1024)).toFixed(1))} MB`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KB`;
  return `${n} B`;
}

/** Why a chosen file is refused before it is sent (too large), or null to send it. */
export function tooLarge(file: { readonly name: string; readonly size: number }, maxBytes: number | undefined): { name: string; size: string; max: string } | null {
  if (maxBytes === undefined || file.size <= maxBytes) return null;
  return { name: file.name, size: formatBytes(file.size), max: formatBytes(maxBytes) };
}

/** What a submit keeps (the staged files it cites) and what it withdraws (staged here, then unticked). */
export function onSubmitStaged(staged: readonly StagedFile[], cited: readonly string[]): { keep: StagedFile[]; withdraw: StagedFile[] } {
  const chosen = new Set(cited);
  return { keep: staged.filter((f) => chosen.has(f.id)), withdraw: staged.filter((f) => !chosen.has(f.id)) };
}

/** File names by evidence id, as the item's upload events recorded them. */
export function evidenceNames(timeline: readonly TimelineEntry[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const e of timeline) {
    const d = (e.data ?? {}) as { evidenceId?: unknown; fileName?: unknown };
    if (e.type === 'EvidenceUploaded' && typeof d.evidenceId === 'string' && typeof d.fileName === 'string') names.set(d.evidenceId, d.fileName);
  }
  return names;
}

/** The names of the files a timeline entry is about: those its action cites, or the one uploaded or withdrawn. */
export function filesOf(entry: TimelineEntry, names: ReadonlyMap<string, string>): string[] {
  const d = (entry.data ?? {}) as { evidence?: unknown; fileName?: unknown };
  if ((entry.type === 'EvidenceUploaded' || entry.type === 'EvidenceWithdrawn') && typeof d.fileName === 'string') return [d.fileName];
  if (!Array.isArray(d.evidence)) return [];
  return d.evidence.filter((id): id is string => typeof id === 'string').map((id) => names.get(id) ?? id);
}

/** How a file previews inline: pictures and PDF of the server's list, plain text as text; anything else downloads. */
export function previewKind(mediaType: string, previewTypes: readonly string[]): 'image' | 'pdf' | 'text' | null {
  const m = mediaType.toLowerCase().split(';')[0]!.trim();
  if (m === 'text/plain') return 'text';
  if (!previewTypes.includes(m)) return null;
  if (m === 'application/pdf') return 'pdf';
  return m.startsWith('image/') && m !== 'image/svg+xml' ? 'image' : null;
}
