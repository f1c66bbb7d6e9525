import { describe, expect, it } from 'vitest';
import { DEFAULT_CLASSES, DEFAULT_RELATION_TYPES } from '../model/default-model.js';
import { ModelRegistry } from '../model/model-registry.js';
import type { ScannedCi } from './drift.port.js';
import { matchObserved } from './match.js';

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
