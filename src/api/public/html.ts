import type { PublicItem } from '../../app/public/disclosure.js';

/*
 * The public pages as plain HTML: server-rendered, no JavaScript, one small inline stylesheet that reads on a
 * phone (a single column under 40em) and prints without the navigation. Every text is escaped.
 */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The period a listed item is public for: its notice, or the day it was closed. */
export function periodOf(item: PublicItem): [string, string] {
  return item.noticeFrom !== null ? ['公示期', `${item.noticeFrom} 至 ${item.noticeUntil ?? ''}`] : ['销号日期', item.closedOn ?? ''];
}

/** The day a listed item became public (its notice began, or it was closed). */
export function publicSince(item: PublicItem): string {
  return item.noticeFrom ?? item.closedOn ?? '';
}

const STYLE = `
body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:48em;padding:1em;line-height:1.7;color:#1f1f1f}
h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.15em;margin:1em 0 .3em}
a{color:#0b57d0}ul.items{list-style:none;padding:0}ul.items li{border-bottom:1px solid #ddd;padding:.6em 0}
dl{display:grid;grid-template-columns:8em 1fr;gap:.3em 1em}dt{color:#555}dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
.meta{color:#555;font-size:.9em}nav{font-size:.9em;margin-bottom:1em}
figure{margin:.5em 0}figure img{max-width:100%;height:auto}
@media (max-width:40em){dl{grid-template-columns:1fr}dt{font-weight:bold}}
@media print{nav,.feeds{display:none}a{color:inherit;text-decoration:none}}
`;

function page(title: string, tenant: string, body: string): string {
  const base = `/public/${encodeURIComponent(tenant)}`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="alternate" type="application/atom+xml" title="公示 Atom" href="${base}/feed.atom">
<link rel="alternate" type="application/feed+json" title="公示 JSON Feed" href="${base}/feed.json">
<style>${STYLE}</style></head>
<body><nav><a href="${base}/">公示公告</a></nav>
${body}
</body></html>`;
}

const itemHref = (tenant: string, item: PublicItem): string => `/public/${encodeURIComponent(tenant)}/items/${encodeURIComponent(item.number)}`;

/** The index: every item in its 公示 period. */
export function indexPage(tenant: string, tenantName: string, items: readonly PublicItem[]): string {
  const list =
    items.length === 0
      ? '<p>目前没有处于公示期的事项。</p>'
      : `<ul class="items">${items
          .map(
            (i) =>
              `<li><a href="${itemHref(tenant, i)}">${escapeHtml(i.number)} ${escapeHtml(i.title)}</a><div class="meta">${escapeHtml(i.ledgerTypeName)} · ${escapeHtml(i.leadUnitName ?? '')} · ${escapeHtml(periodOf(i).join(' '))}</div></li>`,
          )
          .join('\n')}</ul>`;
  const base = `/public/${encodeURIComponent(tenant)}`;
  return page(
    `${tenantName} 公示公告`,
    tenant,
    `<h1>${escapeHtml(tenantName)} 公示公告</h1>\n<p class="meta">以下事项正在公示。公示期内如有异议，可向督查部门反映。</p>\n${list}\n<p class="feeds meta">订阅：<a href="${base}/feed.atom">Atom</a> · <a href="${base}/feed.json">JSON Feed</a></p>`,
  );
}

function objectionForm(tenant: string, item: PublicItem, notice: string | null): string {
  const action = `/public/${encodeURIComponent(tenant)}/items/${encodeURIComponent(item.number)}/objections`;
  return `<section><h2>提出异议</h2>${notice ? `<p class="meta">${escapeHtml(notice)}</p>` : ''}
<form method="post" action="${action}"><p><label>异议内容（必填，不超过2000字）<br><textarea name="text" rows="5" cols="40" maxlength="2000" required></textarea></label></p>
<p><label>联系方式（选填，仅督查部门可见）<br><input name="contact" maxlength="200"></label></p><p><button type="submit">提交</button></p></form></section>`;
}

/** One item's public page. */
export function itemPage(tenant: string, tenantName: string, item: PublicItem, notice: string | null = null): string {
  const rows = [
    ['编号', item.number],
    ['类型', item.ledgerTypeName],
    ['责任单位', item.leadUnitName ?? ''],
    ['当前环节', item.stageName],
    periodOf(item),
    ...item.fields.map((f) => [f.label, f.value]),
  ];
  return page(
    `${item.title} — ${tenantName} 公示`,
    tenant,
    `<article><h1>${escapeHtml(item.title)}</h1>\n<dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k!)}</dt><dd>${escapeHtml(v!)}</dd>`).join('\n')}</dl>` +
      (item.evidence.length > 0
        ? `<section><h2>佐证材料</h2>${item.evidence
            .map(
              (e) =>
                `<figure><img src="${itemHref(tenant, item)}/evidence/${encodeURIComponent(e.id)}" alt="${escapeHtml(e.name)}" loading="lazy"><figcaption class="meta">${escapeHtml(e.name)}</figcaption></figure>`,
            )
            .join('')}</section>`
        : '') +
      (item.replies.length > 0
        ? `<section><h2>异议答复</h2>${item.replies.map((r) => `<p>${escapeHtml(r.reply)}<br><span class="meta">${escapeHtml(r.at.slice(0, 10))}</span></p>`).join('')}</section>`
        : '') +
      `${item.open ? objectionForm(tenant, item, notice) : notice ? `<p class="meta">${escapeHtml(notice)}</p>` : ''}</article>`,
  );
}

/** The same "not found" for every public URL that names nothing public. */
export function notFoundPage(): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>未找到 Not found</title></head><body><h1>未找到 Not found</h1><p>没有这个公示事项。No such public notice.</p></body></html>`;
}
