import type { Command } from 'commander';
import { verifyChain, verifyChangeRecords, type ChangeVerifyResult } from '../../core/audit/verify.js';
import { withContext } from '../context.js';
import { print } from '../output.js';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident history');
  audit
    .command('verify')
    .description('recompute the hash chains of revisions and change records; exit status 1 on any mismatch')
    .action(async (_opts: unknown, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const result = await verifyChain(ctx.store);
        const changes = await verifyChangeRecords(ctx.changeStore);
        const ok = result.ok && changes.ok;
        print(ctx.format, { ...result, ok, changeRecords: changes }, () => verifyText(result, changes));
        if (!ok) process.exitCode = 1;
      }),
    );
}

/** `cairn audit verify` for people: the revision chain, then the change records when there are any. */
export function verifyText(result: ChainResult, changes: ChangeVerifyResult): string {
  const lines = [result.ok ? `OK: the hash chain of ${result.revisions} revisions verifies.` : `FAILED: revision ${result.firstBad!.rev}: ${result.firstBad!.reason}.`];
  // A CMDB without changes keeps its one-line answer.
  if (!changes.ok || changes.approvals + changes.transitions + changes.policies + changes.changes > 0) lines.push(changeLine(changes));
  return lines.join('\n');
}

type ChainResult = { ok: boolean; revisions: number; firstBad?: { rev: number; reason: string } };

function changeLine(r: ChangeVerifyResult): string {
  if (!r.ok) return `FAILED: ${r.firstBad!.record}: ${r.firstBad!.reason}.`;
  return `OK: ${n(r.approvals, 'approval record')}, ${n(r.transitions, 'transition record')}, ${n(r.policies, 'policy version')} and ${n(r.changes, 'change')} verify.`;
}

function n(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
