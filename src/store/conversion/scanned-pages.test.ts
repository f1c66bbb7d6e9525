import { describe, expect, it } from 'vitest';
import { FIELD, RECORD, ScannedPages } from './scanned-pages.js';

const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex');

/** A record as SQLite's page text writes it (ci-scans.ts). */
const record = (
  id: string,
  name: string,
  cls: string,
  status: string,
  source: string | null,
  labels: string,
  attributes: string,
) =>
  [id, name, hex(cls).toUpperCase(), hex(status), source === null ? '' : `+${hex(source)}`, labels, attributes].join(
    FIELD,
  );

describe('a drift scan page read as one text (ScannedPages)', () => {
  const records = [
    record('ci_1', 'web-01', 'server', 'active', 'import:glpi', '{"team":"a"}', '{"cpu":4,"note":"x\\u001ey"}'),
    record('ci_2', 'web-\u{1F600}', 'linux_server', 'retired', '', '{}', '{}'),
    record('ci_3', 'web-03', 'server', 'active', null, '{"team":"a"}', '{"os":"rhel-9"}'),
    record('ci_4', 'web-04', 'server', 'active', `a${RECORD}b${FIELD}c`, '{}', '[]'),
  ];

  // SQLite sends a page as one text, PostgreSQL a record a row.
  it.each([
    ['one text', (pages: ScannedPages) => pages.read(records.join(RECORD))],
    ['a record each', (pages: ScannedPages) => pages.readRecords(records)],
  ])(
    'gives each CI of a page read as %s its fields, the hex-written ones decoded, a null source apart from an empty one',
    (_, read) => {
      const cis = read(new ScannedPages());
      expect(
        cis.map((c) => ({
          id: c.id,
          ref: `${c.class}/${c.name}`,
          status: c.status,
          source: c.source,
          attributes: c.attributes,
          labels: c.labels,
        })),
      ).toEqual([
        {
          id: 'ci_1',
          ref: 'server/web-01',
          status: 'active',
          source: 'import:glpi',
          attributes: { cpu: 4, note: 'x\u001ey' },
          labels: { team: 'a' },
        },
        { id: 'ci_2', ref: 'linux_server/web-\u{1F600}', status: 'retired', source: '', attributes: {}, labels: {} },
        {
          id: 'ci_3',
          ref: 'server/web-03',
          status: 'active',
          source: null,
          attributes: { os: 'rhel-9' },
          labels: { team: 'a' },
        },
        {
          id: 'ci_4',
          ref: 'server/web-04',
          status: 'active',
          source: `a${RECORD}b${FIELD}c`,
          attributes: [],
          labels: {},
        },
      ]);
      // JSON is parsed on each read, never kept with the CI.
      expect(cis[0]!.attributes).not.toBe(cis[0]!.attributes);
    },
  );

  it('tells apart neighbours whose shared values differ at the same length, within and across pages', () => {
    const pages = new ScannedPages();
    const first = pages.read(
      [
        record('ci_1', 'a', 'server', 'active', 'glpi', '{}', '{}'),
        record('ci_2', 'b', 'server', 'active', 'glpi', '{}', '{}'),
        record('ci_3', 'c', 'server', 'broken', 'glpi', '{}', '{}'),
        record('ci_4', 'd', 'server', 'broken', 'gpli', '{}', '{}'),
      ].join(RECORD),
    );
    const second = pages.read(
      [
        record('ci_5', 'e', 'server', 'broken', 'gpli', '{}', '{}'),
        record('ci_6', 'f', 'server', 'broken', 'gpli', '{"x":"1"}', '{}'),
      ].join(RECORD),
    );
    expect([...first, ...second].map((c) => [c.status, c.source, c.labels])).toEqual([
      ['active', 'glpi', {}],
      ['active', 'glpi', {}],
      ['broken', 'glpi', {}],
      ['broken', 'gpli', {}],
      ['broken', 'gpli', {}],
      ['broken', 'gpli', { x: '1' }],
    ]);
  });

  it('refuses a text that is not a page of CIs, or a record that is not a CI', () => {
    expect(() => new ScannedPages().read(`ci_1${FIELD}web-01`)).toThrow(/not a CI at 0/);
    expect(() => new ScannedPages().readRecords([records[0]!, `ci_2${FIELD}web-02`])).toThrow(/not a CI at 0/);
  });
});
