import { refKey } from '../ci/apply-plan.js';
import { parseRef, type CiRef, type DesiredRelation } from '../ci/desired-state.js';
import type { CmdbWriter } from '../cmdb/cmdb.port.js';
import { indexedBase } from '../cmdb/indexed-names.js';
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
  named: { has(ref: string): boolean },
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
  const instances = await instancesInCmdb(
    tx,
    [...outside].filter(([end]) => !present.has(end)).map(([, ref]) => ref),
  );
  const out = { relations: [] as DesiredRelation[], at: [] as ImportPosition[], unresolved: [] as UnresolvedNote[] };
  deferred.relations.forEach((r, i) => {
    const missing = [r.from, r.to].find((end) => outside.has(end) && !present.has(end));
    const at = deferred.at[i]!;
    const answers = missing === undefined ? undefined : instances.get(missing);
    if (missing !== undefined && answers !== undefined) {
      // A resource of another state, held as its instances (`aws_subnet.private[0]`, `[1]`).
      const end = r.from === missing ? 'from' : 'to';
      for (const instance of answers) {
        out.relations.push({ ...r, [end]: instance });
        out.at.push(at);
      }
    } else if (missing === undefined || !registry.relationType(r.type)) {
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

/**
 * The CIs of the CMDB that answer a reference as instances of it (`class/name[key]` for
 * `class/name`, see indexed-names.ts), by reference: one listing per class, of the names with a key.
 */
async function instancesInCmdb(tx: CmdbWriter, refs: CiRef[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const wanted = new Set(refs.map((r) => refKey(r.class, r.name)));
  for (const cls of new Set(refs.map((r) => r.class))) {
    let after: CiRef | undefined;
    for (;;) {
      const page = await tx.listCis({ classes: [cls], nameContains: '[', limit: LOOKUP, ...(after ? { after } : {}) });
      for (const v of page) {
        const base = indexedBase(refKey(v.class, v.name));
        if (base !== undefined && wanted.has(base)) out.set(base, [...(out.get(base) ?? []), refKey(v.class, v.name)]);
      }
      if (page.length < LOOKUP) break;
      const last = page[page.length - 1]!;
      after = { class: last.class, name: last.name };
    }
  }
  return out;
}
