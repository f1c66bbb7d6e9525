import type { Command } from 'commander';
import { stringify } from 'yaml';
import { withContext } from '../context.js';
import { print } from '../output.js';
import { readYamlFile } from '../read-input.js';

/** `cairn policy apply | show`: approval policy as data, versioned. */
export function registerPolicy(program: Command): void {
  const policy = program.command('policy').description('the approval policy: groups, rules, quorum, change control, windows, templates');
  policy
    .command('apply')
    .description('validate and apply policy.yaml as a new policy version')
    .requiredOption('-f, --file <file>', 'policy.yaml (- for standard input)')
    .action(async (opts: { file: string }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const { version, changed } = await ctx.policies.apply(readYamlFile(opts.file), ctx.actor);
        const data = { version: version.version, changed, hash: version.hash, appliedAt: version.appliedAt, appliedBy: version.appliedBy };
        print(ctx.format, data, () => policyAppliedText(data));
      }),
    );
  policy
    .command('show')
    .description('the policy in force, with its version')
    .action(async (_opts: unknown, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const current = await ctx.policies.current();
        print(ctx.format, current, () => policyText(current));
      }),
    );
}

export function policyAppliedText(r: { version: number; changed: boolean }): string {
  return r.changed ? `Policy version ${r.version} applied.` : `No changes: policy version ${r.version} is already in force.`;
}

/** `cairn policy show` for people: a comment naming the version, then the policy as YAML. */
export function policyText(current: { version: number; appliedBy: string | null; appliedAt: string | null; policy: unknown }): string {
  const head = current.version === 0 ? '# Built-in default policy (none applied yet)' : `# Policy version ${current.version}, applied by ${current.appliedBy} at ${current.appliedAt}`;
  return `${head}\n${stringify(current.policy)}`;
}
