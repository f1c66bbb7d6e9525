import type { Kysely, Selectable } from 'kysely';
import type {
  UnresolvedRef,
  UnresolvedRefQuery,
  UnresolvedRefWriter,
} from '../../../core/cmdb/unresolved-ref.types.js';
import { readJson, readNullableTime, readTime } from '../../conversion/values.js';
import type { Database } from '../../database.js';
import { chunks, IN_CHUNK } from '../batching.js';
import type { UnresolvedRefsTable } from './unresolved-ref.table.js';

/** The SQL of `unresolved_refs`; writes run on a CMDB write transaction's connection. */
export class UnresolvedRefRepository implements UnresolvedRefWriter {
  constructor(private readonly db: Kysely<Database>) {}

  async listUnresolvedRefs(query: UnresolvedRefQuery): Promise<UnresolvedRef[]> {
    let q = this.db.selectFrom('unresolved_refs').selectAll();
    if (query.ci !== undefined) {
      const ci = query.ci;
      q = q.where((eb) => eb.or([eb('from_ref', '=', ci), eb('to_ref', '=', ci)]));
    }
    if (query.source !== undefined) q = q.where('source', '=', query.source);
    if (query.open === true) q = q.where('resolved_rev', 'is', null);
    if (query.open === false) q = q.where('resolved_rev', 'is not', null);
    if (query.afterId !== undefined) q = q.where('id', '>', query.afterId);
    const rows = await q.orderBy('id').limit(query.limit).execute();
    return rows.map(rowToRef);
  }

  async replaceUnresolvedRefs(source: string, refs: UnresolvedRef[]): Promise<void> {
    await this.db
      .deleteFrom('unresolved_refs')
      .where('source', '=', source)
      .where('resolved_rev', 'is', null)
      .execute();
    for (const part of chunks(refs, 200))
      await this.db
        .insertInto('unresolved_refs')
        .values(
          part.map((r) => ({
            id: r.id,
            source: r.source,
            type: r.type,
            from_ref: r.from,
            to_ref: r.to,
            missing: r.missing,
            attributes: r.attributes === undefined ? null : JSON.stringify(r.attributes),
            file: r.file,
            location: r.location ?? null,
            recorded_at: r.recordedAt,
            resolved_at: null,
            resolved_rev: null,
          })),
        )
        .execute();
  }

  async unresolvedRefsAwaiting(missing: string[]): Promise<UnresolvedRef[]> {
    const out: UnresolvedRef[] = [];
    for (const part of chunks([...new Set(missing)], IN_CHUNK)) {
      const rows = await this.db
        .selectFrom('unresolved_refs')
        .selectAll()
        .where('missing', 'in', part)
        .where('resolved_rev', 'is', null)
        .orderBy('id')
        .execute();
      out.push(...rows.map(rowToRef));
    }
    return out;
  }

  async markUnresolvedRefsResolved(ids: string[], rev: number, at: string): Promise<void> {
    for (const part of chunks(ids, IN_CHUNK))
      await this.db
        .updateTable('unresolved_refs')
        .set({ resolved_rev: rev, resolved_at: at })
        .where('id', 'in', part)
        .execute();
  }
}

function rowToRef(r: Selectable<UnresolvedRefsTable>): UnresolvedRef {
  return {
    id: r.id,
    source: r.source,
    type: r.type,
    from: r.from_ref,
    to: r.to_ref,
    missing: r.missing,
    ...(r.attributes === null ? {} : { attributes: readJson<Record<string, unknown>>(r.attributes) }),
    file: r.file,
    ...(r.location === null ? {} : { location: r.location }),
    recordedAt: readTime(r.recorded_at),
    resolvedAt: readNullableTime(r.resolved_at),
    resolvedRev: r.resolved_rev === null ? null : Number(r.resolved_rev),
  };
}
