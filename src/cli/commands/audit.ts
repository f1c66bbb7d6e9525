import type { Command } from 'commander';
import type { VerifyResult } from '../../contracts/history.contracts.js';
import { withClient } from '../client-context.js';
import { print } from '../output.js';
import { anchorText, registerAnchor, verifyAnchors } from './audit-anchor.js';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident history');
  audit
    .command('verify')
    .option(
      '--anchors <file>',
      'also prove that no revision anchored in this file (from `audit anchor`) was removed or rewritten',
    )
    .option('--key <file>', 'with --anchors: the key the checkpoints must be signed with (public or private PEM)')
    .description('recompute the hash chains of revisions and change records; exit status 1 on any mismatch')
    .action(async (opts: { anchors?: string; key?: string }, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const result = await client.history.verifyAudit();
        const anchors = opts.anchors === undefined ? undefined : await verifyAnchors(client, opts.anchors, opts.key);
        const text = () =>
          [verifyText(result, result.changeRecords), ...(anchors ? [anchorText(anchors)] : [])].join('\n');
        print(format, anchors ? { ...result, ok: result.ok && anchors.ok, anchors } : result, text);
        // A broken chain is a finding, not a failure to run: the report is printed, the status says it.
        if (!result.ok || (anchors && !anchors.ok)) process.exitCode = 1;
      }),
    );
  registerAnchor(audit);
}

type ChainResult = Pick<VerifyResult, 'ok' | 'revisions' | 'firstBad' | 'problems' | 'problemCount'>;
type ChangeRecordsResult = NonNullable<VerifyResult['changeRecords']>;

/**
 * `cairn audit verify` for people: one FAILED line for every bad record found, then what verified.
 * A CMDB without changes keeps its one-line answer.
 */
export function verifyText(chain: ChainResult, changes: ChangeRecordsResult | undefined): string {
  const problems = chain.problems ?? [];
  const lines = problems.map((p) => `FAILED: ${p.record}: ${p.reason}.`);
  const count = chain.problemCount ?? problems.length;
  if (count > problems.length) lines.push(`… and ${count - problems.length} more problems not listed.`);
  // A result without a problem list (an older server) still names its first bad record.
  if (problems.length === 0 && chain.firstBad)
    lines.push(`FAILED: revision ${chain.firstBad.rev}: ${chain.firstBad.reason}.`);
  if (problems.length === 0 && changes && !changes.ok)
    lines.push(
      `FAILED: ${changes.firstBad?.record ?? 'a change record'}: ${changes.firstBad?.reason ?? 'it does not verify'}.`,
    );
  if (chain.ok) lines.push(`OK: the hash chain of ${chain.revisions} revisions verifies.`);
  if (
    changes?.ok &&
    changes.approvals + changes.transitions + changes.policies + changes.environments + changes.changes > 0
  )
    lines.push(
      `OK: ${n(changes.approvals, 'approval record')}, ${n(changes.transitions, 'transition record')}, ${n(changes.policies, 'policy version')}${changes.environments > 0 ? `, ${n(changes.environments, 'environments version')}` : ''} and ${n(changes.changes, 'change')} verify.`,
    );
  if (count > 0) lines.push(`${n(count, 'problem')} found.`);
  return lines.join('\n');
}

function n(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
