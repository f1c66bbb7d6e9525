import type { Command } from 'commander';
import type { Delivery, Webhook } from '../../core/events/webhook.types.js';
import { withContext } from '../context.js';
import { print, renderTable } from '../output.js';
import { collect, positiveInt } from '../parse-args.js';

export function registerWebhook(program: Command): void {
  const webhook = program.command('webhook').description('webhook subscriptions: events POSTed, signed, to a URL');

  webhook
    .command('add')
    .argument('<url>', 'where to POST events')
    .option('--event <type>', 'revision.created, change.*, drift.detected, * (repeatable; default *)', collect)
    .option('--description <text>', 'what it is for')
    .option('--secret <secret>', 'the HMAC key (default: generated and printed once)')
    .action(async (url: string, opts: { event?: string[]; description?: string; secret?: string }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const w = await ctx.webhooks.create({ url, events: opts.event, description: opts.description, secret: opts.secret }, ctx.author);
        print(ctx.format, w, () => `Webhook ${w.id} → ${w.url} for ${w.events.join(', ')}.\nSigning secret (shown once): ${w.secret}`);
      }),
    );

  webhook.command('list').action(async (_opts: unknown, cmd: Command) =>
    withContext(cmd, async (ctx) => {
      const list = (await ctx.webhooks.list()).map(({ secret: _s, ...w }) => w);
      print(ctx.format, list, () => (list.length === 0 ? 'No webhooks.' : renderTable(['ID', 'URL', 'EVENTS', 'ACTIVE', 'DESCRIPTION'], list.map((w: Omit<Webhook, 'secret'>) => [w.id, w.url, w.events.join(','), w.active ? 'yes' : 'no', w.description]))));
    }),
  );

  webhook
    .command('remove')
    .argument('<id>', 'webhook id')
    .action(async (id: string, _opts: unknown, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        await ctx.webhooks.remove(id);
        print(ctx.format, { removed: id }, () => `Webhook ${id} removed.`);
      }),
    );

  webhook
    .command('deliveries')
    .argument('<id>', 'webhook id')
    .option('-n, --limit <n>', 'at most this many', '20')
    .action(async (id: string, opts: { limit: string }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const list = await ctx.webhooks.deliveries(id, positiveInt(opts.limit, '--limit'));
        print(ctx.format, list, () => (list.length === 0 ? 'No deliveries yet.' : renderTable(['DELIVERY', 'AT', 'EVENT', 'ATTEMPT', 'STATUS', 'HTTP', 'ERROR'], list.map(row))));
      }),
    );

  webhook
    .command('replay')
    .argument('<delivery>', 'delivery id (from `cairn webhook deliveries`)')
    .action(async (deliveryId: string, _opts: unknown, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const job = await ctx.webhooks.replay(deliveryId);
        print(ctx.format, { job }, () => `Queued as job ${job}: a running \`cairn serve\` delivers it.`);
      }),
    );
}

function row(d: Delivery): (string | number | null)[] {
  return [d.id, d.at, `${d.eventType} ${d.eventId}`, d.attempt, d.status, d.responseStatus, d.error];
}
