/**
 * The words of a notification. Only what every recipient of it may see: the item's number, its title, what
 * happened and a link — never a case's personal fields, a reason text or who the parties are. An SMS carries
 * less still (number and what happened): it passes through a vendor and lands on a lock screen.
 */
export interface MessageInput {
  readonly number: string;
  readonly title: string;
  /** 中文 label of the rule, e.g. 新交办. */
  readonly label: string;
  readonly urgent: boolean;
  /** Absolute link to the item, or null when no public URL is configured. */
  readonly link: string | null;
}

export interface Message {
  /** zh-CN subject line with the item's number: 「【落实】督办〔2026〕0012号 新交办：…」. */
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly markdown: string;
  /** Template parameters of an SMS: the vendors send only pre-approved templates, filled in with these. */
  readonly sms: { readonly number: string; readonly event: string };
}

const TITLE_MAX = 60;
const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Markdown's active characters in a title are escaped, so a title cannot turn into a link or an image. */
const escapeMarkdown = (s: string): string => s.replace(/([\\`*_{}[\]()#+!|<>~-])/g, '\\$1');

/** Composes a notification's subject, plain text, HTML, Markdown (robots) and SMS parameters. */
export function composeMessage(m: MessageInput): Message {
  const title = clip(m.title.replace(/\s+/g, ' ').trim(), TITLE_MAX);
  const flag = m.urgent ? '【紧急】' : '';
  const subject = `【落实】${flag}${m.number} ${m.label}：${title}`;
  const lines = [`${flag}${m.number} ${m.label}`, `事项：${title}`, ...(m.link ? [`查看：${m.link}`] : [])];
  const html =
    `<p><strong>${escapeHtml(`${flag}${m.number} ${m.label}`)}</strong></p><p>事项：${escapeHtml(title)}</p>` +
    (m.link ? `<p><a href="${escapeHtml(m.link)}">查看事项</a></p>` : '');
  const markdown = `**${escapeMarkdown(`${flag}${m.number} ${m.label}`)}**\n\n事项：${escapeMarkdown(title)}${m.link ? `\n\n[查看事项](${m.link})` : ''}`;
  return { subject, text: lines.join('\n'), html, markdown, sms: { number: m.number, event: m.label } };
}
