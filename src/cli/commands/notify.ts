import type { Command } from 'commander';
import type { NotificationView } from '../../contracts/notify.contracts.js';
import { withClient } from '../client-context.js';
import { CliUsageError, print, renderTable } from '../output.js';

/** `cairn notify`: a test message, the bell, and one's own preferences. */
export function registerNotify(program: Command): void {
  const notify = program.command('notify').description('notifications: test messages, the bell, preferences');

  notify
    .command('test')
    .description('send a test message now by email or chat, and say whether it went')
    .requiredOption('--channel <channel>', 'email or chat')
    .option('--to <user>', '`me` (the acting user) or a username', 'me')
    .action(async (opts: { channel: string; to: string }, cmd: Command) => {
      if (opts.channel !== 'email' && opts.channel !== 'chat')
        throw new CliUsageError(`--channel must be email or chat, not "${opts.channel}"`);
      const channel = opts.channel;
      await withClient(cmd, async ({ client, format }) => {
        const r = await client.notify.test(channel, opts.to);
        print(format, r, () =>
          r.sent
            ? `Sent a test ${channel} message to ${r.user} (${r.target}).`
            : `The test ${channel} message to ${r.user} (${r.target}) was not sent: ${r.error ?? 'unknown error'}.`,
        );
        if (!r.sent) process.exitCode = 1;
      });
    });

  notify
    .command('list')
    .description("the acting user's notifications, newest first")
    .option('--unread', 'only the unread ones')
    .option('--limit <n>', 'how many (1–100)', '20')
    .action(async (opts: { unread?: boolean; limit: string }, cmd: Command) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new CliUsageError('--limit must be 1 to 100');
      await withClient(cmd, async ({ client, format }) => {
        const page = await client.notify.list({ limit, ...(opts.unread ? { unread: true } : {}) });
        print(format, page, () =>
          page.items.length === 0
            ? 'No notifications.'
            : `${renderTable(
                ['AT', 'KIND', 'TITLE', 'READ'],
                page.items.map((n: NotificationView) => [n.createdAt, n.kind, n.title, n.readAt ? 'yes' : '']),
              )}\n${page.unread} unread.`,
        );
      });
    });

  notify
    .command('preferences')
    .description("the acting user's channels per kind of notification (what applies, and their own choices)")
    .action(async (_opts: unknown, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const p = await client.notify.preferences();
        print(format, p, () => {
          const rows = Object.entries(p.effective).map(([kind, channels]) => [
            kind,
            channels.join(', ') || '(none)',
            kind in p.kinds ? 'own choice' : 'default',
          ]);
          const chat = p.chatUrl ? `${p.chatFormat ?? ''} webhook ${new URL(p.chatUrl).origin}/…` : 'none';
          return `${renderTable(['KIND', 'CHANNELS', 'FROM'], rows)}\nEmail digest: ${p.emailDigest ? 'daily' : 'off'}. Chat: ${chat}.`;
        });
      }),
    );
}
