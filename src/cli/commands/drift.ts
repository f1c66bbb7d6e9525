import type { Command } from 'commander';
import { stringify as toYaml } from 'yaml';
import { type FindingSelection } from '../../core/drift/drift.service.js';
import { FINDING_KINDS, FINDING_STATES, type FindingKind, type FindingState } from '../../core/drift/drift.types.js';
import { withContext } from '../context.js';
import { CliUsageError, print } from '../output.js';
import { positiveInt } from '../parse-args.js';
import { readYamlFile } from '../read-input.js';
import { registerDriftSchedule } from './drift-schedule.js';
import { acceptText, findingsTable, readObservation, remediateText, reportText, reviewTable, suppressionTable, writeRemediation } from './drift-output.js';

/** Exit status of `drift check` when it finds unauthorized drift that no rule suppresses. */
export const DRIFT_EXIT_STATUS = 3;

/** The `--source/--class/--ci/--attribute` of `suppress add`, those given. */
export function suppressionMatch(opts: { source?: string; class?: string; ci?: string; attribute?: string }): Record<string, string> {
  return Object.fromEntries(Object.entries({ source: opts.source, class: opts.class, ci: opts.ci, attribute: opts.attribute }).filter((e): e is [string, string] => e[1] !== undefined));
}

export function selection(ids: string[], opts: { allOpen?: boolean; source?: string }): FindingSelection {
  if (opts.allOpen && ids.length > 0) throw new CliUsageError('name findings or use --all-open, not both');
  if (opts.allOpen) return { allOpen: true, ...(opts.source ? { source: opts.source } : {}) };
  if (ids.length === 0) throw new CliUsageError('name the findings (DRF-n …) or use --all-open');
  return { ids };
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], what: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new CliUsageError(`${what} "${value}" is not one of ${allowed.join(', ')}`);
  return value as T;
}

export function registerDrift(program: Command): void {
  const drift = program.command('drift').description('configuration audit: observed state against authorized state');

  drift
    .command('check')
    .description(`compare an observation with the CMDB; exits ${DRIFT_EXIT_STATUS} on unauthorized drift`)
    .requiredOption('-f, --file <file>', 'the observation: Cairn JSON/YAML/NDJSON, or --format')
    .option('--format <format>', "an import format (k8s, glpi, compose, …); default Cairn's own")
    .option('--mapping <file>', "the importer's mapping file")
    .option('--source <name>', 'the observing source (default: the format)')
    .option('--at <time>', 'when the source observed it (ISO-8601; default now)')
    .action(async (opts: { file: string; format?: string; mapping?: string; source?: string; at?: string }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const observed = await readObservation(opts.file, opts.format, opts.mapping);
        const source = opts.source ?? observed.format;
        const report = await ctx.drift.check({ observed: observed.state, source, format: observed.format, file: opts.file, observedAt: opts.at, hash: observed.hash, author: ctx.author });
        print(ctx.format, report, () => reportText(report));
        if (report.summary.unauthorized > 0) process.exitCode = DRIFT_EXIT_STATUS;
      }),
    );

  drift
    .command('list')
    .description('stored findings, oldest first')
    .option('--source <name>', 'of this source')
    .option('--state <state>', 'open or resolved')
    .option('--class <class>', 'of CIs of this class')
    .option('--kind <kind>', 'modified, missing or unexpected')
    .option('--observation <id>', 'of this observation (OBS-n)')
    .option('-n, --limit <n>', 'at most this many', '1000')
    .action(async (opts: { source?: string; state?: string; class?: string; kind?: string; observation?: string; limit: string }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const state = oneOf<FindingState>(opts.state, FINDING_STATES, 'state');
        const kind = oneOf<FindingKind>(opts.kind, FINDING_KINDS, 'kind');
        const findings = await ctx.drift.listFindings({ source: opts.source, state, class: opts.class, kind, observationId: opts.observation, limit: positiveInt(opts.limit, '--limit') });
        print(ctx.format, findings, () => (findings.length === 0 ? 'No findings.' : findingsTable(findings)));
      }),
    );

  drift
    .command('accept')
    .description('write the observed state of findings as one revision, flagged for review')
    .argument('[findings...]', 'finding ids (DRF-n)')
    .option('--all-open', 'every open finding')
    .option('--source <name>', 'with --all-open: of this source only')
    .option('-m, --message <text>', 'the revision message')
    .action(async (ids: string[], opts: { allOpen?: boolean; source?: string; message?: string }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const emergency = ctx.meta().emergency;
        const outcome = await ctx.drift.accept(selection(ids, opts), ctx.author, { message: opts.message, ...(emergency ? { emergency } : {}) });
        const data = { revision: outcome.revision?.rev ?? null, findings: outcome.findings };
        print(ctx.format, data, () => acceptText(data));
      }),
    );

  drift
    .command('remediate')
    .description('open a change whose plan restores the authorized state')
    .argument('[findings...]', 'finding ids (DRF-n)')
    .option('--all-open', 'every open finding')
    .option('--source <name>', 'with --all-open: of this source only')
    .option('--write <file>', 'also write the change document (change.yaml) to this file')
    .action(async (ids: string[], opts: { allOpen?: boolean; source?: string; write?: string }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const outcome = await ctx.drift.remediate(selection(ids, opts), ctx.actor);
        const data = { change: outcome.change?.ref ?? null, draft: outcome.draft, findings: outcome.findings };
        if (opts.write) writeRemediation(opts.write, data);
        print(ctx.format, data, () => remediateText(data));
      }),
    );

  drift
    .command('review-pending')
    .description('revisions of accepted drift waiting for a retrospective review')
    .action(async (_opts: unknown, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const flags = await ctx.drift.reviewPending();
        print(ctx.format, flags, () => reviewTable(flags));
      }),
    );

  drift
    .command('review')
    .description('mark a revision of accepted drift as reviewed')
    .argument('<rev>', 'revision number')
    .option('--note <text>', 'what the review found')
    .action(async (rev: string, opts: { note?: string }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const n = positiveInt(rev.replace(/^r/i, ''), 'the revision');
        await ctx.drift.markReviewed(n, ctx.author, opts.note);
        print(ctx.format, { rev: n, reviewedBy: ctx.author }, () => `Revision ${n} reviewed.`);
      }),
    );

  registerSuppress(drift);
  registerAuthority(drift);
  registerDriftSchedule(drift);
}

function registerSuppress(drift: Command): void {
  const suppress = drift.command('suppress').description('rules that suppress known, accepted drift until they expire');
  suppress
    .command('add')
    .requiredOption('--owner <name>', 'who answers for the accepted drift')
    .requiredOption('--why <text>', 'why it is accepted: the rule\'s reason (--reason belongs to --emergency)')
    .requiredOption('--expires <time>', 'ISO date or time; a date alone means the end of that day (UTC)')
    .option('--source <name>', 'findings of this source')
    .option('--class <class>', 'findings on CIs of this class (or a subclass)')
    .option('--ci <ref>', 'findings on this CI (class/name)')
    .option('--attribute <name>', 'modified findings on this attribute only')
    .action(async (opts: { owner: string; why: string; expires: string; source?: string; class?: string; ci?: string; attribute?: string }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const match = suppressionMatch(opts);
        const rule = await ctx.drift.suppress({ match, owner: opts.owner, reason: opts.why, expires: opts.expires }, ctx.author);
        print(ctx.format, rule, () => `Suppression rule ${rule.id} in force until ${rule.expiresAt}.`);
      }),
    );
  suppress.command('list').action(async (_opts: unknown, cmd: Command) =>
    withContext(cmd, async (ctx) => {
      const rules = await ctx.drift.suppressions();
      print(ctx.format, rules, () => suppressionTable(rules));
    }),
  );
  suppress
    .command('remove')
    .argument('<id>', 'rule id (SUP-n)')
    .action(async (id: string, _opts: unknown, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        await ctx.drift.unsuppress(id, ctx.author);
        print(ctx.format, { removed: id }, () => `Suppression rule ${id} removed.`);
      }),
    );
}

function registerAuthority(drift: Command): void {
  const authority = drift.command('authority').description('which source owns which attributes of which classes');
  authority
    .command('apply')
    .requiredOption('-f, --file <file>', 'sources.yaml')
    .action(async (opts: { file: string }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const { version, created } = await ctx.drift.applyAuthority(readYamlFile(opts.file), ctx.author);
        print(ctx.format, { ...version, created }, () => (created ? `Source authority rules version ${version.version} stored.` : `No changes: version ${version.version} already holds these rules.`));
      }),
    );
  authority.command('show').action(async (_opts: unknown, cmd: Command) =>
    withContext(cmd, async (ctx) => {
      const current = await ctx.drift.authorityRules();
      print(ctx.format, current ?? null, () => (current ? `Version ${current.version} (${current.createdAt}, ${current.author}):\n${toYaml(current.rules)}` : 'No source authority rules: every source may write every attribute.'));
    }),
  );
}
