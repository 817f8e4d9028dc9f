import { createTransport, type Transporter } from 'nodemailer';
import type { Message } from '../../domain/notify/message.js';
import { attempt, failed, type ChannelAdapter, type SendContext, type SendResult, type SendTarget } from './adapter.js';

/** The installation's mail settings: LUOSHI_SMTP_URL (smtp://host:port, smtps:// for TLS) and LUOSHI_MAIL_FROM. */
export interface MailSettings {
  readonly url: string;
  readonly from: string;
}

/** SMTP replies in the 5xx range refuse the message for good (bad address, policy); 4xx and network trouble are retried. */
const permanent = (e: unknown): boolean => typeof (e as { responseCode?: unknown }).responseCode === 'number' && (e as { responseCode: number }).responseCode >= 500;

/**
 * E-mail over SMTP (nodemailer): plain text and HTML alternatives, the zh-CN subject with the item's number, one
 * message per recipient (addresses are personal data: nobody sees another's). One pooled transport per process.
 */
export function emailAdapter(settings: MailSettings): ChannelAdapter & { close(): void } {
  let transport: Transporter | undefined;
  const open = (): Transporter => (transport ??= createTransport(settings.url, { from: settings.from }));
  return {
    send: (m: Message, t: SendTarget, _ctx: SendContext): Promise<SendResult> =>
      attempt(async () => {
        if (!t.address) return failed('no e-mail address for the recipient', false);
        try {
          await open().sendMail({ from: settings.from, to: t.address, subject: m.subject, text: m.text, html: m.html });
          return { ok: true };
        } catch (e) {
          return failed(`SMTP: ${e instanceof Error ? e.message : String(e)}`, !permanent(e));
        }
      }),
    close: () => transport?.close(),
  };
}
