import type { FastifyInstance } from 'fastify';
import type { ImportBatch } from '../../core/import/import.types.js';
import { IdempotencyHeaders, MAX_PAGE, responses } from '../../contracts/common.js';
import { ExportChunk, ExportQuery, ImportBody, ImportReport } from '../../contracts/import.contracts.js';
import { principalOf } from '../request-context.js';
import type { ApiServices } from '../services.js';

/** Imports (the records a client's importer read) and exports (the CMDB in chunks), for `cairn import` and `cairn export` through a server. */
export function importRoutes(app: FastifyInstance, s: ApiServices): void {
  app.post<{ Body: ImportBody }>(
    '/api/v1/import',
    {
      schema: {
        tags: ['cmdb'],
        summary:
          'Import records as one revision (or dry-run them, or open a change with them); bad records are reported, not fatal with skipInvalid',
        headers: IdempotencyHeaders,
        body: ImportBody,
        response: responses({ 200: ImportReport }, [409, 422]),
      },
      // A dry run needs only what a plan needs; writing, or opening a change, is checked below.
      config: { action: 'cmdb:plan' },
    },
    async (req) => {
      const body = req.body;
      const principal = principalOf(req);
      if (body.asChange) s.auth.authorize(principal, 'change:request');
      else if (!body.dryRun) {
        s.auth.authorize(principal, 'cmdb:write');
        if ((body.classes?.length ?? 0) > 0 || (body.relationTypes?.length ?? 0) > 0)
          s.auth.authorize(principal, 'model:write');
      }
      const meta = {
        author: principal.name,
        message: body.message ?? `import ${body.source} via API`,
        source: body.source,
      };
      return s.imports.run([batchOf(body)], meta, {
        prune: body.prune,
        scope: body.scope,
        dryRun: body.dryRun,
        skipInvalid: body.skipInvalid,
        asChange: body.asChange && { title: body.asChange.title, actor: principal.name },
      });
    },
  );

  app.get<{ Querystring: ExportQuery }>(
    '/api/v1/export',
    {
      schema: {
        tags: ['cmdb'],
        summary: 'The CMDB (or its state at a point) in chunks: the custom model, then CIs, then relationships',
        querystring: ExportQuery,
        response: responses({ 200: ExportChunk }, [404]),
      },
      config: { action: 'cmdb:read' },
    },
    async (req) =>
      s.exports.chunk({
        at: req.query.at,
        classes: req.query.class,
        limit: req.query.limit ?? MAX_PAGE,
        cursor: req.query.cursor,
      }),
  );
}

/** The request's records as the import service reads them; problems name the file and line each came from. */
function batchOf(body: ImportBody): ImportBatch {
  const { positions } = body;
  return {
    classes: body.classes,
    relationTypes: body.relationTypes,
    cis: body.cis,
    relations: body.relations,
    issues: body.issues,
    skipped: body.skipped,
    locate:
      positions &&
      ((kind, i) =>
        (kind === 'ci' ? positions.cis[i] : positions.relations[i]) ?? {
          file: '(input)',
          location: `${kind === 'ci' ? 'cis' : 'relations'}[${i}]`,
        }),
  };
}
