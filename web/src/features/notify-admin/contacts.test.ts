import { describe, expect, it } from 'vitest';
import { contactsBody } from './contacts.js';

describe('contactsBody', () => {
  it('sends only what was typed, trimmed, and nulls what is to be removed', () => {
    expect(contactsBody({ email: ' li@example.gov.cn ', phone: '', remove: ['wecom'] })).toEqual({ ok: true, body: { email: 'li@example.gov.cn', wecom: null } });
  });

  it('names malformed fields', () => {
    expect(contactsBody({ email: 'li@', phone: '12ab' })).toEqual({ ok: false, invalid: ['email', 'phone'], empty: false });
  });

  it('says when nothing would change', () => {
    expect(contactsBody({ email: '  ' })).toEqual({ ok: false, invalid: [], empty: true });
  });
});
