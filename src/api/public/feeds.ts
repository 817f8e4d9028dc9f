import type { PublicItem } from '../../app/public/disclosure.js';
import { escapeHtml, periodOf, publicSince } from './html.js';

/** JSON Feed 1.1 of the items in their 公示 period. */
export function jsonFeed(origin: string, tenant: string, tenantName: string, items: readonly PublicItem[]): unknown {
  const base = `${origin}/public/${encodeURIComponent(tenant)}`;
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: `${tenantName} 公示公告`,
    home_page_url: `${base}/`,
    feed_url: `${base}/feed.json`,
    language: 'zh-CN',
    items: items.map((i) => ({
      id: `${base}/items/${encodeURIComponent(i.number)}`,
      url: `${base}/items/${encodeURIComponent(i.number)}`,
      title: `${i.number} ${i.title}`,
      content_text: [periodOf(i).join(' '), ...i.fields.map((f) => `${f.label}：${f.value}`)].join('\n'),
      date_published: `${publicSince(i)}T00:00:00+08:00`,
      tags: [i.ledgerTypeName],
    })),
  };
}

/** Atom (RFC 4287) of the same. */
export function atomFeed(origin: string, tenant: string, tenantName: string, items: readonly PublicItem[], now: Date): string {
  const base = `${origin}/public/${encodeURIComponent(tenant)}`;
  const e = escapeHtml;
  const entries = items
    .map((i) => {
      const url = `${base}/items/${encodeURIComponent(i.number)}`;
      const summary = [periodOf(i).join(' '), ...i.fields.map((f) => `${f.label}：${f.value}`)].join('\n');
      return `<entry><id>${e(url)}</id><title>${e(`${i.number} ${i.title}`)}</title><link href="${e(url)}"/><updated>${publicSince(i)}T00:00:00+08:00</updated><summary>${e(summary)}</summary></entry>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN"><id>${e(`${base}/`)}</id><title>${e(`${tenantName} 公示公告`)}</title><updated>${now.toISOString()}</updated><link href="${e(`${base}/`)}"/><link rel="self" href="${e(`${base}/feed.atom`)}"/><author><name>${e(tenantName)}</name></author>
${entries}
</feed>`;
}
