import type { CmdbWriter } from '../../../core/cmdb/cmdb.port.js';
import type { DriftStore, ScannedCi } from '../../../core/drift/drift.port.js';
import { countCis, countCisByClass, countCisByFacets, listCis } from './ci-lists.js';
import { getCiRefsById, getCisById, getCisByRef, getLatestCiByRef, getLatestCisById } from './ci-lookups.js';
import { pastVersions, pastVersionsByRef } from './ci-past-versions.js';
import { scanCis, scanCurrentCis } from './ci-scans.js';
import { endCiVersions, insertCiVersions } from './ci-writes.js';
import { currentCiDigests, currentCiHashes } from './current-ci-digests.js';
import type { BulkTarget } from './insert-versions.js';
import { scanCurrentNameTexts } from './name-texts.js';

/**
 * The SQL of `ci_versions`, on one connection: CIs by reference, id and filter, as of any
 * revision, the scans of the graph's load and of drift, and the writes that end and begin
 * versions. Each group lives in its own file beside this one; this is their one face.
 */
export class CiRepository {
  constructor(private readonly on: BulkTarget) {}

  // Point and bulk lookups by reference and id (ci-lookups.ts).
  readonly getCisByRef: CmdbWriter['getCisByRef'] = (refs, at) => getCisByRef(this.on, refs, at);
  readonly getCisById: CmdbWriter['getCisById'] = (ids, at) => getCisById(this.on, ids, at);
  readonly getCiRefsById: CmdbWriter['getCiRefsById'] = (ids, at) => getCiRefsById(this.on, ids, at);
  readonly getLatestCisById: CmdbWriter['getLatestCisById'] = (ids) => getLatestCisById(this.on, ids);
  readonly getLatestCiByRef: CmdbWriter['getLatestCiByRef'] = (ref) => getLatestCiByRef(this.on, ref);

  // A re-import's screen: current digests and hashes (current-ci-digests.ts).
  readonly currentCiDigests: CmdbWriter['currentCiDigests'] = (refs) => currentCiDigests(this.on, refs);
  readonly currentCiHashes: CmdbWriter['currentCiHashes'] = (refs) => currentCiHashes(this.on, refs);

  // Filtered lists and counts (ci-lists.ts).
  readonly listCis: CmdbWriter['listCis'] = (query) => listCis(this.on, query);
  readonly countCis: CmdbWriter['countCis'] = (filter) => countCis(this.on, filter);
  readonly countCisByClass: CmdbWriter['countCisByClass'] = () => countCisByClass(this.on);
  readonly countCisByFacets: CmdbWriter['countCisByFacets'] = (at) => countCisByFacets(this.on, at);

  // Scans read as row arrays: the graph's load and drift's comparison (ci-scans.ts).
  readonly scanCurrentCis: CmdbWriter['scanCurrentCis'] = (pageSize) => scanCurrentCis(this.on, pageSize);
  readonly scanCurrentNameTexts = (pageSize: number): AsyncIterable<string> => scanCurrentNameTexts(this.on, pageSize);
  /** `fromRows`: from how many rows the scan is read on a thread of its own (SCAN_BESIDE_FROM_ROWS). */
  readonly scanCis = (query: Parameters<DriftStore['scanCis']>[0], fromRows?: number): AsyncIterable<ScannedCi[]> =>
    scanCis(this.on, query, fromRows);

  // Ended versions a drift check compares with (ci-past-versions.ts).
  readonly pastVersions: DriftStore['pastVersions'] = (ciIds) => pastVersions(this.on, ciIds);
  readonly pastVersionsByRef: DriftStore['pastVersionsByRef'] = (refs) => pastVersionsByRef(this.on, refs);

  // Writes (ci-writes.ts).
  readonly endCiVersions: CmdbWriter['endCiVersions'] = (versions, rev) => endCiVersions(this.on, versions, rev);
  readonly insertCiVersions: CmdbWriter['insertCiVersions'] = (rows) => insertCiVersions(this.on, rows);
}
