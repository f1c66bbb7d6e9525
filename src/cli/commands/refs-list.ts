import type { Command } from 'commander';
import type { UnresolvedRefView } from '../../contracts/refs.contracts.js';
import { withClient } from '../client-context.js';
import { CliUsageError, printList } from '../output.js';
import { positiveInt } from '../parse-args.js';

export interface RefsOptions {
  unresolved?: boolean;
  resolved?: boolean;
  ci?: string;
  source?: string;
  limit: string;
  all?: boolean;
}

/**
 * `cairn list refs [--unresolved | --resolved] [--ci C] [--source S]`: the references imports
 * read whose target was neither in their input nor in the CMDB, where each was read, and (once
 * resolved) the revision that wrote it as a relationship.
 */
export async function listRefs(opts: RefsOptions, cmd: Command): Promise<void> {
  const state = opts.unresolved && opts.resolved ? 'all' : opts.resolved ? 'resolved' : 'unresolved';
  if (opts.ci !== undefined && !/^[^/]+\/.+$/.test(opts.ci))
    throw new CliUsageError(`--ci takes a CI written class/name, not "${opts.ci}"`);
  const limit = positiveInt(opts.limit, '--limit');
  await withClient(cmd, async ({ client, format }) => {
    await printList(
      format,
      (cursor, size) => client.imports.unresolvedRefs({ state, ci: opts.ci, source: opts.source, limit: size, cursor }),
      { limit, all: opts.all === true },
      {
        head: ['FROM', 'TYPE', 'TO', 'WAITING FOR', 'SOURCE', 'READ AT', 'RESOLVED'],
        row: (r: UnresolvedRefView) => [
          r.from,
          r.type,
          r.to,
          r.missing,
          r.source,
          r.location === undefined ? r.file : `${r.file}, ${r.location}`,
          r.resolvedRev === null ? '-' : `revision ${r.resolvedRev}`,
        ],
        empty:
          state === 'resolved'
            ? 'No reference has been resolved yet.'
            : 'No unresolved references: every relationship imports read found its target.',
      },
    );
  });
}
