import type { Command } from 'commander';
import { withContext } from '../context.js';
import { print, renderTable } from '../output.js';

/** `cairn group add | list | member add`: approver groups (policy.yaml sets the ones it names). */
export function registerGroup(program: Command): void {
  const group = program.command('group').description('groups of approvers (CAB, change managers, …)');
  group
    .command('add')
    .description('create a group')
    .argument('<name>', 'group name, as used in policy.yaml')
    .option('--description <text>', 'what the group does')
    .action(async (name: string, opts: { description?: string }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const g = await ctx.policies.addGroup(name, opts.description);
        print(ctx.format, g, () => `Group ${g.name} added.`);
      }),
    );
  group
    .command('list')
    .description('every group with its members')
    .action(async (_opts: unknown, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const groups = await ctx.policies.listGroups();
        print(ctx.format, groups, () => groupsTable(groups));
      }),
    );
  const member = group.command('member').description('group membership');
  member
    .command('add')
    .description('add a user to a group')
    .argument('<group>', 'group name')
    .argument('<user>', 'user name')
    .action(async (name: string, user: string, _opts: unknown, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const g = await ctx.policies.addMember(name, user);
        print(ctx.format, g, () => memberAddedText(user, g));
      }),
    );
}

export function groupsTable(groups: readonly { name: string; members: string[]; description?: string | null }[]): string {
  return renderTable(['GROUP', 'MEMBERS', 'DESCRIPTION'], groups.map((g) => [g.name, g.members.join(', '), g.description]));
}

export function memberAddedText(user: string, g: { name: string; members: string[] }): string {
  return `${user} is a member of ${g.name} (${g.members.join(', ')}).`;
}
