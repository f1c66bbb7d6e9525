import type { Command } from 'commander';
import { loadDemo } from '../../demo/load-demo.js';
import { withContext } from '../context.js';
import { print, renderTable } from '../output.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('load a sample estate (with history and a baseline) into the database and show a first look')
    .action(async (_opts: unknown, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const summary = await loadDemo(ctx);
        const impact = await ctx.impact.impactOf([{ class: 'database', name: 'orders-db' }]);
        const db = ctx.dbUrl === './cairn.db' ? '' : ` --db ${ctx.dbUrl}`;
        print(ctx.format, { ...summary, impact }, () =>
          [
            summary.loaded
              ? `Loaded the sample estate into ${ctx.dbUrl}: ${summary.cis} CIs, revision ${summary.revision}, baseline go-live, changes ${summary.changes.join(', ')}.`
              : `${ctx.dbUrl} already holds ${summary.cis} CIs (revision ${summary.revision}); nothing loaded.`,
            '',
            `What a change to database/orders-db would affect:`,
            renderTable(
              ['CI', 'DEPTH', 'PATH'],
              impact.impacted.map((i) => [i.ref, i.depth, i.path.join(' → ')]),
            ),
            '',
            'Look around:',
            `  ./bin/cairn${db} list ci --class server`,
            `  ./bin/cairn${db} get ci database/orders-db`,
            `  ./bin/cairn${db} log`,
            `  ./bin/cairn${db} diff go-live`,
            `  ./bin/cairn${db} impact linux_server/db-01`,
            `  ./bin/cairn${db} change list`,
            `  ./bin/cairn${db} change show ${summary.changes[0] ?? 'CHG-1'}`,
            `  ./bin/cairn${db} --as erin change pending`,
            `  ./bin/cairn${db} audit verify`,
          ].join('\n'),
        );
      }),
    );
}
