import type { Command } from 'commander';
import type { WorkflowGroup } from '../../contracts/change-governance.contracts.js';
import { withClient } from '../client-context.js';
import { listOptions, withListOptions } from '../list-options.js';
import { print, printList } from '../output.js';

/** `cairn group add | list | member add`: approver groups (policy.yaml sets the ones it names). */
export function registerGroup(program: Command): void {
  const group = program.command('group').description('groups of approvers (CAB, change managers, …)');
  group
    .command('add')
    .description('create a group')
    .argument('<name>', 'group name, as used in policy.yaml')
    .option('--description <text>', 'what the group does')
    .action(async (name: string, opts: { description?: string }, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const g = await client.users.addGroup(name, opts.description);
        print(format, g, () => `Group ${g.name} added.`);
      }),
    );
  withListOptions(group.command('list').description('every group with its members, by name')).action(
    async (opts: { limit: string; all?: boolean }, cmd: Command) => {
      const options = listOptions(opts);
      await withClient(cmd, async ({ client, format }) =>
        printList(format, (cursor, limit) => client.users.listGroups({ limit, cursor }), options, {
          head: GROUP_HEAD,
          row: (g: WorkflowGroup) => [g.name, membersText(g), g.description],
          empty: 'No groups: add one with `cairn group add NAME`.',
        }),
      );
    },
  );
  const member = group.command('member').description('group membership');
  member
    .command('add')
    .description('add a user to a group')
    .argument('<group>', 'group name')
    .argument('<user>', 'user name')
    .action(async (name: string, user: string, _opts: unknown, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const g = await client.users.addMember(name, user);
        print(format, g, () => memberAddedText(user, g));
      }),
    );
}

const GROUP_HEAD = ['GROUP', 'MEMBERS', 'DESCRIPTION'];

/** Members named in Cairn, then those the identity provider gave, marked so. */
function membersText(g: WorkflowGroup): string {
  const local = new Set(g.members);
  return [...g.members, ...g.providerMembers.filter((m) => !local.has(m)).map((m) => `${m} (provider)`)].join(', ');
}

export function memberAddedText(user: string, g: { name: string; members: string[] }): string {
  return `${user} is a member of ${g.name} (${g.members.join(', ')}).`;
}
