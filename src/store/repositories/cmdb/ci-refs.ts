import type { CiVersion } from '../../../core/ci/ci.types.js';
import type { CiRef } from '../../../core/ci/desired-state.js';
import { chunks, IN_CHUNK } from '../batching.js';

/** A CI's id with its class and name: what the graph's load and the namer read. */
export type CiName = Pick<CiVersion, 'id' | 'class' | 'name'>;

/** The names of these references by class (grouped in place: copying the list per ref made a 10 000-ref lookup quadratic). */
export function namesByClass(refs: CiRef[]): Map<string, string[]> {
  const byClass = new Map<string, string[]>();
  for (const r of refs) {
    const names = byClass.get(r.class);
    if (names) names.push(r.name);
    else byClass.set(r.class, [r.name]);
  }
  return byClass;
}

/** These references' distinct names, a class and an `in` list of its names at a time. */
export function* nameChunksByClass(refs: CiRef[]): Iterable<[cls: string, names: string[]]> {
  for (const [cls, names] of namesByClass(refs))
    for (const part of chunks([...new Set(names)], IN_CHUNK)) yield [cls, part];
}

/**
 * PostgreSQL: these references each once, as two arrays (classes, names) bound to one statement
 * that looks each pair of their `unnest` up on an index on (class, name): a pair bound twice would
 * be answered twice. One round trip, one prepared plan, however many references and classes; `in` lists went
 * a class and 500 names a statement, each parsed and planned anew (issue 14).
 */
export function refArrays(refs: readonly CiRef[]): [classes: string[], names: string[]] {
  const classes: string[] = [];
  const names: string[] = [];
  const seen = new Set<string>();
  for (const { class: cls, name } of refs) {
    const key = `${cls}\0${name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    classes.push(cls);
    names.push(name);
  }
  return [classes, names];
}

/** The rows of `ci_versions` (as `c`) of the reference `r` in byRefsPg's subquery. */
export const OF_REF = 'from ci_versions c where c.class = r.class and c.name = r.name';

/**
 * PostgreSQL: the rows `lookup` selects (of OF_REF) for each reference of refArrays' two arrays,
 * as a LATERAL subquery per reference that the planner cannot turn into a join (`offset 0`, or a
 * union): one probe of an index on (class, name) a reference, whatever the statistics. Joined to
 * the table, an analysed one's first plans hashed all of it (docs/benchmarks.md, twenty-second
 * round).
 */
export const byRefsPg = (lookup: string): string =>
  `select v.* from unnest($1::text[], $2::text[]) as r(class, name) cross join lateral (${lookup}) v`;

/** These distinct ids, an `in` list at a time. */
export function idChunks(ids: string[]): string[][] {
  return chunks([...new Set(ids)], IN_CHUNK);
}

/** A row read as an array whose first columns are id, class and name. */
export function ciNameOfRow(r: unknown[]): CiName {
  return { id: r[0] as string, class: r[1] as string, name: r[2] as string };
}
