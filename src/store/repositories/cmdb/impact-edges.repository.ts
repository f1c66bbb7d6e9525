import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Edge, ImpactFollow } from '../../../core/graph/impact.js';
import type { Database } from '../../database.js';
import type { Engine } from '../../engine.js';
import { chunks, IN_CHUNK } from '../batching.js';
import { selectLive } from './as-of.js';

interface EdgeRow {
  id: string;
  type: string;
  source_id: string;
  target_id: string;
}

/**
 * The relationships an impact walk may follow from some CIs within a depth, as of any revision
 * (CmdbReader.getImpactEdges). Only ids, types and ends are read: the walk needs no attributes.
 */
export class ImpactEdgesRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
  ) {}

  async getImpactEdges(roots: string[], maxDepth: number, follow: ImpactFollow, at?: number): Promise<Edge[]> {
    if (roots.length === 0 || maxDepth < 1 || follow.up.length + follow.down.length === 0) return [];
    // Engine check (recursive walk): on PostgreSQL every query is a network round trip, so the
    // walk runs inside the server in one recursive query; on SQLite a query is a function call,
    // and a few indexed queries per level cost less than a recursive plan.
    const rows =
      this.engine === 'postgres'
        ? await this.recursive(roots, maxDepth, follow, at)
        : await this.levelByLevel(roots, maxDepth, follow, at);
    const byId = new Map(rows.map((r) => [r.id, r]));
    // In id order, so that the walk picks the same path among equal ones on every engine.
    return [...byId.values()]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((r) => ({ type: r.type, sourceId: r.source_id, targetId: r.target_id }));
  }

  /** Breadth first, each CI expanded once at its smallest depth: two indexed queries per level. */
  private async levelByLevel(roots: string[], maxDepth: number, follow: ImpactFollow, at?: number): Promise<EdgeRow[]> {
    const reached = new Set(roots);
    const out: EdgeRow[] = [];
    let frontier = [...reached];
    for (let depth = 0; depth < maxDepth && frontier.length > 0; depth++) {
      const next: string[] = [];
      const visit = (rows: EdgeRow[], far: (r: EdgeRow) => string) => {
        for (const r of rows) {
          out.push(r);
          const id = far(r);
          if (!reached.has(id)) {
            reached.add(id);
            next.push(id);
          }
        }
      };
      visit(await this.byEnd('target_id', frontier, follow.up, at), (r) => r.source_id);
      visit(await this.byEnd('source_id', frontier, follow.down, at), (r) => r.target_id);
      frontier = next;
    }
    return out;
  }

  private async byEnd(end: 'source_id' | 'target_id', ids: string[], types: string[], at?: number): Promise<EdgeRow[]> {
    if (types.length === 0) return [];
    const out: EdgeRow[] = [];
    for (const part of chunks(ids, IN_CHUNK)) {
      const query = this.db
        .selectFrom('relation_versions')
        .select(['id', 'type', 'source_id', 'target_id'])
        .where(end, 'in', part)
        .where('type', 'in', types);
      out.push(...(await selectLive(query, at)));
    }
    return out;
  }

  /**
   * One recursive query: `walk` holds every CI reached within maxDepth - 1 steps (a CI may appear
   * at several depths, which bounds the work by the depth), then the relationships leading out of
   * them in their impact direction are read once. Each step is a union of index range scans:
   * current rows and, as of a past revision, past rows, on their own partial indexes (an OR
   * across `rev_to IS NULL` would use neither; see as-of.ts).
   */
  private async recursive(roots: string[], maxDepth: number, follow: ImpactFollow, at?: number): Promise<EdgeRow[]> {
    const live: RawBuilder<unknown>[] =
      at === undefined
        ? [sql`r.rev_to is null`]
        : [
            sql`r.rev_to is null and r.rev_from <= ${at}`,
            sql`r.rev_to is not null and r.rev_from <= ${at} and r.rev_to > ${at}`,
          ];
    const step = (from: 'source_id' | 'target_id', types: string[]) =>
      types.length === 0
        ? []
        : live.map(
            (when) => sql`select r.id, r.type, r.source_id, r.target_id,
                r.${sql.raw(from === 'target_id' ? 'source_id' : 'target_id')} as next
              from relation_versions r
              where r.${sql.raw(from)} = w.id and r.type = any(${types}::text[]) and ${when}`,
          );
    const steps = sql.join([...step('target_id', follow.up), ...step('source_id', follow.down)], sql` union all `);
    const { rows } = await sql<EdgeRow>`
      with recursive walk(id, depth) as (
        select distinct root, 0 from unnest(${roots}::text[]) as root
        union
        select s.next, w.depth + 1 from walk w cross join lateral (${steps}) s where w.depth < ${maxDepth - 1}
      ),
      nodes as (select distinct id from walk)
      select s.id, s.type, s.source_id, s.target_id from nodes w cross join lateral (${steps}) s
    `.execute(this.db);
    return rows;
  }
}
