import fc from 'fast-check';
import type { DesiredCi, DesiredRelation, DesiredState } from '../../src/core/ci/desired-state.js';

/**
 * Random estates for the property tests: a few CIs of uncontrolled classes (so that no change is
 * needed to write them), drawn from a small pool of names so that successive estates share CIs,
 * with random attributes, labels, statuses and relationships between them.
 */

/** A CI's content as the properties compare it. */
export interface CiContent {
  status: string;
  attributes: Record<string, unknown>;
  labels: Record<string, string>;
}

/** An estate: CIs by `class/name`, relationships by `from type to` with their attributes. */
export interface Estate {
  cis: Map<string, CiContent>;
  relations: Map<string, Record<string, unknown>>;
}

const CLASSES = ['host', 'cluster', 'network', 'team'];
// Names with spaces, slashes and non-ASCII letters: refs are `class/name`, the name may hold a slash.
const NAMES = ['a', 'b', 'c', 'web 01', 'x/y', 'zürich'];
export const STATE_RELATION_TYPES = ['depends_on', 'runs_on', 'contains', 'connects_to'];
const ATTRIBUTE_KEYS = ['env', 'size', 'tags', 'meta', 'note'];
const LABEL_KEYS = ['team', 'tier'];

/** Text without NUL (refused by design: docs/errors.md INVALID_TEXT), any well-formed Unicode otherwise. */
const text = fc.string({ unit: 'grapheme', maxLength: 8 }).filter((s) => !s.includes('\u0000'));

/** A JSON value other than null (null in a document means "remove this key"). */
const leaf = fc.oneof(fc.integer(), fc.boolean(), text);
const value: fc.Arbitrary<unknown> = fc.oneof(
  leaf,
  fc.array(leaf, { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('k', 'l', 'm'), leaf, { maxKeys: 3 }),
);

const content: fc.Arbitrary<CiContent> = fc.record({
  status: fc.constantFrom('active', 'maintenance', 'retired'),
  attributes: fc.dictionary(fc.constantFrom(...ATTRIBUTE_KEYS), value, { maxKeys: 4 }),
  labels: fc.dictionary(
    fc.constantFrom(...LABEL_KEYS),
    text.filter((s) => s.length > 0),
    { maxKeys: 2 },
  ),
});

export const ciRef = fc.tuple(fc.constantFrom(...CLASSES), fc.constantFrom(...NAMES)).map(([c, n]) => `${c}/${n}`);

/** An estate whose relationships join CIs of the estate, of the given relationship types. */
export function estate(relationTypes: string[] = STATE_RELATION_TYPES, maxCis = 8): fc.Arbitrary<Estate> {
  return fc
    .uniqueArray(ciRef, { minLength: 0, maxLength: maxCis })
    .chain((refs) =>
      fc.tuple(
        fc.tuple(...refs.map(() => content)),
        refs.length < 2
          ? fc.constant([] as [string, string, string][])
          : fc.uniqueArray(
              fc
                .tuple(fc.constantFrom(...refs), fc.constantFrom(...relationTypes), fc.constantFrom(...refs))
                .filter(([from, , to]) => from !== to),
              { maxLength: 10, selector: ([f, t, to]) => `${f} ${t} ${to}` },
            ),
        fc.array(fc.option(fc.dictionary(fc.constantFrom('weight', 'port'), fc.integer(), { maxKeys: 2 })), {
          minLength: 10,
          maxLength: 10,
        }),
        fc.constant(refs),
      ),
    )
    .map(([contents, rels, relAttrs, refs]) => ({
      cis: new Map(refs.map((r, i) => [r, contents[i]!])),
      relations: new Map(rels.map(([f, t, to], i) => [`${f} ${t} ${to}`, relAttrs[i] ?? {}])),
    }));
}

/** `a/b type c/d` → its parts (names may hold spaces and slashes, the type is a word between refs). */
export function relationParts(key: string): { from: string; type: string; to: string } {
  const m = /^(.+?) ([a-z_]+) ([a-z_]+\/.+)$/.exec(key);
  if (!m) throw new Error(`not a relationship key: ${key}`);
  return { from: m[1]!, type: m[2]!, to: m[3]! };
}

function withRemovals(next: Record<string, unknown>, now: Record<string, unknown> | undefined) {
  const out: Record<string, unknown> = { ...next };
  for (const k of Object.keys(now ?? {})) if (!(k in next)) out[k] = null;
  return out;
}

/**
 * The document that turns the state `now` into `next`: every CI and relationship of `next` with
 * each key it no longer has set to null (documents merge key by key), and deletes for the rest.
 */
export function documentFor(next: Estate, now: Estate): DesiredState {
  const cis: DesiredCi[] = [...next.cis].map(([ref, c]) => {
    const slash = ref.indexOf('/');
    return {
      class: ref.slice(0, slash),
      name: ref.slice(slash + 1),
      status: c.status,
      attributes: withRemovals(c.attributes, now.cis.get(ref)?.attributes),
      labels: withRemovals(c.labels, now.cis.get(ref)?.labels) as Record<string, string | null>,
    };
  });
  const relations: DesiredRelation[] = [...next.relations].map(([key, attributes]) => ({
    ...relationParts(key),
    attributes: withRemovals(attributes, now.relations.get(key)),
  }));
  const goneCis = [...now.cis.keys()].filter((r) => !next.cis.has(r));
  const gone = new Set(goneCis);
  const goneRelations = [...now.relations.keys()]
    .filter((k) => !next.relations.has(k))
    .map(relationParts)
    .filter((r) => !gone.has(r.from) && !gone.has(r.to));
  return { cis, relations, delete: { cis: goneCis, relations: goneRelations } };
}

/** Estates as plain sorted objects, so that `toEqual` shows what differs. */
export function comparable(e: Estate): { cis: [string, CiContent][]; relations: [string, unknown][] } {
  const byKey = (a: [string, unknown], b: [string, unknown]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  return { cis: [...e.cis].sort(byKey), relations: [...e.relations].sort(byKey) };
}
