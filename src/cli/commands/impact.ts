import type { Command } from 'commander';
import type { ImpactReport } from '../../contracts/ci.contracts.js';
import { withClient } from '../client-context.js';
import { print, renderTable } from '../output.js';
import { ciRefArg, positiveInt } from '../parse-args.js';

export function registerImpact(program: Command): void {
  program
    .command('impact')
    .description('what a change to these CIs affects, with one shortest path each')
    .argument('<refs...>', 'CLASS/NAME …')
    .option('--depth <n>', 'how many relationships deep', '6')
    .option('--at <point>', 'revision number, ISO time, baseline or CHG-n')
    .action(async (refs: string[], opts: { depth: string; at?: string }, cmd: Command) => {
      refs.forEach(ciRefArg);
      const depth = positiveInt(opts.depth, '--depth');
      await withClient(cmd, async ({ client, format }) => {
        const report = await client.cmdb.impact(refs, { depth, at: opts.at });
        print(format, report, () => impactText(report));
      });
    });
}

export function impactText(report: ImpactReport): string {
  if (report.count === 0) return `A change to ${report.root} affects no other CI.`;
  return (
    `A change to ${report.root} affects ${report.count} CI${report.count === 1 ? '' : 's'}:\n` +
    renderTable(
      ['CI', 'DEPTH', 'PATH'],
      report.impacted.map((i) => [i.ref, i.depth, pathText(i)]),
    )
  );
}

/** `database/orders-db —used_by→ application/cart`: each step named the way it reads, arrows pointing along the path. */
function pathText(hit: ImpactReport['impacted'][number]): string {
  return hit.path.map((ref, n) => (n === 0 ? ref : ` —${hit.readAs[n - 1] ?? hit.via[n - 1]}→ ${ref}`)).join('');
}
