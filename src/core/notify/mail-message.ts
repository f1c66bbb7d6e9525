import type { MailMessage } from './notify.port.js';
import type { Notification } from './notification.types.js';

/** Joins a web UI path to the server's public URL. */
export function absoluteLink(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${path}`;
}

/** The host of the public URL names the Message-ID's domain. */
export function mailDomain(publicUrl: string): string {
  try {
    return new URL(publicUrl).hostname || 'cairn.local';
  } catch {
    return 'cairn.local';
  }
}

/** The email of one notification: plain text and HTML, each linking to its page in the web UI. */
export function notificationMail(n: Notification, to: string, publicUrl: string, domain: string): MailMessage {
  const url = absoluteLink(publicUrl, n.link);
  return {
    to,
    subject: `[Cairn] ${n.title}`,
    text: `${n.title}\n\n${n.body}\n\nOpen it in Cairn: ${url}\n\n${footerText()}`,
    html: page(`<h2>${esc(n.title)}</h2><p>${esc(n.body)}</p><p><a href="${esc(url)}">Open it in Cairn</a></p>`),
    messageId: `<${n.id}@${domain}>`,
  };
}

/** One email gathering a day's notifications, newest last. */
export function digestMail(
  items: readonly Notification[],
  to: string,
  publicUrl: string,
  key: string,
  domain: string,
): MailMessage {
  const lines = items.map((n) => `- ${n.title}\n  ${n.body}\n  ${absoluteLink(publicUrl, n.link)}`);
  const html = items
    .map(
      (n) =>
        `<li><a href="${esc(absoluteLink(publicUrl, n.link))}"><strong>${esc(n.title)}</strong></a><br>${esc(n.body)}</li>`,
    )
    .join('');
  const title = `Your Cairn digest: ${items.length} notification${items.length === 1 ? '' : 's'}`;
  return {
    to,
    subject: `[Cairn] ${title}`,
    text: `${title}\n\n${lines.join('\n\n')}\n\n${footerText()}`,
    html: page(`<h2>${esc(title)}</h2><ul>${html}</ul>`),
    messageId: `<${key.replace(/[^A-Za-z0-9._-]/g, '.')}@${domain}>`,
  };
}

function footerText(): string {
  return 'You get this because of your notification preferences in Cairn (Notifications → Preferences).';
}

function page(content: string): string {
  return `<!doctype html><html><body style="font-family:sans-serif">${content}<hr><p style="color:#555;font-size:smaller">${esc(footerText())}</p></body></html>`;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
