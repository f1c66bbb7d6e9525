import { afterAll, describe, expect, it } from 'vitest';
import { createCmdbServices, type CmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { InputError, NotFoundError, ConflictError } from '../../src/core/shared/errors.js';
import { fixedClock } from '../../src/core/shared/clock.js';
import { restorePlan } from '../../src/core/revision/revert.js';
import { engines } from '../helpers/engines.js';
import type { KyselyCmdbStore } from '../../src/store/connect.js';
import { makeCi, meta, smallEstate } from '../helpers/fixtures.js';

for (const harness of engines()) {
  describe(`CMDB on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    async function fresh(): Promise<CmdbServices> {
      // A clock that moves a second per reading, so that every revision has its own time.
      const s = createCmdbServices(await harness.newStore(), { clock: fixedClock('2026-03-01T09:00:00.000Z', 1000) });
      await s.cmdb.initialize('tester');
      return s;
    }

    it('writes one revision per apply and none when nothing changes', async () => {
      const s = await fresh();
      const first = await s.cmdb.apply(smallEstate(), meta());
      expect(first.revision?.rev).toBe(2);
      expect(first.writes.cis).toHaveLength(6);
      expect(first.writes.relations).toHaveLength(5);
      const again = await s.cmdb.apply(smallEstate(), meta());
      expect(again.revision).toBeNull();
      expect((await s.store.head())?.rev).toBe(2);

      const partial = await s.cmdb.apply(
        { cis: [makeCi({ name: 'web-01', attributes: { cpu: 8 } }), makeCi({ name: 'web-01b' })], relations: [] },
        meta(),
      );
      expect(partial.revision?.rev).toBe(3);
      expect(partial.writes.cis.map((w) => [w.after?.name, w.before ? 'modified' : 'added'])).toEqual([
        ['web-01', 'modified'],
        ['web-01b', 'added'],
      ]);
      const web01 = await s.cmdb.getCi({ class: 'server', name: 'web-01' });
      expect(web01.attributes).toEqual({ environment: 'production', cpu: 8 });
      expect(web01.labels).toEqual({ team: 'web' });
      expect(web01.revFrom).toBe(3);
    });

    it('merges attributes key by key and removes keys set to null', async () => {
      const s = await fresh();
      await s.cmdb.apply(
        {
          cis: [
            makeCi({
              name: 'a',
              attributes: { cpu: 2, os: 'x', environment: 'dev' },
              labels: { team: 'a', tier: '1' },
            }),
          ],
          relations: [],
        },
        meta(),
      );
      await s.cmdb.apply(
        {
          cis: [{ class: 'server', name: 'a', attributes: { os: null, memory_gb: 8 }, labels: { tier: null } }],
          relations: [],
        },
        meta(),
      );
      const ci = await s.cmdb.getCi({ class: 'server', name: 'a' });
      expect(ci.attributes).toEqual({ cpu: 2, environment: 'dev', memory_gb: 8 });
      expect(ci.labels).toEqual({ team: 'a' });
    });

    it('reads any past state by revision, time and baseline', async () => {
      const s = await fresh();
      await s.cmdb.apply(smallEstate(), meta());
      const base = await s.baselines.create({ name: 'go-live', author: 'tester' });
      expect(base.rev).toBe(2);
      await s.cmdb.apply({ cis: [makeCi({ name: 'web-01', attributes: { cpu: 16 } })], relations: [] }, meta());
      await s.cmdb.deleteCis([{ class: 'database', name: 'orders-db' }], meta());

      expect(
        (await s.cmdb.getCi({ class: 'server', name: 'web-01' }, await s.history.resolvePoint('go-live'))).attributes
          .cpu,
      ).toBe(2);
      expect((await s.cmdb.getCi({ class: 'server', name: 'web-01' }, 3)).attributes.cpu).toBe(16);
      await expect(s.cmdb.getCi({ class: 'database', name: 'orders-db' })).rejects.toBeInstanceOf(NotFoundError);
      expect((await s.cmdb.getCi({ class: 'database', name: 'orders-db' }, 3)).attributes.version).toBe('16.3');
      const rev3 = await s.store.getRevision(3);
      expect(await s.history.resolvePoint(rev3!.at)).toBe(3);
      expect(await s.history.resolvePoint('2')).toBe(2);
      await expect(s.history.resolvePoint('99')).rejects.toThrow(/revision 99 does not exist/);
      await expect(s.history.resolvePoint('no-such-baseline')).rejects.toBeInstanceOf(NotFoundError);
      await expect(s.baselines.create({ name: 'go-live', author: 'x' })).rejects.toBeInstanceOf(ConflictError);
      expect(await s.store.countCis({ at: 2 })).toBe(6);
      expect(await s.store.countCis()).toBe(5);
    });

    it('lists with filters on class (with subclasses), status, label and attribute, now and as of', async () => {
      const s = await fresh();
      await s.cmdb.apply(smallEstate(), meta());
      const reg = await s.cmdb.registry();
      const servers = await s.store.listCis({ classes: reg.withDescendants('server'), limit: 100 });
      expect(servers.map((c) => c.name)).toEqual(['web-02', 'web-01']);
      expect((await s.store.listCis({ labels: { team: 'web' }, limit: 100 })).map((c) => c.name).sort()).toEqual([
        'web-01',
        'web-02',
      ]);
      expect(
        (await s.store.listCis({ attributes: { environment: 'staging' }, limit: 100 })).map((c) => c.name),
      ).toEqual(['web-02']);
      expect((await s.store.listCis({ attributes: { cpu: 4 }, limit: 100 })).map((c) => c.name)).toEqual(['web-02']);
      await s.cmdb.apply({ cis: [makeCi({ name: 'web-01', status: 'maintenance' })], relations: [] }, meta());
      expect((await s.store.listCis({ statuses: ['maintenance'], limit: 100 })).map((c) => c.name)).toEqual(['web-01']);
      expect(await s.store.listCis({ statuses: ['maintenance'], at: 2, limit: 100 })).toEqual([]);
      const page1 = await s.store.listCis({ limit: 2 });
      const page2 = await s.store.listCis({ limit: 2, after: page1[1] });
      const all = await s.store.listCis({ limit: 100 });
      expect([...page1, ...page2].map((c) => c.name)).toEqual(all.slice(0, 4).map((c) => c.name));
      expect(new Set([...page1, ...page2].map((c) => c.id)).size).toBe(4);
    });

    it('deletes a CI and its relationships in one revision', async () => {
      const s = await fresh();
      await s.cmdb.apply(smallEstate(), meta());
      const out = await s.cmdb.deleteCis([{ class: 'application', name: 'shop-frontend' }], meta());
      expect(out.revision?.rev).toBe(3);
      expect(out.writes.relations.filter((w) => !w.after)).toHaveLength(4);
      const web01 = await s.cmdb.getCi({ class: 'server', name: 'web-01' });
      expect((await s.cmdb.relationsOf(web01.id)).map((r) => [r.relation.type, r.inverse])).toEqual([
        ['contains', 'contained_in'],
      ]);
      await expect(s.cmdb.deleteCis([{ class: 'server', name: 'nope' }], meta())).rejects.toThrow(
        'server/nope does not exist',
      );
    });

    it('diffs two points by field, both ways, for CIs and relationships', async () => {
      const s = await fresh();
      await s.cmdb.apply(smallEstate(), meta());
      await s.cmdb.apply(
        {
          cis: [makeCi({ name: 'web-01', attributes: { cpu: 8, os: null } }), makeCi({ name: 'web-03' })],
          relations: [{ type: 'runs_on', from: 'application/shop-frontend', to: 'server/web-03' }],
        },
        meta(),
      );
      await s.cmdb.deleteCis([{ class: 'rack', name: 'r1' }], meta());
      const d = await s.history.diff(2, 4);
      expect(d.added.map((a) => a.ref)).toEqual(['server/web-03']);
      expect(d.removed.map((a) => a.ref)).toEqual(['rack/r1']);
      expect(d.modified).toEqual([
        {
          ref: 'server/web-01',
          id: expect.any(String),
          changes: [
            { path: 'attributes.cpu', from: 2, to: 8, change: 'changed', madeIn: expect.objectContaining({ rev: 3 }) },
          ],
        },
      ]);
      expect(d.relations.added.map((r) => r.ref)).toEqual(['application/shop-frontend runs_on server/web-03']);
      expect(d.relations.removed.map((r) => r.ref)).toEqual(['rack/r1 contains server/web-01']);
      const back = await s.history.diff(4, 2);
      expect(back.added.map((a) => a.ref)).toEqual(['rack/r1']);
      expect(back.removed.map((a) => a.ref)).toEqual(['server/web-03']);
      expect(back.modified[0]!.changes).toEqual([
        { path: 'attributes.cpu', from: 8, to: 2, change: 'changed', madeIn: expect.objectContaining({ rev: 3 }) },
      ]);
      const none = await s.history.diff(3, 3);
      expect(none.added.length + none.removed.length + none.modified.length).toBe(0);
    });

    it('reverts to a baseline: the restore plan brings the state back exactly', async () => {
      const s = await fresh();
      await s.cmdb.apply(smallEstate(), meta());
      await s.baselines.create({ name: 'good', author: 'tester' });
      await s.cmdb.apply(
        {
          cis: [
            makeCi({
              name: 'web-01',
              status: 'maintenance',
              attributes: { cpu: 8, extra: true },
              labels: { team: null },
            }),
            makeCi({ name: 'new-box' }),
          ],
          relations: [{ type: 'connects_to', from: 'server/web-01', to: 'server/new-box' }],
        },
        meta(),
      );
      await s.cmdb.deleteCis([{ class: 'database', name: 'orders-db' }], meta());
      const head = (await s.store.head())!.rev;
      const plan = restorePlan(await s.history.diff(head, 2));
      const out = await s.cmdb.apply(plan, meta('revert'));
      expect(out.revision).not.toBeNull();
      const after = await s.history.diff(2, out.revision!.rev);
      // The deleted database comes back as a new CI (new id), with the same content.
      expect(after.modified).toEqual([]);
      expect(after.relations.modified).toEqual([]);
      expect(after.added.map((a) => a.ref)).toEqual(['database/orders-db']);
      expect(after.removed.map((a) => a.ref)).toEqual(['database/orders-db']);
      const restored = await s.cmdb.getCi({ class: 'server', name: 'web-01' });
      expect(restored.status).toBe('active');
      expect(restored.attributes).toEqual({ environment: 'production', cpu: 2 });
      expect(restored.labels).toEqual({ team: 'web' });
      await expect(s.cmdb.getCi({ class: 'server', name: 'new-box' })).rejects.toBeInstanceOf(NotFoundError);
    });

    it('refuses bad input with field-named errors and writes nothing', async () => {
      const s = await fresh();
      await s.cmdb.apply(smallEstate(), meta());
      const head = (await s.store.head())!.rev;
      const cases: [unknown, RegExp][] = [
        [{ cis: [{ class: 'nope', name: 'x' }] }, /cis\[0\]\.class "nope" is not a known class/],
        [
          { cis: [makeCi({ name: 'x', attributes: { cpu: 0 } })] },
          /cis\[0\]\.attributes\.cpu must be >= 1 \(minimum rule of class server\)/,
        ],
        [{ cis: [makeCi({ name: 'x', attributes: { cpu: 'four' } })] }, /cis\[0\]\.attributes\.cpu must be integer/],
        [{ cis: [makeCi({ name: 'x', status: 'exploded' })] }, /"exploded" is not a status of class server/],
        [{ cis: [makeCi({ name: 'x' }), makeCi({ name: 'x' })] }, /server\/x appears twice in the document/],
        [
          { relations: [{ type: 'runs_on', from: 'application/shop-frontend', to: 'server/ghost' }] },
          /relations\[0\]\.to server\/ghost does not exist/,
        ],
        [
          { relations: [{ type: 'likes', from: 'server/web-01', to: 'server/web-01' }] },
          /"likes" is not a known relationship type/,
        ],
        [{ cis: [{ class: 'server', name: 'x', colour: 'red' }] }, /cis\[0\]\.colour is not a known CI field/],
        [{ cis: [makeCi({ name: 'x', attributes: { os: 'a\u0000b' } })] }, /NUL/],
        [{ cis: [{ class: 'server' }] }, /cis\[0\]\.name is required/],
        [{ cis: 'server/x' }, /cis must be a list/],
        [[1, 2], /must be a mapping/],
        [
          { cis: [makeCi({ name: 'good' }), makeCi({ name: 'bad', attributes: { cpu: -1 } })] },
          /cis\[1\]\.attributes\.cpu/,
        ],
      ];
      for (const [doc, message] of cases) {
        const attempt = s.cmdb.apply(doc, meta());
        await expect(attempt, JSON.stringify(doc)).rejects.toBeInstanceOf(InputError);
        await expect(s.cmdb.apply(doc, meta())).rejects.toThrow(message);
      }
      expect((await s.store.head())!.rev).toBe(head);
      await expect(s.cmdb.getCi({ class: 'server', name: 'good' })).rejects.toBeInstanceOf(NotFoundError);
    });

    it('normalises inverse relationship names to the canonical direction', async () => {
      const s = await fresh();
      await s.cmdb.apply(smallEstate(), meta());
      const out = await s.cmdb.apply(
        { cis: [], relations: [{ type: 'hosts', from: 'server/web-01', to: 'application/shop-frontend' }] },
        meta(),
      );
      expect(out.revision).toBeNull();
      const rev = await s.cmdb.apply(
        {
          cis: [makeCi({ name: 'db-host' })],
          relations: [{ type: 'hosts', from: 'server/db-host', to: 'database/orders-db' }],
        },
        meta(),
      );
      const rel = rev.writes.relations[0]!.after!;
      expect(rel.type).toBe('runs_on');
      expect(rev.refs.get(rel.sourceId)).toBe('database/orders-db');
    });

    it('versions class changes and validates CIs against the whole class lineage', async () => {
      const s = await fresh();
      const before = (await s.store.head())!.rev;
      const out = await s.cmdb.apply(
        {
          classes: [
            {
              name: 'db_server',
              parent: 'linux_server',
              attributes: { type: 'object', properties: { engine: { type: 'string' } }, required: ['engine'] },
            },
          ],
          cis: [],
          relations: [],
        },
        meta(),
      );
      expect(out.revision?.rev).toBe(before + 1);
      await expect(
        s.cmdb.apply(
          { cis: [{ class: 'db_server', name: 'x', attributes: { engine: 'pg', cpu: 0 } }], relations: [] },
          meta(),
        ),
      ).rejects.toThrow(/cpu must be >= 1 \(minimum rule of class db_server\)/);
      await expect(
        s.cmdb.apply({ cis: [{ class: 'db_server', name: 'x', attributes: {} }], relations: [] }, meta()),
      ).rejects.toThrow(/attributes\.engine must have required property 'engine'/);
      await s.cmdb.apply(
        { cis: [{ class: 'db_server', name: 'x', attributes: { engine: 'pg' } }], relations: [] },
        meta(),
      );
      const reg = await s.cmdb.registry();
      expect(reg.withDescendants('server')).toContain('db_server');
      expect((await s.store.listCis({ classes: reg.withDescendants('server'), limit: 10 })).map((c) => c.name)).toEqual(
        ['x'],
      );
      // The old model is still readable as of an earlier revision.
      expect((await s.cmdb.registry(before)).getClass('db_server')).toBeUndefined();
      // A class change that would break existing CIs is refused and names them.
      await expect(
        s.cmdb.apply(
          {
            classes: [
              {
                name: 'db_server',
                parent: 'linux_server',
                attributes: { type: 'object', required: ['engine', 'port'] },
              },
            ],
            cis: [],
            relations: [],
          },
          meta(),
        ),
      ).rejects.toThrow(/db_server\/x\.attributes\.port must have required property 'port'/);
      await expect(s.cmdb.apply({ classes: [{ name: 'Bad Name' }], cis: [], relations: [] }, meta())).rejects.toThrow(
        /classes\[0\]\.name must be lower case/,
      );
      await expect(
        s.cmdb.apply({ classes: [{ name: 'orphan', parent: 'missing' }], cis: [], relations: [] }, meta()),
      ).rejects.toThrow(/classes\[0\]\.parent names class "missing"/);
    });

    it('walks impact in each relationship type’s direction, handles cycles and reads the past', async () => {
      const s = await fresh();
      await s.cmdb.apply(smallEstate(), meta());
      const fromDb = await s.impact.impactOf([{ class: 'database', name: 'orders-db' }]);
      expect(fromDb.impacted.map((i) => [i.ref, i.depth])).toEqual([
        ['application/shop-frontend', 1],
        ['business_service/shop', 2],
      ]);
      expect(fromDb.impacted[1]!.path).toEqual([
        'database/orders-db',
        'application/shop-frontend',
        'business_service/shop',
      ]);
      // Read along the path: orders-db is used by the frontend, which the shop depends on in turn.
      expect(fromDb.impacted[1]!.via).toEqual(['depends_on', 'depends_on']);
      expect(fromDb.impacted[1]!.readAs).toEqual(['used_by', 'used_by']);
      const fromRack = await s.impact.impactOf([{ class: 'rack', name: 'r1' }]);
      expect(fromRack.impacted.map((i) => i.ref)).toEqual([
        'server/web-01',
        'application/shop-frontend',
        'business_service/shop',
      ]);
      expect(fromRack.impacted[0]!.readAs).toEqual(['contains']);
      expect((await s.impact.impactOf([{ class: 'rack', name: 'r1' }], { depth: 1 })).count).toBe(1);
      // A change to the business service affects nothing below it.
      expect((await s.impact.impactOf([{ class: 'business_service', name: 'shop' }])).count).toBe(0);
      // A cycle ends the walk.
      await s.cmdb.apply(
        { cis: [], relations: [{ type: 'depends_on', from: 'database/orders-db', to: 'business_service/shop' }] },
        meta(),
      );
      const cyclic = await s.impact.impactOf([{ class: 'database', name: 'orders-db' }], { depth: 10 });
      expect(cyclic.impacted.map((i) => i.ref).sort()).toEqual(['application/shop-frontend', 'business_service/shop']);
      // As of revision 2 the rack contained web-01; delete the rack's relationship and look back.
      await s.cmdb.apply(
        { cis: [], relations: [], delete: { relations: [{ type: 'contains', from: 'rack/r1', to: 'server/web-01' }] } },
        meta(),
      );
      expect((await s.impact.impactOf([{ class: 'rack', name: 'r1' }])).count).toBe(0);
      expect((await s.impact.impactOf([{ class: 'rack', name: 'r1' }], { at: 2 })).count).toBe(3);
    });

    it('verifies the hash chain and names the first revision tampered with', async () => {
      const s = await fresh();
      const { verifyChain } = await import('../../src/core/audit/verify.js');
      await s.cmdb.apply(smallEstate(), meta());
      await s.cmdb.apply({ cis: [makeCi({ name: 'web-01', attributes: { cpu: 4 } })], relations: [] }, meta());
      await s.cmdb.apply({ cis: [makeCi({ name: 'web-09' })], relations: [] }, meta());
      expect(await verifyChain(s.store)).toEqual({ ok: true, revisions: 4 });
      const db = (s.store as KyselyCmdbStore).kysely;

      // An attribute edited behind Cairn's back.
      await db
        .updateTable('ci_versions')
        .set({ attributes: JSON.stringify({ environment: 'production', cpu: 64 }) })
        .where('rev_from', '=', 3)
        .execute();
      expect((await verifyChain(s.store)).firstBad?.rev).toBe(3);
      await db
        .updateTable('ci_versions')
        .set({ attributes: JSON.stringify({ environment: 'production', cpu: 4 }) })
        .where('rev_from', '=', 3)
        .execute();
      expect((await verifyChain(s.store)).ok).toBe(true);

      // A version row deleted.
      const row = await db.selectFrom('ci_versions').selectAll().where('rev_from', '=', 4).executeTakeFirstOrThrow();
      await db.deleteFrom('ci_versions').where('rev_from', '=', 4).execute();
      expect((await verifyChain(s.store)).firstBad?.rev).toBe(4);
      await db
        .insertInto('ci_versions')
        .values({
          ...row,
          attributes: jsonText(row.attributes),
          labels: jsonText(row.labels),
          attribute_sources: jsonText(row.attribute_sources),
        })
        .execute();
      expect((await verifyChain(s.store)).ok).toBe(true);

      // A version row inserted into an old revision.
      await db
        .insertInto('ci_versions')
        .values({
          ...row,
          id: 'ci_forged',
          name: 'forged',
          rev_from: 2,
          attributes: jsonText(row.attributes),
          labels: jsonText(row.labels),
          attribute_sources: jsonText(row.attribute_sources),
        })
        .execute();
      expect((await verifyChain(s.store)).firstBad?.rev).toBe(2);
      await db.deleteFrom('ci_versions').where('id', '=', 'ci_forged').execute();

      // A revision's author rewritten.
      await db.updateTable('revisions').set({ author: 'mallory' }).where('rev', '=', 2).execute();
      expect(await verifyChain(s.store)).toMatchObject({ ok: false, firstBad: { rev: 2 } });
    });
  });
}

/** A JSON column as read back (text on SQLite, parsed on PostgreSQL) turned into text to write. */
function jsonText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
