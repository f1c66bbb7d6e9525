import type { Command } from 'commander';
import type { AuthorityDocument, FindingView } from '../../contracts/drift.contracts.js';
import { FINDING_KINDS, FINDING_STATES, type FindingKind, type FindingState } from '../../core/drift/drift.types.js';
import { withClient } from '../client-context.js';
import { globalsOf } from '../global-options.js';
import { CliUsageError, print, printList } from '../output.js';
import { positiveInt } from '../parse-args.js';
import { EXIT } from '../program.js';
import { readYamlFile } from '../read-input.js';
import {
  noteArg,
  oneOf,
  scopeArgs,
  selection,
  sourceArg,
  suppressionMatch,
  textArg,
  type ScopeOpts,
} from './drift-args.js';
import { joinScopes } from '../../core/import/input-scope.js';
import { registerDriftSchedule } from './drift-schedule.js';
import {
  acceptText,
  authorityAppliedText,
  authorityText,
  FINDING_HEAD,
  findingRow,
  readObservation,
  remediateText,
  reportText,
  reviewTable,
  suppressionTable,
  writeRemediation,
} from './drift-output.js';

/** Exit status of `drift check` when it finds unauthorized drift that no rule suppresses. */
export const DRIFT_EXIT_STATUS = EXIT.unauthorizedDrift;

export { selection, suppressionMatch } from './drift-args.js';

interface CheckOpts extends ScopeOpts {
  file: string[];
  format?: string;
  mapping?: string;
  source?: string;
  at?: string;
}

export function registerDrift(program: Command): void {
  const drift = program.command('drift').description('configuration audit: observed state against authorized state');

  drift
    .command('check')
    .description(`compare an observation with the CMDB; exits ${DRIFT_EXIT_STATUS} on unauthorized drift`)
    .requiredOption(
      '-f, --file <files...>',
      'the observation: Cairn JSON/YAML/NDJSON, or --format; several files (-f a -f b) are one observation',
    )
    .option('--format <format>', "an import format (k8s, glpi, compose, …); default Cairn's own")
    .option('--mapping <file>', "the importer's mapping file")
    .option('--source <name>', 'the observing source (default: the format)')
    .option('--at <time>', 'when the source observed it (ISO-8601; default now)')
    .option('--partial', 'the files hold part of what the source sees: only their classes and relationship types count')
    .option('--scope-class <classes...>', 'only CIs of these classes (and subclasses) can be missing')
    .option('--scope-source <sources...>', 'only CIs and relationships these sources wrote can be missing')
    .action(async (opts: CheckOpts, cmd: Command) => {
      // The files are read here, with the importers this CLI has; the database or the server compares and stores.
      const observed = await readObservation(opts.file, opts.format, opts.mapping);
      const source = sourceArg(opts.source ?? observed.format, '--source');
      const scope = joinScopes(scopeArgs(opts), observed.scope);
      // Importers give DesiredCi objects: JSON objects as the check's body describes them.
      const cis = observed.state.cis as unknown as Record<string, unknown>[];
      const relations = observed.state.relations as unknown as Record<string, unknown>[];
      await withClient(cmd, async ({ client, format }) => {
        const report = await client.drift.check({
          source,
          format: observed.format,
          file: opts.file.join(', '),
          observedAt: opts.at,
          hash: observed.hash,
          ...(scope ? { scope } : {}),
          observed: { cis, ...(relations.length > 0 ? { relations } : {}) },
        });
        print(format, report, () => reportText(report));
        if (report.summary.unauthorized > 0) process.exitCode = DRIFT_EXIT_STATUS;
      });
    });

  drift
    .command('list')
    .description('stored findings, oldest first')
    .option('--source <name>', 'of this source')
    .option('--state <state>', 'open or resolved')
    .option('--class <class>', 'of CIs of this class')
    .option('--kind <kind>', 'modified, missing or unexpected')
    .option('--observation <id>', 'of this observation (OBS-n)')
    .option('-n, --limit <n>', 'at most this many (stderr says how many were left out)', '1000')
    .option('--all', 'every finding, streamed page by page')
    .action(
      async (
        opts: {
          source?: string;
          state?: string;
          class?: string;
          kind?: string;
          observation?: string;
          limit: string;
          all?: boolean;
        },
        cmd: Command,
      ) => {
        const state = oneOf<FindingState>(opts.state, FINDING_STATES, 'state');
        const kind = oneOf<FindingKind>(opts.kind, FINDING_KINDS, 'kind');
        const limit = positiveInt(opts.limit, '--limit');
        const query = { source: opts.source, state, class: opts.class, kind, observation: opts.observation };
        await withClient(cmd, async ({ client, format }) =>
          printList(
            format,
            (cursor, size) => client.drift.listFindings({ ...query, limit: size, cursor }),
            { limit, all: opts.all === true },
            {
              head: FINDING_HEAD,
              row: (f: FindingView) => findingRow(f),
              empty: 'No findings.',
            },
          ),
        );
      },
    );

  drift
    .command('accept')
    .description('write the observed state of findings as one revision, flagged for review')
    .argument('[findings...]', 'finding ids (DRF-n)')
    .option('--all-open', 'every open finding')
    .option('--source <name>', 'with --all-open: of this source only')
    .option('-m, --message <text>', 'the revision message')
    .action(async (ids: string[], opts: { allOpen?: boolean; source?: string; message?: string }, cmd: Command) => {
      const which = selection(ids, opts);
      const message = noteArg(opts.message, '--message');
      // `--emergency --reason` (root options) lets the revision through change control, recorded as unauthorized.
      const emergency = globalsOf(cmd).emergency;
      await withClient(cmd, async ({ client, format }) => {
        const data = await client.drift.accept({
          ...which,
          ...(message !== undefined ? { message } : {}),
          ...(emergency ? { emergency } : {}),
        });
        print(format, data, () => acceptText(data));
      });
    });

  drift
    .command('remediate')
    .description('open a change whose plan restores the authorized state')
    .argument('[findings...]', 'finding ids (DRF-n)')
    .option('--all-open', 'every open finding')
    .option('--source <name>', 'with --all-open: of this source only')
    .option('--write <file>', 'also write the change document (change.yaml) to this file')
    .action(async (ids: string[], opts: { allOpen?: boolean; source?: string; write?: string }, cmd: Command) => {
      const which = selection(ids, opts);
      await withClient(cmd, async ({ client, format }) => {
        const data = await client.drift.remediate(which);
        if (opts.write) writeRemediation(opts.write, data);
        print(format, data, () => remediateText(data));
      });
    });

  drift
    .command('review-pending')
    .description('revisions of accepted drift waiting for a retrospective review')
    .action(async (_opts: unknown, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const flags = await client.drift.reviewPending();
        print(format, flags, () => reviewTable(flags));
      }),
    );

  drift
    .command('review')
    .description('mark a revision of accepted drift as reviewed')
    .argument('<rev>', 'revision number')
    .option('--note <text>', 'what the review found')
    .action(async (rev: string, opts: { note?: string }, cmd: Command) => {
      const n = positiveInt(rev.replace(/^r/i, ''), 'the revision');
      const note = noteArg(opts.note, '--note');
      await withClient(cmd, async ({ client, format }) => {
        const reviewed = await client.drift.markReviewed(n, note);
        print(format, reviewed, () => `Revision ${n} reviewed.`);
      });
    });

  registerSuppress(drift);
  registerAuthority(drift);
  registerDriftSchedule(drift);
}

function registerSuppress(drift: Command): void {
  const suppress = drift.command('suppress').description('rules that suppress known, accepted drift until they expire');
  suppress
    .command('add')
    .description('suppress findings that match, until the rule expires')
    .requiredOption('--owner <name>', 'who answers for the accepted drift')
    .requiredOption('--why <text>', "why it is accepted: the rule's reason (--reason belongs to --emergency)")
    .requiredOption('--expires <time>', 'ISO date or time; a date alone means the end of that day (UTC)')
    .option('--source <name>', 'findings of this source')
    .option('--class <class>', 'findings on CIs of this class (or a subclass)')
    .option('--ci <ref>', 'findings on this CI (class/name)')
    .option('--attribute <name>', 'modified findings on this attribute only')
    .action(
      async (
        opts: {
          owner: string;
          why: string;
          expires: string;
          source?: string;
          class?: string;
          ci?: string;
          attribute?: string;
        },
        cmd: Command,
      ) => {
        const rule = {
          match: suppressionMatch(opts),
          owner: textArg(opts.owner, '--owner'),
          reason: textArg(opts.why, '--why'),
          expires: textArg(opts.expires, '--expires'),
        };
        await withClient(cmd, async ({ client, format }) => {
          const added = await client.drift.suppress(rule);
          print(format, added, () => `Suppression rule ${added.id} in force until ${added.expiresAt}.`);
        });
      },
    );
  suppress
    .command('list')
    .description('the rules not removed, with whether each is still in force')
    .action(async (_opts: unknown, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const rules = await client.drift.suppressions();
        print(format, rules, () => suppressionTable(rules));
      }),
    );
  suppress
    .command('remove')
    .description('remove a rule: the findings it matched count again')
    .argument('<id>', 'rule id (SUP-n)')
    .action(async (id: string, _opts: unknown, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        await client.drift.unsuppress(id);
        print(format, { removed: id }, () => `Suppression rule ${id} removed.`);
      }),
    );
}

function registerAuthority(drift: Command): void {
  const authority = drift.command('authority').description('which source owns which attributes of which classes');
  authority
    .command('apply')
    .description('store the rules of sources.yaml as a new version (none when they did not change)')
    .requiredOption('-f, --file <file>', 'sources.yaml')
    .action(async (opts: { file: string }, cmd: Command) => {
      const rules = authorityDocument(readYamlFile(opts.file));
      await withClient(cmd, async ({ client, format }) => {
        const applied = await client.drift.applyAuthority(rules);
        print(format, applied, () => authorityAppliedText(applied));
      });
    });
  authority
    .command('show')
    .description('the rules in force')
    .action(async (_opts: unknown, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const current = await client.drift.authority();
        print(format, current, () => authorityText(current));
      }),
    );
}

/** The outline of sources.yaml; the service checks each entry and names every bad field. */
function authorityDocument(doc: unknown): AuthorityDocument {
  const sources = (doc as { sources?: unknown } | null)?.sources;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || !Array.isArray(sources))
    throw new CliUsageError('the sources file must be a mapping with a `sources` list');
  return doc as AuthorityDocument;
}
