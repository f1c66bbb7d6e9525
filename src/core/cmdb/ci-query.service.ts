import type { CiFilter, CmdbStore } from './cmdb.port.js';
import type { HistoryService } from './history.service.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';
import { InputError, NotFoundError } from '../shared/errors.js';
import { keyValuePairs } from '../shared/key-value.js';
import type { CiVersion } from '../ci/ci.types.js';
import type { CmdbService } from './cmdb.service.js';
import type { CiRef } from '../ci/desired-state.js';

/** What `cairn list ci` and GET /cis ask for. */
export interface CiListQuery {
  /** A revision, baseline, CHG-n or ISO time; absent: now. */
  at?: string;
  /** Only CIs of this class or of a class that inherits from it. */
  class?: string;
  statuses?: string[];
  labels?: Record<string, string>;
  /** Label keys the CIs must carry, whatever the value (`--label team` alone). */
  labelKeys?: string[];
  /** Text the CI's name contains, ignoring case (a search box). */
  nameContains?: string;
  attributes?: Record<string, string>;
  limit: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/** The list query as GET /cis and `cairn list ci` send it: filters as `key=value` words, a default page of 100. */
export interface CiListWords {
  at?: string;
  class?: string;
  status?: string[];
  /** `k=v`, or `k` alone: the label is set, whatever its value. */
  label?: string[];
  attr?: string[];
  /** Text the name contains. */
  q?: string;
  limit?: number;
  cursor?: string;
}

/** Reads the faces' words into the query the service takes. */
export function ciListQueryOf(q: CiListWords): CiListQuery {
  return {
    at: q.at,
    class: q.class,
    statuses: q.status,
    labels: keyValuePairs(q.label?.filter((l) => l.includes('='))),
    labelKeys: q.label?.filter((l) => !l.includes('=')),
    nameContains: q.q?.trim() || undefined,
    attributes: keyValuePairs(q.attr),
    limit: q.limit ?? 100,
    cursor: q.cursor,
  };
}

export interface CiListPage {
  items: CiVersion[];
  nextCursor: string | null;
  /** How many CIs match in all; counted on the first page only (later pages pass a cursor). */
  total?: number;
}

/** A page is pinned to the revision the first page read, so that a listing never mixes two states. */
interface ListCursor {
  c: string;
  n: string;
  at: number;
}
const isListCursor = (v: unknown): v is ListCursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as ListCursor).c === 'string' &&
  typeof (v as ListCursor).n === 'string' &&
  Number.isInteger((v as ListCursor).at);

/** Reading CIs: filtered, paged listings and reads by id. */
export class CiQueryService {
  constructor(private readonly deps: { store: CmdbStore; cmdb: CmdbService; history: HistoryService }) {}

  async list(query: CiListQuery): Promise<CiListPage> {
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, isListCursor);
    const head = (await this.deps.store.head())?.rev ?? 0;
    const at = cursor?.at ?? (query.at === undefined ? head : await this.deps.history.resolvePoint(query.at));
    // While the pinned revision is still the head, read current rows (their own indexes, the cached registry).
    const asOf = at === head ? undefined : at;
    const registry = await this.deps.cmdb.registry(asOf);
    if (query.class !== undefined && !registry.getClass(query.class)) {
      throw new InputError('UNKNOWN_CLASS', `"${query.class}" is not a known class (see \`cairn class list\`)`, [
        { path: 'class', message: 'is not a known class' },
      ]);
    }
    const filter: CiFilter = {
      at: asOf,
      classes: query.class === undefined ? undefined : registry.withDescendants(query.class),
      statuses: query.statuses,
      labels: query.labels,
      labelKeys: query.labelKeys,
      nameContains: query.nameContains,
      attributes: query.attributes,
    };
    const rows = await this.deps.store.listCis({
      ...filter,
      after: cursor ? { class: cursor.c, name: cursor.n } : undefined,
      limit: query.limit + 1,
    });
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    const more = rows.length > query.limit && last !== undefined;
    const nextCursor = more ? encodeCursor({ c: last.class, n: last.name, at } satisfies ListCursor) : null;
    // One page holds everything: its length is the total, no count needed.
    const total = cursor !== undefined ? undefined : more ? await this.deps.store.countCis(filter) : items.length;
    return { items, nextCursor, ...(total === undefined ? {} : { total }) };
  }

  /** How many current CIs each class holds, counted by the store (not by listing them). */
  countByClass(): Promise<{ class: string; count: number }[]> {
    return this.deps.store.countCisByClass();
  }

  /** How many CIs the CMDB holds now. */
  async count(): Promise<number> {
    return this.deps.store.countCis();
  }

  /** The current version of a CI, or undefined when it does not exist (a precondition check, not a read that fails). */
  async find(ref: CiRef): Promise<CiVersion | undefined> {
    const [ci] = await this.deps.store.getCisByRef([ref]);
    return ci;
  }

  async getById(id: string, at?: string): Promise<CiVersion> {
    const rev = at === undefined ? undefined : await this.deps.history.resolvePoint(at);
    const [ci] = await this.deps.store.getCisById([id], rev);
    if (!ci)
      throw new NotFoundError('CI_NOT_FOUND', `no CI has id ${id}${rev === undefined ? '' : ` at revision ${rev}`}`);
    return ci;
  }
}
