import type { Command } from 'commander';
import type { WorkflowUser } from '../../contracts/change-governance.contracts.js';
import { withClient } from '../client-context.js';
import { listOptions, withListOptions } from '../list-options.js';
import { print, printList } from '../output.js';

/** `cairn user add | list`: the people who request, approve and implement changes. */
export function registerUser(program: Command): void {
  const user = program.command('user').description('users of the change workflow');
  user
    .command('add')
    .description('add a user (or update their email and display name)')
    .argument('<name>', 'user name, as given to --as')
    .option('--email <email>', 'email address')
    .option('--display-name <name>', 'full name')
    .action(async (name: string, opts: { email?: string; displayName?: string }, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const u = await client.users.addUser(name, { email: opts.email, displayName: opts.displayName });
        print(format, u, () => `User ${u.name} added.`);
      }),
    );
  withListOptions(
    user.command('list').description('every user, by name, with where they sign in (local or the identity provider)'),
  ).action(async (opts: { limit: string; all?: boolean }, cmd: Command) => {
    const options = listOptions(opts);
    await withClient(cmd, async ({ client, format }) =>
      printList(format, (cursor, limit) => client.users.listUsers({ limit, cursor }), options, {
        head: USER_HEAD,
        row: (u: WorkflowUser) => [u.name, u.displayName, u.email, u.source],
        empty: 'No users: add one with `cairn user add NAME`.',
      }),
    );
  });
}

/** SOURCE: `local` (a password in Cairn) or `provider` (signs in at the identity provider). */
const USER_HEAD = ['USER', 'DISPLAY NAME', 'EMAIL', 'SOURCE'];
