import type { Transporter } from 'nodemailer';
import type { Mailer } from '../core/notify/notify.port.js';

/**
 * Email over SMTP with nodemailer. The library is loaded on the first mail, so that commands
 * that send none do not pay for it. A message's Message-ID is the notification's, so a mail sent
 * again after a crash between sending and logging threads as the same message.
 */
export function smtpMailer(smtpUrl: string | undefined, from: string): Mailer {
  if (!smtpUrl) {
    return {
      describe: undefined,
      send: () => Promise.reject(new Error('no SMTP server is configured (CAIRN_SMTP_URL)')),
    };
  }
  let transport: Promise<Transporter> | undefined;
  return {
    describe: `SMTP at ${new URL(smtpUrl).host}`,
    async send(m) {
      transport ??= import('nodemailer').then((n) => n.default.createTransport(smtpUrl));
      await (
        await transport
      ).sendMail({
        from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        messageId: m.messageId,
      });
    },
  };
}
