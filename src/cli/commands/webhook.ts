import type { Command } from 'commander';
import type { DeliveryView, WebhookView } from '../../contracts/webhook.contracts.js';
import { withClient } from '../client-context.js';
import { listOptions, withListOptions } from '../list-options.js';
import { CliUsageError, print, printList } from '../output.js';
import { collect } from '../parse-args.js';

export function registerWebhook(program: Command): void {
  const webhook = program
    .command('webhook')
    .description('webhook subscriptions: events POSTed, signed, to a URL (through a server, admins only)');

  webhook
    .command('add')
    .description('subscribe a URL to events')
    .argument('<url>', 'where to POST events')
    .option('--event <type>', 'revision.created, change.*, drift.detected, * (repeatable; default *)', collect)
    .option('--description <text>', 'what it is for')
    .option('--secret <secret>', 'the HMAC key, 16 to 200 characters (default: generated and printed once)')
    .action(async (url: string, opts: { event?: string[]; description?: string; secret?: string }, cmd: Command) => {
      if (opts.secret !== undefined && (opts.secret.length < 16 || opts.secret.length > 200))
        throw new CliUsageError('--secret must be 16 to 200 characters long');
      if (opts.description !== undefined && opts.description.length > 500)
        throw new CliUsageError('--description must be at most 500 characters');
      await withClient(cmd, async ({ client, format }) => {
        const w = await client.webhooks.add({
          url,
          events: opts.event,
          description: opts.description,
          secret: opts.secret,
        });
        print(
          format,
          w,
          () => `Webhook ${w.id} → ${w.url} for ${w.events.join(', ')}.\nSigning secret (shown once): ${w.secret}`,
        );
      });
    });

  withListOptions(webhook.command('list').description('every subscription, oldest first (never their secrets)')).action(
    async (opts: { limit: string; all?: boolean }, cmd: Command) => {
      const options = listOptions(opts);
      await withClient(cmd, async ({ client, format }) =>
        printList(format, (cursor, limit) => client.webhooks.list({ limit, cursor }), options, {
          head: ['ID', 'URL', 'EVENTS', 'ACTIVE', 'DESCRIPTION'],
          row: (w: WebhookView) => [w.id, w.url, w.events.join(','), w.active ? 'yes' : 'no', w.description],
          empty: 'No webhooks.',
        }),
      );
    },
  );

  webhook
    .command('remove')
    .description('remove a subscription')
    .argument('<id>', 'webhook id')
    .action(async (id: string, _opts: unknown, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        await client.webhooks.remove(id);
        print(format, { removed: id }, () => `Webhook ${id} removed.`);
      }),
    );

  withListOptions(
    webhook.command('deliveries').description('delivery attempts, newest first').argument('<id>', 'webhook id'),
    20,
    '-n, --limit <n>',
  ).action(async (id: string, opts: { limit: string; all?: boolean }, cmd: Command) => {
    const options = listOptions(opts, '-n');
    await withClient(cmd, async ({ client, format }) =>
      printList(format, (cursor, limit) => client.webhooks.deliveries(id, { limit, cursor }), options, {
        head: ['DELIVERY', 'AT', 'EVENT', 'ATTEMPT', 'STATUS', 'HTTP', 'ERROR'],
        row: (d: DeliveryView) => [
          d.id,
          d.at,
          `${d.eventType} ${d.eventId}`,
          d.attempt,
          d.status,
          d.responseStatus,
          d.error,
        ],
        empty: 'No deliveries yet.',
        limitFlag: '-n',
      }),
    );
  });

  webhook
    .command('replay')
    .description('deliver a logged delivery’s event again (same event id)')
    .argument('<delivery>', 'delivery id (from `cairn webhook deliveries`)')
    .action(async (deliveryId: string, _opts: unknown, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const queued = await client.webhooks.replay(deliveryId);
        print(format, queued, () => `Queued as job ${queued.job}: a running \`cairn serve\` delivers it.`);
      }),
    );
}
