import { describe, expect, it } from 'vitest';
import type { CiVersion, RelationVersion } from '../../core/ci/ci.types.js';
import { CI_ROWS, RELATION_ROWS, ciRow, relationRow } from './cmdb.js';

/** What an insert binds for a version through `shape`: its columns, each with the value filled in. */
function filled<V>(shape: { columns: readonly string[]; fill: (v: V, values: unknown[]) => void }, v: V) {
  const values: unknown[] = new Array<unknown>(shape.columns.length).fill('left over');
  shape.fill(v, values);
  return Object.fromEntries(shape.columns.map((c, i) => [c, values[i]]));
}

describe('version rows filled into an insert array', () => {
  it('bind a CI version as its row object does, column for column', () => {
    const versions: CiVersion[] = [
      {
        id: 'ci_1',
        class: 'server',
        name: 'web-1',
        status: 'active',
        attributes: { os: 'linux', cpu: 4, tags: ['a', 'b'] },
        labels: { team: 'ops' },
        source: 'scan',
        revFrom: 3,
        revTo: null,
        hash: 'h1',
        attributeSources: { os: 'scan', cpu: 'manual', tags: 'scan' },
      },
      {
        id: 'ci_2',
        class: 'server',
        name: 'web-2',
        status: 'retired',
        attributes: {},
        labels: {},
        source: null,
        revFrom: 1,
        revTo: 2,
        hash: 'h2',
        attributeSources: {},
      },
    ];
    expect(CI_ROWS.row).toBe(ciRow);
    for (const v of versions) {
      expect(Object.keys(ciRow(v))).toEqual(CI_ROWS.columns);
      expect(filled(CI_ROWS, v)).toEqual(ciRow(v));
    }
  });

  it('bind a relationship version as its row object does, column for column', () => {
    const v: RelationVersion = {
      id: 'rel_1',
      type: 'runs_on',
      sourceId: 'ci_1',
      targetId: 'ci_2',
      attributes: { port: 443 },
      source: null,
      revFrom: 4,
      revTo: null,
      hash: 'h3',
    };
    expect(RELATION_ROWS.row).toBe(relationRow);
    expect(Object.keys(relationRow(v))).toEqual(RELATION_ROWS.columns);
    expect(filled(RELATION_ROWS, v)).toEqual(relationRow(v));
  });
});
