import { inTitle, type UnitView } from './analysis.js';
import type { Rules } from './rules.js';

/**
 * GUIDELINES §3: does the unit instruct someone to act? It needs an instruction marker (a strong one such as
 * 要/必须/决定, or a work verb such as 抓好/推进 with no strong one) and, unless the marker is strong, must not be
 * meeting logistics (主持, 听取, 审议了 …), a description (阐释, 具有…意义, 提出明确要求) or a report (以来, 取得).
 */
export function isDirective(view: UnitView, r: Rules): boolean {
  const s = view.simp;
  if (r.noise.some((re) => re.test(s))) return false;
  const strong = hasStrongMarker(view, r);
  if (!strong) {
    const weak = r.weak.findAll(view.tokens).some((h) => !inTitle(view, h.s));
    if (!weak) return false;
    if (r.logistics.some((re) => re.test(s))) return false;
    if (r.description.some((re) => re.test(s))) return false;
    if (reportedFromAbove(view, r)) return false;
  }
  return true;
}

/** A strong instruction marker (要, 必须, 决定 …) outside a document title, or a strong pattern. */
export function hasStrongMarker(view: UnitView, r: Rules): boolean {
  return view.tokens.some((t) => r.strongTokens.has(t.w) && !inTitle(view, t.s)) || r.strongPatterns.some((re) => re.test(view.simp));
}

/** A unit whose first clause has a higher-level actor as its subject (习近平总书记…, 党中央…) reports, not instructs. */
function reportedFromAbove(view: UnitView, r: Rules): boolean {
  const first = view.clauses.find((c) => c.s >= view.attributionEnd);
  if (!first) return false;
  const at = Math.min(...r.higherLevel.map((h) => first.text.indexOf(h)).filter((k) => k >= 0));
  if (!Number.isFinite(at)) return false;
  // 深入学习贯彻习近平… instructs; 习近平总书记强调… reports: a work word before the name means an instruction.
  return !view.tokens.some((t) => t.s >= first.s && t.s < first.s + at && r.weakTokens.has(t.w));
}
