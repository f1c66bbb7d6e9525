import type { Command } from 'commander';
import { stringify } from 'yaml';
import type { PolicyApplied, PolicyView } from '../../contracts/change-governance.contracts.js';
import { withClient } from '../client-context.js';
import { print } from '../output.js';
import { readFieldsFile } from './change-args.js';

/** `cairn policy apply | show`: approval policy as data, versioned. */
export function registerPolicy(program: Command): void {
  const policy = program
    .command('policy')
    .description('the approval policy: groups, rules, quorum, change control, windows, templates');
  policy
    .command('apply')
    .description('validate and apply policy.yaml as a new policy version (as --as USER, else the author)')
    .requiredOption('-f, --file <file>', 'policy.yaml (- for standard input)')
    .action(async (opts: { file: string }, cmd: Command) => {
      const document = readFieldsFile(opts.file);
      await withClient(cmd, async ({ client, format }) => {
        const applied = await client.policy.apply(document);
        print(format, applied, () => policyAppliedText(applied));
      });
    });
  policy
    .command('show')
    .description('the policy in force, with its version')
    .action(async (_opts: unknown, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const current = await client.policy.show();
        print(format, current, () => policyText(current));
      }),
    );
}

export function policyAppliedText(r: Pick<PolicyApplied, 'version' | 'changed'>): string {
  return r.changed
    ? `Policy version ${r.version} applied.`
    : `No changes: policy version ${r.version} is already in force.`;
}

/** `cairn policy show` for people: a comment naming the version, then the policy as YAML. */
export function policyText(current: PolicyView): string {
  const head =
    current.version === 0
      ? '# Built-in default policy (none applied yet)'
      : `# Policy version ${current.version}, applied by ${current.appliedBy} at ${current.appliedAt}`;
  return `${head}\n${stringify(current.policy)}`;
}
