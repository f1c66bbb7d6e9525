import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DesiredCi } from '../ci/desired-state.js';
import { DEFAULT_CLASSES, DEFAULT_RELATION_TYPES } from '../model/default-model.js';
import { ModelRegistry } from '../model/model-registry.js';
import type { ScannedCi } from './drift.port.js';
import { matchObserved, ObservationMatcher, type MatchResult, type PageMatch } from './match.js';

const registry = new ModelRegistry(DEFAULT_CLASSES, DEFAULT_RELATION_TYPES);

/** A scanned CI that counts the reads of its attributes (a store's scan parses them on each read). */
function counted(id: string, cls: string, name: string, attributes: Record<string, unknown>, reads: { n: number }) {
  const ci: ScannedCi = {
    id,
    class: cls,
    name,
    status: 'active',
    get attributes() {
      reads.n++;
      return attributes;
    },
    labels: {},
    source: null,
  };
  return ci;
}

describe('matchObserved', () => {
  it('reads no CI attributes to index keys that no observed item has a value for', () => {
    const reads = { n: 0 };
    const cis = [
      counted('a', 'virtual_machine', 'vm-1', { uuid: 'U1' }, reads),
      counted('b', 'server', 's-1', { serial_number: 'S1', fqdn: 's-1.lan' }, reads),
      counted('c', 'server', 's-2', { serial_number: 'S2', fqdn: 's-2.lan' }, reads),
    ];
    const result = matchObserved(
      [
        { class: 'virtual_machine', name: 'vm-1', attributes: { cpu: 2 } },
        { class: 'server', name: 'other', attributes: { fqdn: 's-2.lan' } },
      ],
      cis,
      registry,
    );
    expect(result.pairs.map((p) => [p.observed.name, p.ci.id, p.by])).toEqual([
      ['vm-1', 'a', 'name'],
      ['other', 'c', 'fqdn'],
    ]);
    // The servers' attributes are read for their fqdn; the VM's never (no item reports a uuid).
    expect(reads.n).toBe(2);
  });
});

function scanned(id: string, cls: string, name: string, attributes: Record<string, unknown>): ScannedCi {
  return { id, class: cls, name, status: 'active', attributes, labels: {}, source: null };
}

const shown = (r: PageMatch & Partial<MatchResult>) => ({
  pairs: r.pairs.map((p) => [p.observed.name, p.ci.id, p.by]),
  unmatched: r.unmatched?.map((o) => o.name),
  unobserved: r.unobserved.map((c) => c.id),
});

describe('ObservationMatcher', () => {
  it('decides a page of CIs no item can pair by key as it is read, and holds the others for their keys', () => {
    const matcher = new ObservationMatcher(
      [
        { class: 'database', name: 'db-1', attributes: { engine: 'pg' } },
        { class: 'server', name: 's-1', attributes: { serial_number: 'S2' } },
        { class: 'server', name: 'gone' },
      ],
      registry,
    );
    // Page one: the database is paired by name at once; server s-1 shares the item's class and
    // name, but the item reports a serial number, which a later CI may hold: it waits.
    expect(
      shown(
        matcher.add([
          scanned('d1', 'database', 'db-1', {}),
          scanned('d2', 'database', 'db-2', {}),
          scanned('s1', 'server', 's-1', { serial_number: 'S1' }),
        ]),
      ),
    ).toEqual({ pairs: [['db-1', 'd1', 'name']], unmatched: undefined, unobserved: ['d2'] });
    expect(shown(matcher.add([scanned('s2', 'linux_server', 'other', { serial_number: 'S2' })]))).toEqual({
      pairs: [],
      unmatched: undefined,
      unobserved: [],
    });
    // The key found on page two wins over the class and name of page one.
    expect(shown(matcher.finish())).toEqual({
      pairs: [['s-1', 's2', 'serial_number']],
      unmatched: ['gone'],
      unobserved: ['s1'],
    });
  });

  it('pairs the same whatever pages the CIs come in', () => {
    const cis = [
      scanned('a', 'linux_server', 'a', { serial_number: 'S1' }),
      scanned('b', 'server', 'b', { serial_number: 'S2' }),
      scanned('c', 'server', 'c', {}),
      scanned('d', 'server', 'd', { serial_number: 'S4' }),
      scanned('e', 'database', 'e', {}),
      scanned('f', 'database', 'f', {}),
      scanned('g', 'linux_server', 'g', { serial_number: 'S4' }),
    ];
    const item = fc.record({
      class: fc.constantFrom('server', 'linux_server', 'database'),
      name: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'x'),
      attributes: fc.record({ serial_number: fc.constantFrom('S1', 'S2', 'S4', 'S9', '') }, { requiredKeys: [] }),
    });
    const cuts = fc.uniqueArray(fc.integer({ min: 1, max: cis.length - 1 }), { maxLength: cis.length - 1 });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 8 }), cuts, (observed: DesiredCi[], at) => {
        const matcher = new ObservationMatcher(observed, registry);
        const bounds = [0, ...at.sort((x, y) => x - y), cis.length];
        const paged = { pairs: [] as MatchResult['pairs'], unobserved: [] as ScannedCi[] };
        for (let p = 1; p < bounds.length; p++) {
          const page = matcher.add(cis.slice(bounds[p - 1], bounds[p]));
          paged.pairs.push(...page.pairs);
          paged.unobserved.push(...page.unobserved);
        }
        const rest = matcher.finish();
        const whole = matchObserved(observed, cis, registry);
        expect(
          shown({
            pairs: [...paged.pairs, ...rest.pairs],
            unmatched: rest.unmatched,
            unobserved: [...paged.unobserved, ...rest.unobserved],
          }),
        ).toEqual(shown(whole));
      }),
      { numRuns: 500 },
    );
  });
});
