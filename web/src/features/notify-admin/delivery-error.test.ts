import { describe, expect, it } from 'vitest';
import { deliveryError } from './delivery-error.js';

describe('deliveryError', () => {
  it.each([
    ['channel removed or disabled', 'channel_off'],
    ["not sent: the channel's sealed secrets fail their integrity check; add the channel again", 'secret_broken'],
    ['robot URL missing or its sealed box fails its check', 'secret_broken'],
    ['the recipient has no phone (any more)', 'no_address'],
    ['no WeCom user id for the recipient', 'no_address'],
    ['no e-mail address for the recipient', 'no_address'],
    ['e-mail is not configured (LUOSHI_SMTP_URL)', 'mail_off'],
    ['access token refused twice', 'token_refused'],
    ['HTTP 502', 'vendor_down'],
    ['HTTP 200 errcode 93000 invalid webhook url', 'vendor_refused'],
    ['SMTP: 550 mailbox unavailable', 'mail_refused'],
    ['connect ECONNREFUSED 127.0.0.1:9', 'network'],
  ] as const)('%s → %s', (text, kind) => {
    expect(deliveryError(text)).toBe(kind);
  });

  it('has nothing to say when nothing failed', () => {
    expect(deliveryError(null)).toBeNull();
    expect(deliveryError('  ')).toBeNull();
  });
});
