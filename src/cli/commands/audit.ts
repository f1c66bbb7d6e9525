import type { Command } from 'commander';
import type { VerifyResult } from '../../contracts/history.contracts.js';
import { withClient } from '../client-context.js';
import { print } from '../output.js';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident history');
  audit
    .command('verify')
    .description('recompute the hash chains of revisions and change records; exit status 1 on any mismatch')
    .action(async (_opts: unknown, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const result = await client.history.verifyAudit();
        print(format, result, () => verifyText(result, result.changeRecords));
        // A broken chain is a finding, not a failure to run: the report is printed, the status says it.
        if (!result.ok) process.exitCode = 1;
      }),
    );
}

type ChainResult = Pick<VerifyResult, 'ok' | 'revisions' | 'firstBad'>;
type ChangeRecordsResult = NonNullable<VerifyResult['changeRecords']>;

/** `cairn audit verify` for people: the revision chain, then the change records when there are any. */
export function verifyText(chain: ChainResult, changes: ChangeRecordsResult | undefined): string {
  const lines = [
    chain.firstBad === undefined
      ? `OK: the hash chain of ${chain.revisions} revisions verifies.`
      : `FAILED: revision ${chain.firstBad.rev}: ${chain.firstBad.reason}.`,
  ];
  // A CMDB without changes keeps its one-line answer.
  if (changes && (!changes.ok || changes.approvals + changes.transitions + changes.policies + changes.changes > 0))
    lines.push(changeLine(changes));
  return lines.join('\n');
}

function changeLine(r: ChangeRecordsResult): string {
  if (!r.ok)
    return `FAILED: ${r.firstBad?.record ?? 'a change record'}: ${r.firstBad?.reason ?? 'it does not verify'}.`;
  return `OK: ${n(r.approvals, 'approval record')}, ${n(r.transitions, 'transition record')}, ${n(r.policies, 'policy version')} and ${n(r.changes, 'change')} verify.`;
}

function n(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
