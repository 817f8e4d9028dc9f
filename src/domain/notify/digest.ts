import { escapeHtml, type Message } from './message.js';

/** One entry of a digest: an item's number and title, and where to open it. */
export interface DigestEntry {
  readonly number: string;
  readonly title: string;
  readonly link: string | null;
}

export interface DigestSection {
  /** 中文 heading, e.g. 待签收. */
  readonly label: string;
  readonly entries: readonly DigestEntry[];
  /** How many there are in all (entries may be the first few). */
  readonly total: number;
}

/** Lines of a section listed in a message: the rest is counted, and the links lead to them. */
export const DIGEST_LIST_MAX = 20;

const clip = (s: string): string => (s.length > 40 ? `${s.slice(0, 39)}…` : s);

/**
 * The words of a digest (daily 待办 or weekly summary): a subject with the day and the counts, the sections with
 * their first entries. Empty sections are left out; with nothing at all, there is no digest (null).
 */
export function composeDigest(o: {
  readonly heading: string;
  readonly day: string;
  readonly sections: readonly DigestSection[];
  readonly lines?: readonly string[];
}): Message | null {
  const sections = o.sections.filter((s) => s.total > 0);
  if (sections.length === 0 && (o.lines ?? []).length === 0) return null;
  const counts = sections.map((s) => `${s.label} ${s.total} 项`).join('，');
  const subject = `【落实】${o.heading} ${o.day}${counts ? `：${counts}` : ''}`;
  const text: string[] = [`${o.heading} ${o.day}`, ...(o.lines ?? [])];
  const html: string[] = [`<p><strong>${escapeHtml(`${o.heading} ${o.day}`)}</strong></p>`, ...(o.lines ?? []).map((l) => `<p>${escapeHtml(l)}</p>`)];
  const md: string[] = [`**${o.heading} ${o.day}**`, ...(o.lines ?? [])];
  for (const s of sections) {
    const shown = s.entries.slice(0, DIGEST_LIST_MAX);
    const more = s.total - shown.length;
    text.push('', `${s.label}（${s.total} 项）`, ...shown.map((e) => `- ${e.number} ${clip(e.title)}${e.link ? ` ${e.link}` : ''}`), ...(more > 0 ? [`- 另有 ${more} 项`] : []));
    html.push(
      `<h3>${escapeHtml(`${s.label}（${s.total} 项）`)}</h3><ul>` +
        shown.map((e) => `<li>${e.link ? `<a href="${escapeHtml(e.link)}">${escapeHtml(e.number)}</a>` : escapeHtml(e.number)} ${escapeHtml(clip(e.title))}</li>`).join('') +
        (more > 0 ? `<li>另有 ${more} 项</li>` : '') +
        '</ul>',
    );
    md.push('', `**${s.label}（${s.total} 项）**`, ...shown.map((e) => `- ${e.number} ${clip(e.title).replace(/([\\`*_[\]()#!<>|~-])/g, '\\$1')}`));
  }
  return { subject, text: text.join('\n'), html: html.join(''), markdown: md.join('\n'), sms: { number: '', event: o.heading } };
}
