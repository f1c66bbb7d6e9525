import type { Command } from 'commander';
import { stringify } from 'yaml';
import type { Change } from '../../core/change/change.types.js';
import type { UnauthorizedRecord } from '../../core/ports/change-store.port.js';
import type { ChangeVerifyResult } from '../../core/audit/verify.js';
import type { CabAgenda } from '../../core/schedule/cab-agenda.js';
import { verifyText } from '../commands/audit.js';
import { agendaDate, agendaText } from '../commands/cab.js';
import { readPlanDocument } from '../commands/change-input-file.js';
import { unauthorizedText } from '../commands/change-list.js';
import { stateLine } from '../commands/change-format.js';
import { checkModelDocument, classListText } from '../commands/class.js';
import { groupsTable, memberAddedText } from '../commands/group.js';
import { policyAppliedText, policyText } from '../commands/policy.js';
import { usersTable } from '../commands/user.js';
import { describeCounts, type WriteCounts } from '../commands/write-summary.js';
import { CliUsageError, print } from '../output.js';
import { positiveInt } from '../parse-args.js';
import { readYamlFile } from '../read-input.js';
import { remote } from './remote-context.js';

type Outcome = WriteCounts & { revision: number | null; hash: string | null };
const outcomeText = (o: Outcome) => (o.revision === null ? 'No changes: nothing written.' : `Revision ${o.revision}: ${describeCounts(o)}.`);
type ClassDef = { name: string; parent?: string; controlled?: boolean; description?: string };
type Verify = { ok: boolean; revisions: number; firstBad?: { rev: number; reason: string }; changeRecords: ChangeVerifyResult };
type Policy = { version: number; appliedAt: string | null; appliedBy: string | null; policy: Record<string, unknown> };
type Group = { name: string; description: string | null; members: string[] };
type User = { name: string; email: string | null; displayName: string | null; createdAt: string };

/** The model, revert, audit, CAB, policy, users and groups through the API, printing what they print on a database. */
export function registerRemoteMore(program: Command): void {
  const cls = program.command('class');
  cls.command('list').option('--at <point>').action(remote(async (ctx, o: { at?: string }) => {
    const model = await ctx.client.get<{ classes: ClassDef[]; relationTypes: { name: string; inverse?: string; impact?: string }[] }>('api/v1/classes', { at: o.at });
    print(ctx.format, model, () => classListText(model.classes, model.relationTypes));
  }));
  cls.command('show').argument('<name>').action(remote(async (ctx, name: string) => {
    // The class as the registry holds it (its own key order, for the YAML), then what the server derives.
    const own = (await ctx.client.get<{ classes: ClassDef[] }>('api/v1/classes')).classes.find((c) => c.name === name);
    if (!own) throw new CliUsageError(`"${name}" is not a known class (see \`cairn class list\`)`);
    const detail = await ctx.client.get<{ lineage: string[]; statuses: string[]; identify: string[] }>(`api/v1/classes/${encodeURIComponent(name)}`);
    const data = { ...own, lineage: detail.lineage, statuses: detail.statuses, identify: detail.identify };
    print(ctx.format, data, () => stringify(data));
  }));
  cls.command('apply').requiredOption('-f, --file <file>').option('-m, --message <text>').action(remote(async (ctx, o: { file: string; message?: string }) => {
    const doc = readYamlFile(o.file);
    checkModelDocument(doc, o.file);
    const out = await ctx.client.post<Outcome>('api/v1/classes/apply', { ...doc, message: o.message ?? `class apply ${o.file}` });
    print(ctx.format, out, () => outcomeText(out));
  }));

  program.command('revert').option('--to <point>').option('--change <change>').option('--dry-run').option('--apply').option('-m, --message <text>')
    .action(remote(async (ctx, o: { to?: string; change?: string; dryRun?: boolean; apply?: boolean; message?: string }) => {
      if ((o.to === undefined) === (o.change === undefined)) throw new CliUsageError('give one of --to POINT and --change CHG-n');
      if (o.apply && o.dryRun) throw new CliUsageError('choose one of --dry-run and --apply');
      if (o.dryRun || o.apply) {
        const r = await ctx.client.get<{ plan: Record<string, unknown>; title: string }>('api/v1/revert-plan', { to: o.to, change: o.change });
        if (o.dryRun) return print(ctx.format, r.plan, () => `# ${r.title}: the plan a revert change would carry\n${stringify(r.plan)}`);
        const out = await ctx.client.post<Outcome>('api/v1/apply', { ...r.plan, message: o.message ?? r.title });
        return print(ctx.format, out, () => outcomeText(out));
      }
      const change = await ctx.client.post<Change>('api/v1/revert', { to: o.to, change: o.change, justification: o.message });
      print(ctx.format, change, () => `Created ${change.ref} (normal, draft): ${change.title}\nReview it with \`cairn change show ${change.ref}\`, then \`cairn change submit ${change.ref}\`.`);
    }));

  program.command('audit').command('verify').action(remote(async (ctx) => {
    const r = await ctx.client.get<Verify>('api/v1/audit/verify');
    print(ctx.format, r, () => verifyText({ ok: r.firstBad === undefined, revisions: r.revisions, firstBad: r.firstBad }, r.changeRecords));
    if (!r.ok) process.exitCode = 1;
  }));

  program.command('cab').command('agenda').option('--date <date>').action(remote(async (ctx, o: { date?: string }) => {
    const agenda = await ctx.client.get<CabAgenda>('api/v1/cab/agenda', { date: agendaDate(o.date) });
    print(ctx.format, agenda, () => agendaText(agenda));
  }));

  const policy = program.command('policy');
  policy.command('show').action(remote(async (ctx) => {
    const current = await ctx.client.get<Policy>('api/v1/policy');
    print(ctx.format, current, () => policyText(current));
  }));
  policy.command('apply').requiredOption('-f, --file <file>').action(remote(async (ctx, o: { file: string }) => {
    const r = await ctx.client.post<{ version: number; changed: boolean }>('api/v1/policy', readYamlFile(o.file));
    print(ctx.format, r, () => policyAppliedText(r));
  }));

  const user = program.command('user');
  user.command('add').argument('<name>').option('--email <email>').option('--display-name <name>').action(remote(async (ctx, name: string, o: { email?: string; displayName?: string }) => {
    const u = await ctx.client.post<User>('api/v1/workflow/users', { name, email: o.email, displayName: o.displayName });
    print(ctx.format, u, () => `User ${u.name} added.`);
  }));
  user.command('list').action(remote(async (ctx) => {
    const users = await ctx.client.get<User[]>('api/v1/workflow/users');
    print(ctx.format, users, () => usersTable(users));
  }));
  const group = program.command('group');
  group.command('add').argument('<name>').option('--description <text>').action(remote(async (ctx, name: string, o: { description?: string }) => {
    const g = await ctx.client.post<Group>('api/v1/workflow/groups', { name, description: o.description });
    print(ctx.format, g, () => `Group ${g.name} added.`);
  }));
  group.command('list').action(remote(async (ctx) => {
    const groups = await ctx.client.get<Group[]>('api/v1/workflow/groups');
    print(ctx.format, groups, () => groupsTable(groups));
  }));
  group.command('member').command('add').argument('<group>').argument('<user>').action(remote(async (ctx, name: string, userName: string) => {
    const g = await ctx.client.post<Group>(`api/v1/workflow/groups/${encodeURIComponent(name)}/members`, { user: userName });
    print(ctx.format, g, () => memberAddedText(userName, g));
  }));

  // Credentials and subscriptions are managed where the database is (or over /api/v1/tokens and
  // /api/v1/webhooks); the rest are inherently local.
  for (const name of ['init', 'demo', 'serve', 'migrate', 'import', 'export', 'token', 'webhook']) {
    program.command(name).allowUnknownOption().allowExcessArguments().helpOption(false).action(() => {
      throw new CliUsageError(`\`cairn ${name}\` runs on a database, not through a server: use --db URL instead of --server`);
    });
  }
}

/** `change replan | attach | unauthorized` through the API. */
export function registerRemoteChangeMore(change: Command): void {
  change.command('replan').argument('<change>').option('-f, --file <file>').action(remote(async (ctx, ref: string, o: { file?: string }) => {
    const c = await ctx.client.post<Change>(`api/v1/changes/${encodeURIComponent(ref)}/replan`, o.file === undefined ? {} : { plan: readPlanDocument(o.file) });
    const voided = c.approvals.filter((a) => a.voided === true).length;
    print(ctx.format, c, () => `${c.ref} is rebased on revision ${c.baseRevision}; ${voided} approval(s) are void. ${stateLine(c)}`);
  }));
  change.command('attach').argument('<change>').requiredOption('--revision <rev>').action(remote(async (ctx, ref: string, o: { revision: string }) => {
    const c = await ctx.client.post<Change>(`api/v1/changes/${encodeURIComponent(ref)}/attach`, { revision: positiveInt(o.revision, '--revision') });
    print(ctx.format, c, () => `${c.ref} now covers the unauthorized change in revision ${o.revision}.`);
  }));
  change.command('unauthorized').option('--all').action(remote(async (ctx, o: { all?: boolean }) => {
    const records = await ctx.client.get<UnauthorizedRecord[]>('api/v1/changes/unauthorized', { all: o.all ? 'true' : undefined });
    print(ctx.format, records, () => unauthorizedText(records));
  }));
}
