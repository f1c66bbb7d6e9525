import { afterAll, describe, expect, it } from 'vitest';
import type { CiVersion, RelationVersion } from '../../src/core/ci/ci.types.js';
import { engines } from '../helpers/engines.js';

/** More versions than a revision's writes are held back for (deferred-writes.ts): the bulk insert path. */
const LARGE = 600;

/** Values the bulk insert's encoding must carry unchanged: quotes, backslashes, separators, braces, text like NULL. */
const AWKWARD = [
  'plain',
  'with "quotes"',
  'back\\slash \\" and \\\\',
  'comma, {brace} [bracket]',
  'NULL',
  '',
  '\u0001 control and tab\t and newline\n and return\r',
  'ünïcödé ✓ 𝄞',
  ' leading and trailing ',
];

/** The text without its control characters (names and labels refuse them; attributes do not). */
const printable = (text: string) => [...text].filter((c) => c >= ' ').join('');

function awkwardCi(i: number): CiVersion {
  const text = AWKWARD[i % AWKWARD.length]!;
  return {
    id: `ci_${i}`,
    class: 'server',
    name: `s-${i} ${printable(text)}`,
    status: 'active',
    attributes: {
      text,
      nested: { list: [text, i, null, true, 1.5e300], empty: {}, none: [] },
      [`key "${text}"`]: i,
    },
    labels: i % 2 === 0 ? {} : { note: printable(text) || 'x' },
    source: i % 3 === 0 ? null : 'test',
    revFrom: 1,
    revTo: null,
    hash: `h${i}`,
    attributeSources: i % 4 === 0 ? { text: 'other' } : {},
  };
}

for (const harness of engines()) {
  describe(`bulk inserts keep every value on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('reads back CI and relationship versions with awkward text exactly as written', async () => {
      const store = await harness.newStore();
      const cis = Array.from({ length: LARGE }, (_, i) => awkwardCi(i));
      const relations: RelationVersion[] = cis.slice(1).map((to, i) => ({
        id: `rel_${i}`,
        type: 'depends_on',
        sourceId: cis[0]!.id,
        targetId: to.id,
        attributes: i % 2 === 0 ? {} : { why: AWKWARD[i % AWKWARD.length]! },
        source: 'test',
        revFrom: 1,
        revTo: null,
        hash: `r${i}`,
      }));
      await store.write(async (tx) => {
        await tx.insertCiVersions(cis);
        await tx.insertRelationVersions(relations);
      });
      const read = await store.getCisByRef(cis.map((c) => ({ class: c.class, name: c.name })));
      const byId = new Map(read.map((v) => [v.id, v]));
      for (const c of cis) {
        const v = byId.get(c.id);
        expect(v, c.id).toBeDefined();
        expect({ name: v!.name, attributes: v!.attributes, labels: v!.labels, source: v!.source }).toEqual({
          name: c.name,
          attributes: c.attributes,
          labels: c.labels,
          source: c.source,
        });
        expect(v!.attributeSources.text).toBe(c.attributeSources.text ?? c.source ?? 'unknown');
      }
      const rels = await store.getRelationsByKey(
        relations.map((r) => ({ type: r.type, sourceId: r.sourceId, targetId: r.targetId })),
      );
      expect(rels).toHaveLength(relations.length);
      const relById = new Map(rels.map((r) => [r.id, r]));
      for (const r of relations) expect(relById.get(r.id)?.attributes, r.id).toEqual(r.attributes);
    });
  });
}
