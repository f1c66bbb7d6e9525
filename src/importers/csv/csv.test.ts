import { describe, expect, it } from 'vitest';
import { csvImporter } from './csv.importer.js';

const mapping = {
  classColumn: 'kind',
  name: 'hostname',
  status: 'state',
  attributes: {
    os: 'os',
    cpu: { column: 'cpus', type: 'integer' },
    memory_gb: { column: 'memory', type: 'number' },
    monitored: { column: 'monitored', type: 'boolean' },
  },
  labels: { team: 'owner' },
  relations: [
    { column: 'rack', type: 'located_in', class: 'rack' },
    { column: 'needs', type: 'depends_on', separator: ';' },
  ],
};

const text = [
  'kind,hostname,state,os,cpus,memory,monitored,owner,rack,needs',
  'server,web-01,active,ubuntu-24.04,4,16,yes,web,R1,database/orders-db;server/web-02',
  'server,web-02,active,ubuntu-24.04,8,32.5,false,web,R1,',
  'database,orders-db,planned,,,,,dba,,',
  'rack,R1,,,,,,,,',
  'server,web-03,active,debian,four,8,true,web,,',
  'server,,active,debian,2,8,true,web,,',
  'server,web-04,active',
  '',
  'server,"web-05",active,"multi',
  'line os",2,1.5,1,ops,R9,not-a-ref',
  'Bad Class,x,active,,,,,,,',
  'server,web-06,active,debian,2,8,maybe,,,',
  'server,web-01,retired,,,,,,,',
].join('\n');

describe('csv importer', () => {
  const { state, issues } = csvImporter.parse([{ path: 'hosts.csv', text }], { mapping });

  it('maps classes, names, status, typed attributes and labels', () => {
    expect(state.cis.map((c) => `${c.class}/${c.name}`)).toEqual([
      'server/web-01',
      'server/web-02',
      'database/orders-db',
      'rack/R1',
    ]);
    expect(state.cis[0]).toEqual({
      class: 'server',
      name: 'web-01',
      status: 'active',
      attributes: { os: 'ubuntu-24.04', cpu: 4, memory_gb: 16, monitored: true },
      labels: { team: 'web' },
    });
    expect(state.cis[1]!.attributes).toEqual({ os: 'ubuntu-24.04', cpu: 8, memory_gb: 32.5, monitored: false });
    expect(state.cis[3]).toEqual({ class: 'rack', name: 'R1', attributes: {} });
  });

  it('maps relationships by fixed class or class/name references', () => {
    expect(state.relations).toEqual([
      { type: 'located_in', from: 'server/web-01', to: 'rack/R1' },
      { type: 'depends_on', from: 'server/web-01', to: 'database/orders-db' },
      { type: 'depends_on', from: 'server/web-01', to: 'server/web-02' },
      { type: 'located_in', from: 'server/web-02', to: 'rack/R1' },
    ]);
  });

  it('reports bad rows with their line and reason', () => {
    expect(issues).toEqual([
      { file: 'hosts.csv', location: 'line 6', message: 'column "cpus": "four" is not an integer' },
      { file: 'hosts.csv', location: 'line 7', message: 'no name: the name column is empty' },
      { file: 'hosts.csv', location: 'line 8', message: '3 fields, expected 10 as in the header' },
      { file: 'hosts.csv', location: 'line 10', message: 'column "needs": "not-a-ref" is not a class/name reference' },
      { file: 'hosts.csv', location: 'line 12', message: '"Bad Class" is not a class name' },
      {
        file: 'hosts.csv',
        location: 'line 13',
        message: 'column "monitored": "maybe" is not a boolean (true/false, yes/no, 1/0)',
      },
      {
        file: 'hosts.csv',
        location: 'line 14',
        message:
          'server/web-01 was already given at hosts.csv line 2 with other values; the first row of a CI wins, so hosts.csv line 2 is kept and this row is left out',
      },
    ]);
  });

  it('keeps relationships to CIs that are not in the input, with their line, for the import to resolve', () => {
    const result = csvImporter.parse([{ path: 'a.csv', text: 'name,rack\nweb-09,R7\n' }], {
      mapping: { class: 'server', name: 'name', relations: [{ column: 'rack', type: 'located_in', class: 'rack' }] },
    });
    expect(result.state.relations).toEqual([{ type: 'located_in', from: 'server/web-09', to: 'rack/R7' }]);
    expect(result.positions?.relations).toEqual([{ file: 'a.csv', location: 'line 2' }]);
    expect(result.issues).toEqual([]);
  });

  it('reports a header without the mapped columns, invalid CSV and empty files', () => {
    const result = csvImporter.parse(
      [
        { path: 'a.csv', text: 'host,os\nx,y\n' },
        { path: 'b.csv', text: 'hostname\n"unclosed\n' },
        { path: 'c.csv', text: '' },
      ],
      { mapping: { class: 'server', name: 'hostname', attributes: { os: 'os' } } },
    );
    expect(result.issues).toEqual([
      { file: 'a.csv', location: 'line 1', message: 'the header has no column "hostname", which the mapping names' },
      {
        file: 'b.csv',
        location: expect.stringMatching(/^line \d+$/),
        message: expect.stringContaining('not valid CSV'),
      },
      { file: 'c.csv', message: 'the file is empty: expected a header row' },
    ]);
  });

  it('reads other delimiters and a fixed class', () => {
    const result = csvImporter.parse([{ path: 'a.csv', text: '\uFEFFname;ram\nvm1;2\n' }], {
      mapping: {
        class: 'virtual_machine',
        name: 'name',
        delimiter: ';',
        attributes: { memory_gb: { column: 'ram', type: 'integer' } },
      },
    });
    expect(result.state.cis).toEqual([{ class: 'virtual_machine', name: 'vm1', attributes: { memory_gb: 2 } }]);
  });

  it('rejects a missing or invalid mapping with a sentence naming the problem', () => {
    expect(() => csvImporter.parse([])).toThrow('needs a mapping');
    expect(() => csvImporter.parse([], { mapping: { name: 'n', class: 'server', colour: 'x' } })).toThrow(
      'Unknown key "colour"',
    );
    expect(() => csvImporter.parse([], { mapping: { name: 'n' } })).toThrow('exactly one of "class"');
    expect(() =>
      csvImporter.parse([], {
        mapping: { name: 'n', class: 'server', attributes: { a: { column: 'a', type: 'date' } } },
      }),
    ).toThrow('attribute "a" in the csv mapping has type "date"');
    expect(() =>
      csvImporter.parse([], {
        mapping: { name: 'n', class: 'server', relations: [{ column: 'x', type: 'runs_on', klass: 'y' }] },
      }),
    ).toThrow('Unknown key "klass" in relations[0]');
  });

  it('imports a 50 000-row file', () => {
    const rows = ['kind,name,cpu,rack'];
    for (let r = 0; r < 100; r++) rows.push(`rack,R${r},,`);
    for (let i = 0; i < 50_000; i++) rows.push(`server,host-${i},${(i % 16) + 1},${i % 7 === 0 ? '' : `R${i % 100}`}`);
    const big = csvImporter.parse([{ path: 'big.csv', text: rows.join('\n') }], {
      mapping: {
        classColumn: 'kind',
        name: 'name',
        attributes: { cpu: { column: 'cpu', type: 'integer' } },
        relations: [{ column: 'rack', type: 'located_in', class: 'rack' }],
      },
    });
    expect(big.issues).toEqual([]);
    expect(big.state.cis).toHaveLength(50_100);
    expect(big.state.cis[50_099]).toEqual({ class: 'server', name: 'host-49999', attributes: { cpu: 16 } });
    const withRack = Array.from({ length: 50_000 }, (_, i) => i).filter((i) => i % 7 !== 0).length;
    expect(big.state.relations).toHaveLength(withRack);
    expect(big.state.relations[0]).toEqual({ type: 'located_in', from: 'server/host-1', to: 'rack/R1' });
  });
});
