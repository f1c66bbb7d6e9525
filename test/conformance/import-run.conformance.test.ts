import { afterAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/app/services.js';
import type { ImportBatch } from '../../src/core/import/import.types.js';
import { engines } from '../helpers/engines.js';

const meta = { author: 'importer', message: 'import', source: 'inventory' };

/** One batch whose records sit at lines 1… of `hosts.ndjson`, as a streaming importer gives them. */
function batch(cis: Record<string, unknown>[], relations: Record<string, unknown>[] = []): ImportBatch {
  return {
    cis: cis as unknown as ImportBatch['cis'],
    relations: relations as unknown as ImportBatch['relations'],
    locate: (kind, i) => ({ file: 'hosts.ndjson', location: `line ${kind === 'ci' ? i + 1 : cis.length + i + 1}` }),
  };
}

for (const harness of engines()) {
  describe(`imports as the CLI and the API run them (ImportService.run) on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    async function services(): Promise<Services> {
      const s = await createServices(await harness.newStore(), { runsJobs: false });
      await s.cmdb.initialize('t');
      return s;
    }

    it('reports a dry run with the refs it would change, writing nothing', async () => {
      const s = await services();
      const report = await s.imports.run(
        [
          batch(
            [
              { class: 'server', name: 'a' },
              { class: 'server', name: 'b' },
            ],
            [{ type: 'connects_to', from: 'server/a', to: 'server/b' }],
          ),
        ],
        meta,
        { dryRun: true },
      );
      expect(report).toMatchObject({
        revision: null,
        dryRun: true,
        refused: false,
        source: 'inventory',
        read: { cis: 2, relations: 1 },
        cis: { added: 2 },
        relations: { added: 1 },
      });
      expect(report.changes).toEqual({
        added: ['server/a', 'server/b'],
        modified: [],
        removed: [],
        relations: { added: ['server/a connects_to server/b'], modified: [], removed: [] },
      });
      expect(await s.cis.count()).toBe(0);
    });

    it('refuses bad records with their file and line, in the order of the input', async () => {
      const s = await services();
      const report = await s.imports.run(
        [
          batch([
            { class: 'server', name: 'ok' },
            { class: 'nope', name: 'x' },
            { class: 'server', name: 'y', colour: 1 },
          ]),
        ],
        meta,
      );
      expect(report.refused).toBe(true);
      expect(report.revision).toBeNull();
      expect(report.problems.map((p) => [p.file, p.location])).toEqual([
        ['hosts.ndjson', 'line 2'],
        ['hosts.ndjson', 'line 3'],
      ]);
      expect(Object.keys(report.problems[0]!)).toEqual(['file', 'message', 'location']);
    });

    it('prunes a partial input only inside what it covers', async () => {
      const s = await services();
      await s.imports.run(
        [
          batch([
            { class: 'server', name: 'a' },
            { class: 'server', name: 'b' },
            { class: 'database', name: 'db' },
          ]),
        ],
        meta,
      );
      // A partial file (a GLPI inventory marked partial declares it so) naming server/a only.
      const partial = await s.imports.run(
        [{ ...batch([{ class: 'server', name: 'a' }]), scope: { partial: true } }],
        meta,
        {
          prune: true,
        },
      );
      expect(partial.cis.removed).toBe(1);
      const names = async () => (await s.cis.list({ limit: 10 })).items.map((c) => `${c.class}/${c.name}`).sort();
      expect(await names()).toEqual(['database/db', 'server/a']);
      // Scoped to databases by the caller: servers it does not name are kept, the database goes.
      const scoped = await s.imports.run([batch([])], meta, { prune: true, scope: { classes: ['database'] } });
      expect(scoped.cis.removed).toBe(1);
      expect(await names()).toEqual(['server/a']);
    });

    it('puts in the plan of an import as a change the relationships earlier references become', async () => {
      const s = await services();
      // An earlier import names server/db, which no input or CI holds yet: the reference waits.
      const first = await s.imports.run(
        [batch([{ class: 'server', name: 'app' }], [{ type: 'connects_to', from: 'server/app', to: 'server/db' }])],
        { ...meta, source: 'apps' },
      );
      expect(first.unresolved.map((u) => u.missing)).toEqual(['server/db']);
      const report = await s.imports.run([batch([{ class: 'server', name: 'db' }])], meta, {
        asChange: { title: 'Add the database', actor: 'alice' },
      });
      expect(report).toMatchObject({ resolved: 1, cis: { added: 1 }, relations: { added: 1 } });
      const change = await s.changes.get(report.change!.ref);
      expect(change.plan?.cis.map((c) => `${c.class}/${c.name}`)).toEqual(['server/db']);
      expect(change.plan?.relations).toEqual([{ type: 'connects_to', from: 'server/app', to: 'server/db' }]);
      // Nothing was written: the reference still waits for the change to be implemented.
      expect(await s.cmdb.unresolvedRefs({ open: true, limit: 10 })).toHaveLength(1);
    });

    it('opens a change whose plan is the import, as the actor asked, and none when nothing would change', async () => {
      const s = await services();
      await s.imports.run(
        [
          batch([
            { class: 'server', name: 'kept' },
            { class: 'server', name: 'gone' },
          ]),
        ],
        meta,
      );
      const report = await s.imports.run(
        [
          batch([
            { class: 'server', name: 'kept', attributes: { cpu: 4 } },
            { class: 'server', name: 'new' },
          ]),
        ],
        meta,
        { prune: true, asChange: { title: 'Inventory sync', actor: 'alice' } },
      );
      expect(report.change).toMatchObject({ ref: expect.stringMatching(/^CHG-\d+$/), state: 'draft' });
      expect(report).toMatchObject({ revision: null, cis: { added: 1, modified: 1, removed: 1 } });
      const change = await s.changes.get(report.change!.ref);
      expect(change).toMatchObject({
        title: 'Inventory sync',
        requester: 'alice',
        description: 'Import from inventory: CIs 1 added, 1 modified, 1 removed.',
      });
      expect((await s.cis.list({ limit: 10 })).items.map((c) => c.name).sort()).toEqual(['gone', 'kept']);
      const nothing = await s.imports.run(
        [
          batch([
            { class: 'server', name: 'kept' },
            { class: 'server', name: 'gone' },
          ]),
        ],
        meta,
        { asChange: { title: 'again', actor: 'alice' } },
      );
      expect(nothing.change).toBeNull();
      await expect(
        s.imports.run([], meta, { dryRun: true, asChange: { title: 't', actor: 'a' } }),
      ).rejects.toMatchObject({ code: 'IMPORT_OPTIONS' });
    });
  });
}
