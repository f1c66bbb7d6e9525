import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import type { ApiToken } from '../../core/auth/auth.types.js';
import { withContext, type CliContext } from '../context.js';
import { print, renderTable } from '../output.js';

export function registerToken(program: Command): void {
  const token = program.command('token').description('API tokens for scripts and pipelines (only a hash is stored)');

  token
    .command('create')
    .description('create a token and print it once')
    .requiredOption('--name <name>', 'what it is for, e.g. ci-pipeline')
    .requiredOption('--role <role>', 'viewer, requester, implementer, change_manager, cab_member, configuration_manager or admin')
    .option('--expires <when>', '30d, 12h, 2w, never or an ISO time', '90d')
    .action(async (opts: { name: string; role: string; expires: string }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const { token: value, record } = await ctx.auth.createToken({ ...opts, createdBy: ctx.author });
        print(ctx.format, { ...record, token: value }, () =>
          [`${value}`, '', `Token ${record.name} (${record.id}) with role ${record.role}, expires ${record.expiresAt ?? 'never'}.`, 'It is shown only now: store it in a secret manager. Use it as CAIRN_TOKEN or `Authorization: Bearer …`.'].join('\n'),
        );
      }),
    );

  token
    .command('list')
    .action(async (_opts: unknown, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const list = await ctx.auth.listTokens();
        print(ctx.format, list, () => (list.length === 0 ? 'No tokens.' : renderTable(['ID', 'NAME', 'ROLE', 'EXPIRES', 'LAST USED', 'REVOKED'], list.map(row))));
      }),
    );

  token
    .command('revoke')
    .argument('<id-or-name>', 'the token id or its name')
    .action(async (idOrName: string, _opts: unknown, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const t = await ctx.auth.revokeToken(idOrName);
        print(ctx.format, t, () => `Token ${t.name} (${t.id}) revoked.`);
      }),
    );
}

function row(t: ApiToken): (string | null)[] {
  return [t.id, t.name, t.role, t.expiresAt ?? 'never', t.lastUsedAt, t.revokedAt];
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
