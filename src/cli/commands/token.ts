import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import type { TokenView } from '../../contracts/auth.contracts.js';
import { ROLES } from '../../core/auth/permissions.js';
import { withClient } from '../client-context.js';
import type { CliContext } from '../context.js';
import { listOptions, withListOptions } from '../list-options.js';
import { CliUsageError, print, printList } from '../output.js';

export function registerToken(program: Command): void {
  const token = program
    .command('token')
    .description('API tokens for scripts and pipelines (only a hash is stored; through a server, admins only)');

  token
    .command('create')
    .description('create a token and print it once')
    .requiredOption('--name <name>', 'what it is for, e.g. ci-pipeline')
    .requiredOption('--role <role>', ROLES.join(', '))
    .option('--expires <when>', '30d, 12h, 2w, never or an ISO time', '90d')
    .action(async (opts: { name: string; role: string; expires: string }, cmd: Command) => {
      if (!(ROLES as readonly string[]).includes(opts.role))
        throw new CliUsageError(`--role "${opts.role}" is not a role: use one of ${ROLES.join(', ')}`);
      if (opts.name.length > 64) throw new CliUsageError('--name must be at most 64 characters');
      await withClient(cmd, async ({ client, format }) => {
        const created = await client.tokens.create({
          name: opts.name,
          role: opts.role as (typeof ROLES)[number],
          expires: opts.expires,
        });
        print(format, created, () =>
          [
            created.token,
            '',
            `Token ${created.name} (${created.id}) with role ${created.role}, expires ${created.expiresAt ?? 'never'}.`,
            'It is shown only now: store it in a secret manager. Use it as CAIRN_TOKEN or `Authorization: Bearer …`.',
          ].join('\n'),
        );
      });
    });

  withListOptions(token.command('list').description('every token, oldest first (never their values)')).action(
    async (opts: { limit: string; all?: boolean }, cmd: Command) => {
      const options = listOptions(opts);
      await withClient(cmd, async ({ client, format }) =>
        printList(format, (cursor, limit) => client.tokens.list({ limit, cursor }), options, {
          head: ['ID', 'NAME', 'ROLE', 'EXPIRES', 'LAST USED', 'REVOKED'],
          row: (t: TokenView) => [t.id, t.name, t.role, t.expiresAt ?? 'never', t.lastUsedAt, t.revokedAt],
          empty: 'No tokens.',
        }),
      );
    },
  );

  token
    .command('revoke')
    .description('revoke an active token')
    .argument('<id-or-name>', 'the token id or its name')
    .action(async (idOrName: string, _opts: unknown, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const t = await client.tokens.revoke(idOrName);
        print(format, t, () => `Token ${t.name} (${t.id}) revoked.`);
      }),
    );
}

/**
 * Creates the first admin when no user can log in yet, and says on stderr how to log in (stdout
 * stays the command's own output). Called by `cairn init`.
 */
export async function ensureFirstAdmin(ctx: CliContext): Promise<void> {
  const created = await ctx.auth.ensureFirstAdmin('admin', loadConfig().adminPassword);
  if (!created) return;
  process.stderr.write(
    [
      `Created the first admin: user "${created.username}", password ${created.password}`,
      'Log in to the web UI with it after `cairn serve`, or over HTTP:',
      `  curl -c cookies.txt -H 'content-type: application/json' -d '{"username":"${created.username}","password":"…"}' http://127.0.0.1:4000/api/v1/session`,
      'For scripts, create a token: cairn token create --name my-script --role configuration_manager',
      '',
    ].join('\n'),
  );
}
