import type { ImportBody } from '../../contracts/import.contracts.js';
import type { ExportsClient, ImportsClient } from '../imports.client.js';
import type { HttpTransport } from './transport.js';

type Position = { file: string; location?: string };

/**
 * Imports over HTTP: the batches gathered into one request, with the file and line of each
 * record, so that the server names bad records as an in-process import does.
 */
export function httpImportsClient(http: HttpTransport): ImportsClient {
  return {
    async run(batches, options, onProgress) {
      const classes: NonNullable<ImportBody['classes']> = [];
      const relationTypes: NonNullable<ImportBody['relationTypes']> = [];
      const cis: ImportBody['cis'] = [];
      const relations: ImportBody['relations'] = [];
      const issues: NonNullable<ImportBody['issues']> = [];
      const skipped: NonNullable<ImportBody['skipped']> = [];
      const positions: { cis: Position[]; relations: Position[] } = { cis: [], relations: [] };
      for await (const batch of batches) {
        classes.push(...(batch.classes ?? []));
        relationTypes.push(...(batch.relationTypes ?? []));
        issues.push(...(batch.issues ?? []));
        skipped.push(...(batch.skipped ?? []));
        batch.cis.forEach((ci, i) => {
          cis.push(ci);
          positions.cis.push(
            batch.locate?.('ci', i) ?? { file: '(input)', location: `${String(ci.class)}/${String(ci.name)}` },
          );
        });
        batch.relations.forEach((r, i) => {
          relations.push(r);
          positions.relations.push(
            batch.locate?.('relation', i) ?? {
              file: '(input)',
              location: `${String(r.type)} ${String(r.from)} → ${String(r.to)}`,
            },
          );
        });
        onProgress?.({ cis: cis.length, relations: relations.length });
      }
      const body: ImportBody = { ...options, classes, relationTypes, cis, relations, positions, issues, skipped };
      return http.post('api/v1/import', body);
    },
    unresolvedRefs: (query) =>
      http.get('api/v1/refs', {
        state: query.state,
        ci: query.ci,
        source: query.source,
        limit: query.limit,
        cursor: query.cursor,
      }),
  };
}

/** Exports over HTTP: one request per chunk. */
export function httpExportsClient(http: HttpTransport): ExportsClient {
  return {
    chunk: (query) =>
      http.get('api/v1/export', { at: query.at, class: query.classes, limit: query.limit, cursor: query.cursor }),
  };
}
