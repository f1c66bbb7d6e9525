import { describe, expect, it } from 'vitest';
import { storedJsonOf } from '../../core/ci/stored-json.js';
import type { CiVersionRow } from '../repositories/cmdb/cmdb.table.js';
import { lazyCi, lazyCiWithText } from './lazy-versions.js';

const row = (attributes: unknown, labels: unknown): CiVersionRow => ({
  id: 'ci_1',
  rev_from: 3,
  rev_to: null,
  class: 'server',
  name: 'web-01',
  status: 'active',
  attributes,
  labels,
  source: null,
  hash: 'h',
  attribute_sources: '{}',
});

describe('the stored JSON texts of a point read (lazyCiWithText)', () => {
  it('are remembered beside the version when the engine gave text (SQLite)', () => {
    const ci = lazyCiWithText(row('{"os":"linux"}', '{"team":"web"}'));
    expect(storedJsonOf(ci)).toEqual({ attributes: '{"os":"linux"}', labels: '{"team":"web"}' });
    expect(ci.attributes).toEqual({ os: 'linux' });
  });

  it('are not remembered when the engine gave parsed values (PostgreSQL), nor by a bulk read', () => {
    expect(storedJsonOf(lazyCiWithText(row({ os: 'linux' }, { team: 'web' })))).toBeUndefined();
    expect(storedJsonOf(lazyCi(row('{"os":"linux"}', '{"team":"web"}')))).toBeUndefined();
  });

  it('are forgotten once the version is given new attributes or labels, and not carried by a copy', () => {
    const a = lazyCiWithText(row('{"os":"linux"}', '{}'));
    a.attributes = { os: 'bsd' };
    expect(storedJsonOf(a)).toBeUndefined();
    const b = lazyCiWithText(row('{"os":"linux"}', '{}'));
    b.labels = { team: 'ops' };
    expect(storedJsonOf(b)).toBeUndefined();
    const c = lazyCiWithText(row('{"os":"linux"}', '{}'));
    expect(storedJsonOf({ ...c, attributes: { os: 'bsd' } })).toBeUndefined();
    expect(storedJsonOf(c)).toBeDefined();
  });
});

describe('a CI version read with its JSON as text (lazyCi)', () => {
  const read = () => lazyCi({ ...row('{"os":"linux"}', '{"team":"web"}'), source: 'cli', attribute_sources: '{}' });
  const plain = {
    id: 'ci_1',
    revFrom: 3,
    revTo: null,
    class: 'server',
    name: 'web-01',
    status: 'active',
    attributes: { os: 'linux' },
    labels: { team: 'web' },
    source: 'cli',
    hash: 'h',
    attributeSources: { os: 'cli' },
  };

  it('is copied whole, in the fields order of a CiVersion, by a spread, JSON and structuredClone', () => {
    const ci = read();
    expect(Object.keys(ci)).toEqual(Object.keys(plain));
    for (const copy of [{ ...ci }, JSON.parse(JSON.stringify(ci)) as unknown, structuredClone(ci)]) {
      expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
      expect(Object.entries(copy as object)).toEqual(Object.entries(plain));
    }
  });

  it('keeps values given to it, and parses each text once', () => {
    const ci = read();
    expect(ci.attributes).toBe(ci.attributes);
    ci.labels = { team: 'ops' };
    ci.attributes = { os: 'bsd' };
    ci.attributeSources = { os: 'import' };
    expect({ ...ci }).toEqual({
      ...plain,
      attributes: { os: 'bsd' },
      labels: { team: 'ops' },
      attributeSources: { os: 'import' },
    });
  });
});
