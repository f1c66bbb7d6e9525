import { describe, expect, it } from 'vitest';
import type { Edge } from './impact.js';
import { MemoryGraph } from './memory-graph.js';

const e = (sourceId: string, type: string, targetId: string): Edge => ({ type, sourceId, targetId });
const key = (x: Edge) => `${x.sourceId} ${x.type} ${x.targetId}`;

function graph(edges: Edge[]): MemoryGraph {
  const g = new MemoryGraph();
  for (const x of edges) g.add(x);
  return g;
}

const EDGES = [
  e('app', 'runs_on', 'vm'),
  e('vm', 'runs_on', 'host'),
  e('db', 'runs_on', 'host'),
  e('app', 'depends_on', 'db'),
];

// Ids asked for → edges returned (out edges first, then in edges, per id in the order asked).
const TOUCHING: [string[], string[]][] = [
  [[], []],
  [['unknown'], []],
  [['app'], ['app runs_on vm', 'app depends_on db']],
  [['vm'], ['vm runs_on host', 'app runs_on vm']],
  [['host'], ['vm runs_on host', 'db runs_on host']],
  [['db'], ['db runs_on host', 'app depends_on db']],
  // An edge between two asked ids comes once for each end.
  [
    ['app', 'vm'],
    ['app runs_on vm', 'app depends_on db', 'vm runs_on host', 'app runs_on vm'],
  ],
];

describe('MemoryGraph', () => {
  it.each(TOUCHING)('edges touching %j', async (ids, expected) => {
    const g = graph(EDGES);
    expect(g.edgesTouchingSync(ids).map(key)).toEqual(expected);
    expect((await g.edgesTouching(ids)).map(key)).toEqual(expected);
  });

  it('counts each CI that appears in an edge once', () => {
    expect(new MemoryGraph().size).toBe(0);
    expect(graph(EDGES).size).toBe(4);
  });

  // [edge removed, what `vm` and `host` then touch]
  const REMOVALS: [Edge, string[]][] = [
    [e('vm', 'runs_on', 'host'), ['app runs_on vm', 'db runs_on host']],
    [e('app', 'runs_on', 'vm'), ['vm runs_on host', 'vm runs_on host', 'db runs_on host']],
    // Another type between the same CIs is a different edge: nothing removed.
    [e('vm', 'depends_on', 'host'), ['vm runs_on host', 'app runs_on vm', 'vm runs_on host', 'db runs_on host']],
    // Unknown CIs: nothing to do.
    [e('x', 'runs_on', 'y'), ['vm runs_on host', 'app runs_on vm', 'vm runs_on host', 'db runs_on host']],
  ];
  it.each(REMOVALS)('remove %j', (edge, expected) => {
    const g = graph(EDGES);
    g.remove(edge);
    expect(g.edgesTouchingSync(['vm', 'host']).map(key)).toEqual(expected);
  });

  it('removes every copy of an edge added twice, and keeps its CIs interned', () => {
    const g = graph([e('a', 't', 'b'), e('a', 't', 'b')]);
    expect(g.edgesTouchingSync(['a'])).toHaveLength(2);
    g.remove(e('a', 't', 'b'));
    expect(g.edgesTouchingSync(['a', 'b'])).toEqual([]);
    expect(g.size).toBe(2);
  });

  it('keeps the class/name of each CI apart from its edges', () => {
    const g = new MemoryGraph();
    g.setName('ci_1', 'server', 'web-01');
    expect(g.refOf('ci_1')).toBe('server/web-01');
    expect(g.size).toBe(0);
    g.setName('ci_1', 'server', 'web-02');
    expect(g.refOf('ci_1')).toBe('server/web-02');
    g.removeRef('ci_1');
    expect(g.refOf('ci_1')).toBeUndefined();
    expect(g.refOf('ci_9')).toBeUndefined();
  });

  it('adds a page of text as it adds the same edges one by one: same lists, same order, same size', () => {
    // Ids of 13 characters and more, as a load's are; one source's edges across two pages.
    const id = (n: string) => `ci_01J0000000000000000000000${n}`;
    const edges = [
      e(id('A'), 'depends_on', id('C')),
      e(id('A'), 'runs_on', id('B')),
      e(id('A'), 'runs_on', id('C')),
      e(id('B'), 'runs_on', id('C')),
      e(id('C'), 'depends_on', id('A')),
    ];
    const text = (part: Edge[]) => part.map((x) => `${x.sourceId}\u001f${x.type}\u001f${x.targetId}`).join('\u001e');
    const byText = new MemoryGraph();
    byText.setName(id('B'), 'server', 'web-01');
    byText.addText(text(edges.slice(0, 2)));
    byText.addText(text(edges.slice(2)));
    const one = graph(edges);
    const all = [id('A'), id('B'), id('C'), id('D')];
    expect(byText.edgesTouchingSync(all).map(key)).toEqual(one.edgesTouchingSync(all).map(key));
    expect(byText.size).toBe(3);
    expect(byText.refOf(id('B'))).toBe('server/web-01');
    // Edges added one by one afterwards, and removed, meet those of the text.
    byText.add(e(id('A'), 'runs_on', id('D')));
    byText.remove(e(id('A'), 'runs_on', id('B')));
    expect(byText.edgesTouchingSync([id('A')]).map(key)).toEqual([
      `${id('A')} depends_on ${id('C')}`,
      `${id('A')} runs_on ${id('C')}`,
      `${id('A')} runs_on ${id('D')}`,
      `${id('C')} depends_on ${id('A')}`,
    ]);
  });

  it('refuses a page of text that is not edges, naming where', () => {
    expect(() => new MemoryGraph().addText('a\u001fruns_on')).toThrow(/not an edge at 0/);
  });

  it('records the names of a page of text as it records each name: same refs, the same CIs as the edges', () => {
    const id = (n: string) => `ci_01J0000000000000000000000${n}`;
    const cis: [string, string, string][] = [
      [id('A'), 'application', 'shop-frontend'],
      [id('B'), 'server', 'web-01'],
      [id('C'), 'server', 'a name of thirteen and more characters'],
      ['a-hand-made-id', 'application', 'x'],
    ];
    const text = cis.map((c) => c.join('\u001f')).join('\u001e');
    const byText = new MemoryGraph();
    byText.setNamesText(text.slice(0, text.indexOf('\u001e', 40)));
    byText.setNamesText(text.slice(text.indexOf('\u001e', 40) + 1));
    byText.add(e(id('A'), 'runs_on', id('B')));
    expect(cis.map(([ci]) => byText.refOf(ci))).toEqual(cis.map(([, cls, name]) => `${cls}/${name}`));
    expect(byText.edgesTouchingSync([id('B')]).map(key)).toEqual([`${id('A')} runs_on ${id('B')}`]);
    expect(byText.size).toBe(2);
    // Renamed, removed and added one by one afterwards.
    byText.setName(id('B'), 'server', 'web-02');
    byText.removeRef(id('C'));
    expect([id('B'), id('C')].map((ci) => byText.refOf(ci))).toEqual(['server/web-02', undefined]);
    expect(() => byText.setNamesText(`${id('D')}\u001fserver`)).toThrow(/not a CI at 0/);
  });

  it('finds a current CI by class and name, and forgets a name once removed or renamed', () => {
    const g = new MemoryGraph();
    g.setName('a', 'server', 'web-01');
    g.setName('b', 'application', 'web-01');
    expect(g.idOfRef('server', 'web-01')).toBe('a');
    expect(g.idOfRef('application', 'web-01')).toBe('b');
    expect(g.idOfRef('server', 'web-02')).toBeUndefined();
    expect(g.idOfRef('database', 'web-01')).toBeUndefined();
    // Recorded after the first look-up made the index: found too.
    g.setName('c', 'server', 'web-02');
    g.setNamesText('d\u001fserver\u001fweb-03');
    expect([g.idOfRef('server', 'web-02'), g.idOfRef('server', 'web-03')]).toEqual(['c', 'd']);
    // Renamed: found by its new name only. Removed: not found, until another CI takes the name.
    g.setName('c', 'server', 'web-02b');
    g.removeRef('a');
    expect([g.idOfRef('server', 'web-02'), g.idOfRef('server', 'web-02b'), g.idOfRef('server', 'web-01')]).toEqual([
      undefined,
      'c',
      undefined,
    ]);
    g.setName('e', 'server', 'web-01');
    expect(g.idOfRef('server', 'web-01')).toBe('e');
  });

  it('finds every CI of a large load by class and name, the index made at the first look-up', () => {
    const g = new MemoryGraph();
    const names = Array.from({ length: 5000 }, (_, i) => `ci_${i}\u001f${i % 3 ? 'server' : 'vm'}\u001fhost-${i}`);
    g.setNamesText(names.slice(0, 2500).join('\u001e'));
    g.setNamesText(names.slice(2500).join('\u001e'));
    for (let i = 0; i < 5000; i++) expect(g.idOfRef(i % 3 ? 'server' : 'vm', `host-${i}`)).toBe(`ci_${i}`);
    // host-0 is a vm: the same name in another class is another reference.
    expect(g.idOfRef('server', 'host-0')).toBeUndefined();
  });

  it('makes the index a slice at a time, answering nothing until done, with the names recorded meanwhile', async () => {
    const g = new MemoryGraph();
    for (let i = 0; i < 25_000; i++) g.setName(`ci_${i}`, 'server', `host-${i}`);
    const indexing = g.indexRefs();
    expect(g.idOfRef('server', 'host-1')).toBeUndefined();
    // While it works: a CI it has passed renamed, and a new one.
    await new Promise((resolve) => setImmediate(resolve));
    g.setName('ci_1', 'server', 'host-1-renamed');
    g.setName('ci_late', 'server', 'late');
    await indexing;
    expect([g.idOfRef('server', 'host-1'), g.idOfRef('server', 'host-1-renamed'), g.idOfRef('server', 'late')]).toEqual(
      [undefined, 'ci_1', 'ci_late'],
    );
    expect(g.idOfRef('server', 'host-24999')).toBe('ci_24999');
  });
});
