/*
 * The delivery log's last error in words: the dispatcher records what went wrong in English for the operator's
 * log (vendor answers, SMTP replies); the admin page shows one sentence of the catalogue per kind of failure, so
 * no vendor code or stack text reaches the screen. Patterns follow the texts of src/jobs/notify (adapters and
 * dispatch); anything else is a failure of the network or of the vendor, in general words.
 */

export type DeliveryError =
  'channel_off' | 'secret_broken' | 'no_address' | 'mail_off' | 'refused_target' | 'token_refused' | 'vendor_down' | 'vendor_refused' | 'mail_refused' | 'network';

const RULES: readonly [RegExp, DeliveryError][] = [
  [/channel removed or disabled/i, 'channel_off'],
  [/sealed|integrity check|secret missing/i, 'secret_broken'],
  [/^no .*(for the recipient)|recipient has no/i, 'no_address'],
  [/e-mail is not configured/i, 'mail_off'],
  [/forbidden|private|not allowed|refused to connect to/i, 'refused_target'],
  [/access token/i, 'token_refused'],
  [/^HTTP 5\d\d\b/, 'vendor_down'],
  [/^HTTP \d{3}\b/, 'vendor_refused'],
  [/^SMTP/i, 'mail_refused'],
];

/** The kind of failure of a recorded error; null when there is none. */
export function deliveryError(lastError: string | null): DeliveryError | null {
  if (lastError === null || lastError.trim() === '') return null;
  for (const [re, kind] of RULES) if (re.test(lastError)) return kind;
  return 'network';
}
