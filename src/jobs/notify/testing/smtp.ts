/*
 * Test support: a real SMTP server on 127.0.0.1 (smtp-server) that keeps every message it accepts, parsed
 * (mailparser), so tests see what a mail client would: decoded subject, recipients, text and HTML.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  readonly to: readonly string[];
  readonly from: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface LocalSmtp {
  readonly url: string;
  readonly mails: ReceivedMail[];
  /** Answer the next `n` messages with 451 (try again later), as a busy server does. */
  failNext(n: number): void;
  /** Resolves with the first mail `pred` accepts, checking every 50 ms; rejects after `timeoutMs`. */
  waitFor(pred: (m: ReceivedMail) => boolean, timeoutMs: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startLocalSmtp(): Promise<LocalSmtp> {
  const mails: ReceivedMail[] = [];
  let failing = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((m) => {
          if (failing > 0) {
            failing -= 1;
            const e = Object.assign(new Error('try again later'), { responseCode: 451 });
            callback(e);
            return;
          }
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: m.subject ?? '',
            text: m.text ?? '',
            html: typeof m.html === 'string' ? m.html : '',
          });
          callback();
        })
        .catch((e: Error) => callback(e));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    failNext: (n) => {
      failing = n;
    },
    async waitFor(pred, timeoutMs) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const hit = mails.find(pred);
        if (hit) return hit;
        if (Date.now() > until) throw new Error(`no matching mail within ${timeoutMs} ms; got ${JSON.stringify(mails.map((m) => [m.to, m.subject]))}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
