import type { Services } from '../../app/services.js';
import type { ExportsClient, ImportsClient } from '../imports.client.js';
import type { LocalSession } from './session.js';

/** Imports in-process: the batches stream into one transaction, as large as the database takes. */
export function localImportsClient(s: Pick<Services, 'imports' | 'cmdb'>, session: LocalSession): ImportsClient {
  return {
    run: (batches, options, onProgress) =>
      s.imports.run(
        batches,
        { ...session.meta(options.message ?? `import ${options.source}`), source: options.source },
        {
          prune: options.prune,
          scope: options.scope,
          dryRun: options.dryRun,
          skipInvalid: options.skipInvalid,
          asChange: options.asChange && { title: options.asChange.title, actor: session.actor },
          onProgress,
        },
      ),
    unresolvedRefs: (query) => s.cmdb.unresolvedRefPage(query),
  };
}

/** Records per export chunk when the caller names none: the API's largest page (MAX_PAGE). */
const EXPORT_CHUNK = 1000;

/** Exports in-process: the same chunks GET /export returns. */
export function localExportsClient(s: Pick<Services, 'exports'>): ExportsClient {
  return {
    chunk: async (query) => {
      const chunk = await s.exports.chunk({
        at: query.at,
        classes: query.classes,
        limit: query.limit ?? EXPORT_CHUNK,
        cursor: query.cursor,
      });
      return chunk as unknown as Awaited<ReturnType<ExportsClient['chunk']>>;
    },
  };
}
