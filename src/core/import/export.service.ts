import type { CmdbService } from '../cmdb/cmdb.service.js';
import type { CmdbReader } from '../cmdb/cmdb.port.js';
import type { HistoryService } from '../cmdb/history.service.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';
import { InputError } from '../shared/errors.js';
import { exportStep, type ExportPosition, type ExportStep } from './export-records.js';

/** What `cairn export` and GET /export ask for. */
export interface ExportQuery {
  /** A revision, baseline, CHG-n or ISO time; absent: now. */
  at?: string;
  /** Only CIs of these classes and their subclasses, and the relationships between them. */
  classes?: string[];
  limit: number;
  /** The `nextCursor` of the previous chunk. */
  cursor?: string;
}

/** One chunk of an export: the revision it reads, the custom model (first chunk only), CIs or relationships. */
export interface ExportChunk extends Omit<ExportStep, 'next'> {
  revision: number;
  nextCursor: string | null;
}

/** An export is pinned to the revision its first chunk read, so that it never mixes two states. */
interface ExportCursor {
  at: number;
  position: ExportPosition;
}
const isExportCursor = (v: unknown): v is ExportCursor =>
  typeof v === 'object' &&
  v !== null &&
  Number.isInteger((v as ExportCursor).at) &&
  typeof (v as ExportCursor).position?.phase === 'string';

/**
 * The CMDB, or its state at a point, in chunks a client reads one after the other (through the
 * API or in-process alike): what `cairn export` writes out in one of Cairn's formats.
 */
export class ExportService {
  constructor(private readonly deps: { store: CmdbReader; cmdb: CmdbService; history: HistoryService }) {}

  async chunk(query: ExportQuery): Promise<ExportChunk> {
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, isExportCursor);
    const head = (await this.deps.store.head())?.rev ?? 0;
    const at = cursor?.at ?? (query.at === undefined ? head : await this.deps.history.resolvePoint(query.at));
    // While the pinned revision is still the head, read current rows (their own indexes).
    const asOf = at === head ? undefined : at;
    const registry = await this.deps.cmdb.registry(asOf);
    const unknown = (query.classes ?? []).find((c) => !registry.getClass(c));
    if (unknown !== undefined)
      throw new InputError('UNKNOWN_CLASS', `"${unknown}" is not a known class (see \`cairn class list\`)`, [
        { path: 'class', message: 'is not a known class' },
      ]);
    const classes =
      query.classes && query.classes.length > 0
        ? [...new Set(query.classes.flatMap((c) => registry.withDescendants(c)))]
        : undefined;
    const { next, model, cis, relations } = await exportStep(
      this.deps,
      { at: asOf, classes, limit: query.limit },
      cursor?.position ?? { phase: 'model' },
    );
    const nextCursor = next === null ? null : encodeCursor({ at, position: next } satisfies ExportCursor);
    return { revision: at, cis, relations, nextCursor, ...(model ? { model } : {}) };
  }
}
