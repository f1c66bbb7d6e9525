import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CiVersion } from '../ci/ci.types.js';
import { DEFAULT_CLASSES, DEFAULT_RELATION_TYPES } from '../model/default-model.js';
import { ModelRegistry } from '../model/model-registry.js';
import { authorityFrom, ownerOf, parseAuthorityRules, sourceName } from './authority.js';
import type { NewFinding, SuppressionRule } from './drift.types.js';
import { uniqueItems } from './drift-check.js';
import { candidateClasses, matchObserved, type MatchResult } from './match.js';
import { activeRules, checkSuppression, suppressingRule } from './suppression.js';

const registry = new ModelRegistry(DEFAULT_CLASSES, DEFAULT_RELATION_TYPES);
const lineage = (cls: string) => registry.lineage(cls).map((c) => c.name);
const isA = (cls: string, ancestor: string) => registry.isA(cls, ancestor);

function ci(id: string, cls: string, name: string, attributes: Record<string, unknown>): CiVersion {
  return {
    id,
    class: cls,
    name,
    status: 'active',
    attributes,
    labels: {},
    source: null,
    revFrom: 1,
    revTo: null,
    hash: id,
    attributeSources: {},
  };
}

describe('source authority', () => {
  const rules = parseAuthorityRules(
    {
      sources: [
        { name: 'glpi', classes: ['hardware'], attributes: ['*'] },
        { name: 'cmdb-team', classes: ['server'], attributes: ['owner'] },
      ],
    },
    (c) => registry.getClass(c) !== undefined,
  );
  it.each([
    ['linux_server', 'os', 'glpi'],
    ['linux_server', 'owner', 'cmdb-team'],
    ['computer', 'owner', 'glpi'],
    ['database', 'version', undefined],
  ])('%s.%s is owned by %s', (cls, attr, owner) => expect(ownerOf(rules, lineage(cls), attr)).toBe(owner));

  it.each([
    ['import:glpi', 'os', true],
    ['drift:glpi', 'owner', false],
    ['import:k8s', 'os', false],
    ['cmdb-team', 'owner', true],
    ['cli', 'os', true],
    ['change', 'owner', true],
  ])('a write from %s to server.%s is allowed: %s', (source, attr, allowed) =>
    expect(authorityFrom(rules, lineage)('server', attr, source)).toBe(allowed),
  );

  it('reads import: and drift: sources as the source they speak for', () => {
    expect([sourceName('import:glpi'), sourceName('drift:glpi'), sourceName('glpi')]).toEqual(['glpi', 'glpi', 'glpi']);
  });
});

describe('suppression rules', () => {
  const rule = (
    id: string,
    match: SuppressionRule['match'],
    expiresAt = '2026-02-01T00:00:00.000Z',
  ): SuppressionRule => ({ id, match, owner: 'o', reason: 'r', expiresAt, createdAt: '', createdBy: '' });
  const finding = (attributes: string[]): NewFinding => ({
    source: 'scan',
    kind: 'modified',
    ref: 'linux_server/a',
    class: 'linux_server',
    ciId: 'ci_1',
    classification: 'unauthorized',
    attributes: attributes.map((name) => ({ name, authorized: 1, observed: 2, classification: 'unauthorized' })),
  });
  it.each([
    [[rule('SUP-1', { class: 'hardware' })], ['os'], 'SUP-1'],
    [[rule('SUP-1', { source: 'other' })], ['os'], undefined],
    [[rule('SUP-1', { ci: 'linux_server/a', attribute: 'os' })], ['os', 'cpu'], undefined],
    [[rule('SUP-1', { attribute: 'os' }), rule('SUP-2', { attribute: 'cpu' })], ['os', 'cpu'], 'SUP-1'],
  ])('%j on attributes %j → %s', (rules, attrs, expected) =>
    expect(suppressingRule(finding(attrs), rules, isA)).toBe(expected),
  );

  it('stops applying at its expiry instant', () => {
    const rules = [rule('SUP-1', { class: 'server' })];
    expect(activeRules(rules, new Date('2026-01-31T23:59:59.999Z'))).toHaveLength(1);
    expect(activeRules(rules, new Date('2026-02-01T00:00:00.000Z'))).toHaveLength(0);
  });

  it('reads a date alone as the end of that day', () => {
    expect(
      checkSuppression(
        { match: { class: 'server' }, owner: 'o', reason: 'r', expires: '2026-02-01' },
        new Date('2026-01-01T00:00:00Z'),
      ),
    ).toBe('2026-02-02T00:00:00.000Z');
  });
});

describe('matching observed items to CIs', () => {
  it('uses identification keys across subclasses before class/name, and ambiguous values not at all', () => {
    const cis = [
      ci('a', 'linux_server', 'a', { serial_number: 'S1' }),
      ci('b', 'server', 'b', { fqdn: 'b.lan' }),
      ci('c', 'server', 'c', { serial_number: 'S3' }),
      ci('d', 'server', 'd', { serial_number: 'S3' }),
    ];
    const result = matchObserved(
      [
        { class: 'server', name: 'x', attributes: { serial_number: 'S1' } },
        { class: 'server', name: 'y', attributes: { serial_number: 'nope', fqdn: 'b.lan' } },
        { class: 'server', name: 'c', attributes: { serial_number: 'S3' } },
        { class: 'server', name: 'z', attributes: { serial_number: 'S3' } },
      ],
      cis,
      registry,
    );
    expect(result.pairs.map((p) => [p.observed.name, p.ci.id, p.by])).toEqual([
      ['x', 'a', 'serial_number'],
      ['y', 'b', 'fqdn'],
      ['c', 'c', 'name'],
    ]);
    expect(result.unmatched.map((o) => o.name)).toEqual(['z']);
    expect(result.unobserved.map((c) => c.id)).toEqual(['d']);
  });

  it('pairs the same with the positions a check already has by class/name as without them', () => {
    const cis = [
      ci('a', 'linux_server', 'a', { serial_number: 'S1' }),
      ci('b', 'server', 'b', { serial_number: 'S2' }),
      ci('c', 'server', 'c', {}),
      ci('d', 'server', 'd', { serial_number: 'S4' }),
      ci('e', 'database', 'e', {}),
    ];
    const name = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'x');
    const item = fc.record({
      class: fc.constantFrom('server', 'linux_server', 'database'),
      name,
      attributes: fc.record({ serial_number: fc.constantFrom('S1', 'S2', 'S4', 'S9', '') }, { requiredKeys: [] }),
    });
    const shown = (r: MatchResult) => ({
      pairs: r.pairs.map((p) => [p.observed, p.ci.id, p.by]),
      unmatched: r.unmatched,
      unobserved: r.unobserved.map((c) => c.id),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 8 }), (observed) => {
        const { items, positions } = uniqueItems(observed);
        expect(shown(matchObserved(items, cis, registry, positions))).toEqual(
          shown(matchObserved(items, cis, registry)),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the last of items named twice, where the first was named, with its position', () => {
    const first = { class: 'server', name: 'a', attributes: { n: 1 } };
    const other = { class: 'server', name: 'b' };
    const last = { class: 'server', name: 'a', attributes: { n: 2 } };
    const { items, positions } = uniqueItems([first, other, last]);
    expect(items).toEqual([last, other]);
    expect([
      positions.get({ class: 'server', name: 'a' }),
      positions.get({ class: 'server', name: 'b' }),
      positions.size,
    ]).toEqual([0, 1, 2]);
  });

  it('loads the classes sharing the identification root of each observed class', () => {
    expect(candidateClasses(registry, ['server']).sort()).toEqual(['linux_server', 'server', 'windows_server']);
    expect(candidateClasses(registry, ['database'])).toEqual(['database']);
  });
});
