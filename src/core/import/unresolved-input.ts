import { refKey } from '../ci/apply-plan.js';
import { parseRef, type CiRef, type DesiredRelation } from '../ci/desired-state.js';
import type { CmdbWriter } from '../cmdb/cmdb.port.js';
import type { ModelRegistry } from '../model/model-registry.js';
import type { ImportPosition, UnresolvedNote } from './import.types.js';

const LOOKUP = 500;

/**
 * Splits the relationships that waited for the end of the input into those that can be written
 * and those whose end is neither in the input (`named`) nor in the CMDB: references outside the
 * input, kept as unresolved references rather than refused. A relationship that is wrong in
 * itself stays for the writer to refuse: an unknown type, an end that is not `class/name`.
 */
export async function setAsideUnresolved(
  tx: CmdbWriter,
  registry: ModelRegistry,
  named: Set<string>,
  deferred: { relations: DesiredRelation[]; at: ImportPosition[] },
): Promise<{ relations: DesiredRelation[]; at: ImportPosition[]; unresolved: UnresolvedNote[] }> {
  const outside = new Map<string, CiRef>();
  for (const r of deferred.relations)
    for (const end of [r.from, r.to]) {
      const ref = named.has(end) ? undefined : parseRef(end);
      if (ref) outside.set(end, ref);
    }
  const present = new Set<string>();
  const refs = [...outside.values()];
  for (let i = 0; i < refs.length; i += LOOKUP)
    for (const v of await tx.getCisByRef(refs.slice(i, i + LOOKUP))) present.add(refKey(v.class, v.name));
  const out = { relations: [] as DesiredRelation[], at: [] as ImportPosition[], unresolved: [] as UnresolvedNote[] };
  deferred.relations.forEach((r, i) => {
    const missing = [r.from, r.to].find((end) => outside.has(end) && !present.has(end));
    const at = deferred.at[i]!;
    if (missing === undefined || !registry.relationType(r.type)) {
      out.relations.push(r);
      out.at.push(at);
    } else {
      out.unresolved.push({
        ...at,
        type: r.type,
        from: r.from,
        to: r.to,
        missing,
        ...(r.attributes ? { attributes: r.attributes } : {}),
      });
    }
  });
  return out;
}
