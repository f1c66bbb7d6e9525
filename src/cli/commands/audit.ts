import type { Command } from 'commander';
import { verifyChain } from '../../core/audit/verify.js';
import { withContext } from '../context.js';
import { print } from '../output.js';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident history');
  audit
    .command('verify')
    .description('recompute the hash chain; exit status 1 on any mismatch')
    .action(async (_opts: unknown, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const result = await verifyChain(ctx.store);
        print(ctx.format, result, () =>
          result.ok
            ? `OK: the hash chain of ${result.revisions} revisions verifies.`
            : `FAILED: revision ${result.firstBad!.rev}: ${result.firstBad!.reason}.`,
        );
        if (!result.ok) process.exitCode = 1;
      }),
    );
}
