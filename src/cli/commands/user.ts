import type { Command } from 'commander';
import { withContext } from '../context.js';
import { print, renderTable } from '../output.js';

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
      withContext(cmd, async (ctx) => {
        const u = await ctx.policies.addUser(name, opts);
        print(ctx.format, u, () => `User ${u.name} added.`);
      }),
    );
  user
    .command('list')
    .description('every user')
    .action(async (_opts: unknown, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const users = await ctx.policies.listUsers();
        print(ctx.format, users, () => usersTable(users));
      }),
    );
}

export function usersTable(users: readonly { name: string; displayName?: string | null; email?: string | null }[]): string {
  return renderTable(['USER', 'DISPLAY NAME', 'EMAIL'], users.map((u) => [u.name, u.displayName, u.email]));
}
