import type { CmdbStore } from '../ports/cmdb-store.port.js';
import { appendRevision, appendWrites, emptyWrites, isEmpty, nextRevision, persistVersions, type PendingWrites } from '../revision/persist-revision.js';
import type { Revision, WriteMeta } from '../revision/revision.types.js';
import type { Clock } from '../shared/clock.js';
import { describeFieldErrors, InputError, type FieldError } from '../shared/errors.js';
import { refKey } from './apply-plan.js';
import type { CmdbService } from './cmdb.service.js';
import { computeWrites, parseDocument } from './compute-writes.js';
import type { DesiredState } from './desired-state.js';
import type { CiVersion } from './ci.types.js';

export interface BatchApplyOptions {
  /** Retire (delete) the current CIs written by `meta.source` that the input no longer names. */
  prune?: boolean;
  /** Compute everything, then roll back: what `--dry-run` shows. */
  dryRun?: boolean;
  /** Leave out invalid items instead of refusing the whole input. */
  skipInvalid?: boolean;
  onProgress?: (done: { cis: number; relations: number }) => void;
}

export interface BatchApplyOutcome {
  revision: Revision | null;
  writes: PendingWrites;
  /** Items left out with `skipInvalid`, paths counted across the whole input. */
  rejected: FieldError[];
  dryRun: boolean;
}

class DryRunRollback extends Error {
  constructor(readonly outcome: BatchApplyOutcome) {
    super('dry run');
  }
}

/**
 * Applies a large input, arriving in batches, as ONE revision: each batch is planned against the
 * transaction's state (which includes earlier batches) and its versions written at once, so
 * memory holds one batch of parsed input while the whole import stays all-or-nothing. A CI named
 * in two batches is an error, as it would be twice in one document.
 */
export async function applyBatches(
  deps: { store: CmdbStore; cmdb: CmdbService; clock: Clock },
  batches: AsyncIterable<DesiredState> | Iterable<DesiredState>,
  meta: WriteMeta,
  options: BatchApplyOptions = {},
): Promise<BatchApplyOutcome> {
  const source = meta.source ?? null;
  try {
    const outcome = await deps.store.write(async (tx) => {
      const next = await nextRevision(tx);
      const all = emptyWrites();
      const named = new Set<string>();
      // What earlier batches wrote or read stays current until the end: look it up only once.
      const known = new Map<string, CiVersion>();
      const rejected: FieldError[] = [];
      const offset = { cis: 0, relations: 0 };
      for await (const raw of batches) {
        const parsed = parseDocument(raw);
        const duplicates: FieldError[] = [];
        const cis = parsed.cis.filter((c, i) => {
          const key = refKey(c.class, c.name);
          const repeated = named.has(key);
          if (repeated) duplicates.push({ path: `cis[${offset.cis + i}]`, message: `${key} appears twice in the input` });
          named.add(key);
          return !repeated;
        });
        // Paths of later errors count positions in the batch as given, so keep its length.
        const batch = { ...parsed, cis };
        if (duplicates.length > 0 && !options.skipInvalid) throw new InputError('INVALID_DOCUMENT', describeFieldErrors('the input is invalid', duplicates), duplicates);
        const computed = await computeWrites(tx, batch, { ...deps.cmdb.computeOptions(tx, next.rev, source, options.skipInvalid), known });
        for (const [key, v] of computed.current) known.set(key, v);
        rejected.push(...duplicates, ...computed.rejected.map((e) => shiftPath(e, offset)));
        if (computed.rejected.length > 0 && !options.skipInvalid) throw new InputError('INVALID_DOCUMENT', describeFieldErrors('the input is invalid', rejected), rejected);
        await persistVersions(tx, next.rev, computed.writes);
        appendWrites(all, computed.writes);
        offset.cis += parsed.cis.length;
        offset.relations += parsed.relations.length;
        options.onProgress?.({ ...offset });
      }
      if (options.prune && source) {
        const gone = await currentFromSourceNotIn(tx, source, named);
        if (gone.length > 0) {
          const deletes = await deps.cmdb.computeDelete(tx, gone);
          await persistVersions(tx, next.rev, deletes);
          appendWrites(all, deletes);
        }
      }
      if (isEmpty(all)) return { revision: null, writes: all, rejected, dryRun: options.dryRun ?? false };
      await deps.cmdb.checkWrite(tx, all, meta);
      if (options.dryRun) throw new DryRunRollback({ revision: null, writes: all, rejected, dryRun: true });
      const revision = await appendRevision(tx, next, meta, deps.clock, all);
      return { revision, writes: all, rejected, dryRun: false };
    });
    if (outcome.revision) deps.cmdb.notify({ revision: outcome.revision, writes: outcome.writes, refs: new Map() });
    return outcome;
  } catch (e) {
    if (e instanceof DryRunRollback) return e.outcome;
    throw e;
  }
}

async function currentFromSourceNotIn(tx: Parameters<CmdbService['computeDelete']>[0], source: string, named: Set<string>) {
  const gone: { class: string; name: string }[] = [];
  let after: { class: string; name: string } | undefined;
  for (;;) {
    const page = await tx.listCis({ source, limit: 1000, after });
    for (const ci of page) if (!named.has(refKey(ci.class, ci.name))) gone.push({ class: ci.class, name: ci.name });
    if (page.length < 1000) return gone;
    after = page[page.length - 1]!;
  }
}

function shiftPath(e: FieldError, offset: { cis: number; relations: number }): FieldError {
  const path = e.path.replace(/^(cis|relations)\[(\d+)\]/, (_m, list: string, n: string) => `${list}[${Number(n) + (list === 'cis' ? offset.cis : offset.relations)}]`);
  return { ...e, path };
}
