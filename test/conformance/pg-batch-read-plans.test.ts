import type pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createCmdbServices, type CmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import type { CiRef } from '../../src/core/ci/desired-state.js';
import { engines } from '../helpers/engines.js';
import { makeCi, meta } from '../helpers/fixtures.js';
import { driverEvents, type Sent } from '../helpers/pg-driver-events.js';

/** Servers in racks, enough that one probe per key is far cheaper than reading the tables whole. */
const SERVERS = 3000;
const RACKS = 100;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/** Every node of a plan, depth first. */
function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

/**
 * PostgreSQL plans a statement's first executions for the values bound, with the table's
 * statistics. The batch reads of an import's screen and of a change's plan bind thousands of
 * keys: once the version tables had been analysed, a join of them to the tables was planned as a
 * hash of the whole table (and a sort, for the relationships), 4–8 times the time of probing the
 * index per key. Each read must probe per key whatever the statistics.
 */
describe.runIf(engines().some((h) => h.engine === 'postgres'))('batch reads by key on PostgreSQL', () => {
  const harness = engines().find((h) => h.engine === 'postgres')!;
  afterAll(() => harness.cleanup());

  async function setup(): Promise<CmdbServices & { estateRev: number }> {
    const s = createCmdbServices(await harness.newStore());
    await s.cmdb.initialize('t');
    const racks = Array.from({ length: RACKS }, (_, i) => ({ class: 'rack', name: `r${i}`, attributes: {} }));
    const servers = Array.from({ length: SERVERS }, (_, i) => makeCi({ name: `s${i}` }));
    const relations = servers.map((c, i) => ({
      type: 'located_in',
      from: `server/${c.name}`,
      to: `rack/r${i % RACKS}`,
    }));
    const estate = await s.cmdb.apply({ cis: [...racks, ...servers], relations }, meta('estate'));
    return { ...s, estateRev: estate.revision!.rev };
  }

  /** The plan PostgreSQL makes for the one statement `read` sends, with the values it binds. */
  async function planOf(read: () => Promise<unknown>): Promise<PlanNode[]> {
    const sent: Sent[] = await driverEvents(read);
    expect(sent).toHaveLength(1);
    const [{ client, text, values }] = sent as [Sent];
    const { rows } = await (client as pg.Client).query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `explain (format json) ${text}`,
      values,
    );
    return nodesOf(rows[0]!['QUERY PLAN'][0].Plan);
  }

  it('probes the indexes per key, not the whole tables, once the statistics are taken', async () => {
    const s = await setup();
    const refs: CiRef[] = Array.from({ length: 2000 }, (_, i) => ({ class: 'server', name: `s${i}` }));
    const ids = (await s.store.currentCiHashes(refs)).map((v) => v.id);
    // The statistics, on the store's own connection (its schema).
    const [first] = await driverEvents(() => s.store.currentCiHashes(refs.slice(0, 1)));
    await (first!.client as pg.Client).query('analyze ci_versions, relation_versions');
    const reads: [string, () => Promise<unknown>][] = [
      ['current hashes', () => s.store.currentCiHashes(refs)],
      ['current digests', () => s.store.currentCiDigests(refs)],
      ['CIs now', () => s.store.getCisByRef(refs)],
      ['CIs as of', () => s.store.getCisByRef(refs, s.estateRev)],
      ['references by id', () => s.store.getCiRefsById(ids)],
      ['references by id as of', () => s.store.getCiRefsById(ids, s.estateRev)],
      ['relationships by source', () => s.store.currentRelationsBySource(ids, false)],
      ['relationships by source, hashes', () => s.store.currentRelationsBySource(ids, true)],
    ];
    for (const [what, read] of reads) {
      const nodes = await planOf(read);
      const wholeTables = nodes.filter((n) => n['Node Type'] === 'Seq Scan' || n['Node Type'] === 'Hash Join');
      expect(wholeTables.map((n) => `${what}: ${n['Node Type']} ${n['Relation Name'] ?? ''}`)).toEqual([]);
      expect(nodes.some((n) => n['Node Type'] === 'Index Scan' || n['Node Type'] === 'Index Only Scan')).toBe(true);
    }
  });
});
