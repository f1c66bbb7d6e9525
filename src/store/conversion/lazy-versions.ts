import type { CiDigest, CiVersion, RelationVersion } from '../../core/ci/ci.types.js';
import type { CiVersionRow, RelationVersionRow } from '../repositories/cmdb/cmdb.table.js';
import { rowToCi, rowToRelation } from './cmdb.js';
import { lazyCiVersion } from './lazy-ci.js';
import { readJson } from './values.js';

/**
 * Row → CiVersion for the point and bulk lookups, with the JSON columns parsed on first read.
 * An import resolves every relationship end by class/name (10 000 per batch) and reads only ids
 * and hashes: parsing attributes, labels and attribute sources it never looks at was a third of
 * its time. PostgreSQL returns jsonb already parsed, so there is nothing to defer.
 */
export function lazyCi(r: CiVersionRow): CiVersion {
  return typeof r.attributes === 'string' ? lazyCiVersion(r, false) : rowToCi(r);
}

/**
 * lazyCi whose JSON texts, when the engine returns them as text, it offers (core/ci/stored-json.ts),
 * so that a face answering with this one version can send them as they are. Only the point read
 * offers them: the API's GET of one CI is the one reader that sends them.
 */
export function lazyCiWithText(r: CiVersionRow): CiVersion {
  return typeof r.attributes === 'string' && typeof r.labels === 'string' ? lazyCiVersion(r, true) : lazyCi(r);
}

/** A digest row (no attributes) → CiDigest, its labels parsed on first read (a re-import reads them only for items without labels). */
export function lazyCiDigest(
  r: Pick<CiVersionRow, 'id' | 'class' | 'name' | 'status' | 'labels' | 'source' | 'rev_from' | 'hash'>,
): CiDigest {
  let labels: Record<string, string> | undefined;
  return {
    id: r.id,
    class: r.class,
    name: r.name,
    status: r.status,
    get labels() {
      return (labels ??= readJson<Record<string, string>>(r.labels));
    },
    source: r.source,
    revFrom: r.rev_from,
    hash: r.hash,
  };
}

/** Row → RelationVersion with `attributes` parsed on first read (see lazyCi). */
export function lazyRelation(r: RelationVersionRow): RelationVersion {
  if (typeof r.attributes !== 'string') return rowToRelation(r);
  let attributes: Record<string, unknown> | undefined;
  return {
    id: r.id,
    revFrom: r.rev_from,
    revTo: r.rev_to,
    type: r.type,
    sourceId: r.source_id,
    targetId: r.target_id,
    get attributes() {
      return (attributes ??= readJson<Record<string, unknown>>(r.attributes));
    },
    set attributes(v: Record<string, unknown>) {
      attributes = v;
    },
    source: r.source,
    hash: r.hash,
  };
}
