import type { Command } from 'commander';
import { withContext } from '../context.js';
import { print } from '../output.js';
import { ensureFirstAdmin } from './token.js';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create or migrate the database and load the built-in model')
    .action(async (_opts, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const revision = await ctx.history.headRev();
        const registry = await ctx.cmdb.registry();
        const data = {
          database: ctx.dbUrl,
          engine: ctx.engine,
          revision,
          classes: registry.allClasses().length,
          relationTypes: registry.allRelationTypes().length,
        };
        await ensureFirstAdmin(ctx);
        print(
          ctx.format,
          data,
          () =>
            `Cairn database ${ctx.dbUrl} (${ctx.engine}) is ready at revision ${data.revision}: ${data.classes} classes, ${data.relationTypes} relationship types.`,
        );
      }),
    );
}
