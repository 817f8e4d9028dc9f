/**
 * Actions of the loop as they appear in URLs (`POST /items/:id/accept`) with the command each one sends, and
 * the scopes an API token may be granted. A token's scopes are these names; a session has them all.
 */
export const ACTION_ROUTES = {
  assign: 'AssignItem',
  accept: 'AcceptItem',
  return: 'ReturnItem',
  report: 'ReportProgress',
  'report-co-unit': 'ReportAsCoUnit',
  'request-extension': 'RequestExtension',
  'decide-extension': 'ApproveExtension|DenyExtension',
  'request-closure': 'RequestClosure',
  'pass-stage': 'PassStage',
  reject: 'RejectClosure',
  reopen: 'ReopenItem',
  'confirm-recheck': 'ConfirmRecheck',
  cancel: 'CancelItem',
  urge: 'UrgeItem',
  instruct: 'GiveInstruction',
  transfer: 'TransferItem',
  escalate: 'EscalateItem',
  'request-return': 'RequestReturn',
  'decide-return': 'DecideReturn',
  'list-flag': 'ListItem',
  'unlist-flag': 'UnlistItem',
} as const;
export type ActionSlug = keyof typeof ACTION_ROUTES;
export const ACTION_SLUGS = Object.keys(ACTION_ROUTES) as ActionSlug[];

/** The slug of a loop command (both extension decisions share `decide-extension`). */
export function slugOfCommand(type: string): ActionSlug | null {
  if (type === 'ApproveExtension' || type === 'DenyExtension') return 'decide-extension';
  if (type === 'EditDraft') return null;
  const hit = ACTION_SLUGS.find((s) => ACTION_ROUTES[s] === type);
  return hit ?? null;
}

export const BASE_SCOPES = [
  'items:read',
  'items:create',
  'items:edit',
  'evidence:read',
  'evidence:write',
  'stats:read',
  'export',
  'signals:read',
  'signals:ingest',
  'signals:detect',
] as const;
export const TOKEN_SCOPES = [...BASE_SCOPES, ...ACTION_SLUGS.map((s) => `action:${s}` as const)] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
export const isTokenScope = (s: string): s is TokenScope => (TOKEN_SCOPES as readonly string[]).includes(s);
