import type { ContactsBody } from '../../../../src/contracts/http/notify-admin.js';

/*
 * A person's contacts as the admin types them: blank means "leave as it is" (the page never shows a stored
 * address, so it cannot tell "unchanged" from "cleared"); removing one is an explicit choice. The patterns are
 * the server's (it checks again), so a typo is caught here with the catalogue's words.
 */

export const CONTACT_FIELDS = ['email', 'phone', 'dingtalk', 'wecom'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

const PATTERNS: Readonly<Record<ContactField, RegExp>> = {
  email: /^[^\s@<>(),;:"]{1,64}@[^\s@<>(),;:"]{1,255}\.[^\s@<>(),;:"]{1,63}$/,
  phone: /^\+?\d{6,16}$/,
  dingtalk: /^[\w.@-]{1,64}$/,
  wecom: /^[\w.@-]{1,64}$/,
};

export type ContactsForm = Partial<Record<ContactField, string>> & { readonly remove?: readonly ContactField[] };

/** The body to send, the fields that are malformed, or `empty` when nothing would change. */
export function contactsBody(v: ContactsForm): { ok: true; body: ContactsBody } | { ok: false; invalid: ContactField[]; empty: boolean } {
  const body: Record<string, string | null> = {};
  const invalid: ContactField[] = [];
  for (const f of CONTACT_FIELDS) {
    const value = (v[f] ?? '').trim();
    if (v.remove?.includes(f)) body[f] = null;
    else if (value !== '') {
      if (PATTERNS[f].test(value)) body[f] = value;
      else invalid.push(f);
    }
  }
  if (invalid.length > 0 || Object.keys(body).length === 0) return { ok: false, invalid, empty: invalid.length === 0 };
  return { ok: true, body };
}
