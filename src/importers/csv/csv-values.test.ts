import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ImportBatch } from '../../core/import/import.types.js';
import { csvStreamImporter } from '../cairn/csv-stream.importer.js';
import { csvImporter } from './csv.importer.js';

/** A ServiceNow-style export: `install_status` holds codes, not words. */
const mapping = {
  class: 'server',
  name: 'name',
  status: 'install_status',
  values: { '1': 'active', '3': 'maintenance', '6': 'planned', '7': 'retired' },
  attributes: { os: 'os' },
  relations: [{ column: 'rack', type: 'located_in', class: 'rack' }],
};

const text = [
  'name,install_status,os,rack',
  'web-01,1,ubuntu-24.04,R1',
  'web-02,7,debian-12,R1',
  'web-03,,debian-12,',
  'web-04,99,debian-12,',
  'web-01,1,ubuntu-24.04,R1',
  'web-02,1,debian-12,R1',
  'web-05,3,rhel-9,R2',
].join('\n');

/** The whole-file importer and the streaming one (what `cairn import csv` and `cairn drift check` read with). */
async function both(csv: string, map: Record<string, unknown>) {
  const whole = csvImporter.parse([{ path: 'cmdb_ci_server.csv', text: csv }], { mapping: map });
  const batches: ImportBatch[] = [];
  const chunks = (async function* () {
    yield csv;
  })();
  for await (const b of csvStreamImporter.stream([{ path: 'cmdb_ci_server.csv', chunks }], { mapping: map }))
    batches.push(b);
  const streamed = {
    cis: batches.flatMap((b) => b.cis),
    issues: batches.flatMap((b) => b.issues ?? []),
    skipped: batches.flatMap((b) => b.skipped ?? []),
  };
  return { whole, streamed };
}

describe('csv values: source codes translated to lifecycle statuses', () => {
  it('translates each code; an unknown code is a bad row naming the known ones; an empty cell sets none', async () => {
    const { whole, streamed } = await both(text, mapping);
    const statuses = Object.fromEntries(whole.state.cis.map((ci) => [ci.name, ci.status ?? '(none)']));
    expect(statuses).toEqual({ 'web-01': 'active', 'web-02': 'retired', 'web-03': '(none)', 'web-05': 'maintenance' });
    expect(whole.issues[0]).toEqual({
      file: 'cmdb_ci_server.csv',
      location: 'line 5',
      message: `status "99" is not one of the codes the mapping's values translate (1, 3, 6, 7)`,
    });
    expect(streamed.cis).toEqual(whole.state.cis);
  });

  it('refuses a values map without a status column, or with a value that is not a status', () => {
    const { values, status: _status, ...rest } = mapping;
    expect(() => csvImporter.parse([], { mapping: { ...rest, values } })).toThrow(
      '"values" in the csv mapping translates the status column: name that column in "status".',
    );
    expect(() => csvImporter.parse([], { mapping: { ...mapping, values: { '1': '' } } })).toThrow(
      'values."1" in the csv mapping must be a lifecycle status, such as retired.',
    );
    expect(() => csvImporter.parse([], { mapping: { ...mapping, values: {} } })).toThrow(
      '"values" in the csv mapping lists no code.',
    );
  });
});

describe('csv rows giving the same CI twice: the first row wins, in both readers', () => {
  it('notes an identical repeat, reports a different one as a bad row naming the row kept', async () => {
    const { whole, streamed } = await both(text, mapping);
    const repeatSame = {
      file: 'cmdb_ci_server.csv',
      location: 'line 6',
      message:
        'server/web-01 repeats cmdb_ci_server.csv line 2 with the same values; cmdb_ci_server.csv line 2 is kept',
    };
    const repeatOther = {
      file: 'cmdb_ci_server.csv',
      location: 'line 7',
      message:
        'server/web-02 was already given at cmdb_ci_server.csv line 3 with other values; the first row of a CI wins, so cmdb_ci_server.csv line 3 is kept and this row is left out',
    };
    expect(whole.skipped).toEqual([repeatSame]);
    expect(whole.issues.slice(1)).toEqual([repeatOther]);
    expect(streamed.skipped).toEqual([repeatSame]);
    expect(streamed.issues.slice(1)).toEqual([repeatOther]);
    // The row kept is the first: web-02 stays retired, in both readers.
    for (const cis of [whole.state.cis, streamed.cis])
      expect(cis.filter((ci) => ci.name === 'web-02')).toEqual([
        { class: 'server', name: 'web-02', status: 'retired', attributes: { os: 'debian-12' } },
      ]);
    expect(whole.state.relations.filter((r) => r.from === 'server/web-01')).toHaveLength(1);
  });

  it('applies the rule across files', async () => {
    const result = csvImporter.parse(
      [
        { path: 'a.csv', text: 'name,install_status,os,rack\nweb-01,1,ubuntu-24.04,R1\n' },
        { path: 'b.csv', text: 'name,install_status,os,rack\nweb-01,7,ubuntu-24.04,R1\n' },
      ],
      { mapping },
    );
    expect(result.state.cis.map((ci) => ci.status)).toEqual(['active']);
    expect(result.issues.map((i) => `${i.file} ${i.location}: ${i.message}`)).toEqual([
      'b.csv line 2: server/web-01 was already given at a.csv line 2 with other values; the first row of a CI wins, so a.csv line 2 is kept and this row is left out',
    ]);
  });
});

describe('the example of docs/importers/csv.md on lifecycle codes', () => {
  it('gives what the page says', () => {
    const page = readFileSync(new URL('../../../docs/importers/csv.md', import.meta.url), 'utf8');
    const section = page.slice(page.indexOf('## Lifecycle codes'));
    const blocks = [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => m[2] ?? '');
    const [map = '', csv = '', expected = ''] = blocks;
    const result = csvImporter.parse([{ path: 'servers.csv', text: csv }], {
      mapping: parse(map) as Record<string, unknown>,
    });
    expect(result.state.cis).toEqual(parse(expected));
    expect(result.issues.map((i) => `${i.location}: ${i.message}`)).toEqual([
      'line 5: server/app-01 was already given at servers.csv line 2 with other values; the first row of a CI wins, so servers.csv line 2 is kept and this row is left out',
    ]);
  });
});
